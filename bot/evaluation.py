"""Scoring the parser against hand-labelled articles (a folder with `gold.jsonl`)."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.briefing import export_articles
from bot.calendar import iso_interval
from bot.config import Settings
from bot.errors import BriefbotError
from bot.ingestion import Ingestor
from bot.knowledge import beats_in_use
from bot.models import Interval
from bot.normalize import norm
from bot.parse.pool import ParsePool
from bot.sources import document_from_file
from storage.store import Store

# Gold `published_basis` values for which a user would pass --published (the text lacks it).
USER_SUPPLIED_BASES = {"url", "page metadata"}
DATELINE_BASIS = "dateline in text"


@dataclass(slots=True)
class Tally:
    """Precision/recall counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass(slots=True)
class Report:
    beats: tuple[str, ...] = ()  # the beat packs the parser used
    persons: Tally = field(default_factory=Tally)
    organizations: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)
    published: Ratio = field(default_factory=Ratio)
    invented_published: int = 0
    date_mentions: Ratio = field(default_factory=Ratio)
    event_dates: Ratio = field(default_factory=Ratio)
    misses: list[str] = field(default_factory=list)


def load_gold(folder: Path) -> list[dict[str, Any]]:
    with (folder / "gold.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_interval(value: str | None) -> Interval | None:
    """ "2024-02-26", "2024-02" or "2024" as the interval it names."""
    return iso_interval(value) if value else None


def _interval(item: dict[str, Any]) -> Interval | None:
    if not item.get("start"):
        return None
    return Interval(date.fromisoformat(item["start"]), date.fromisoformat(item["end"]))


async def evaluate(folder: Path, settings: Settings) -> Report:
    """Ingest a gold folder into a temporary store, as a user would, with the beat packs of
    `settings` (and only them), and score the export.

    A user gives `--published` only where the text lacks the date (basis url or page
    metadata); what the text alone yields is scored as the publication date found."""
    with beats_in_use(settings.beats):
        return await _evaluate(folder, settings)


async def _evaluate(folder: Path, settings: Settings) -> Report:
    golds = {gold["file"]: gold for gold in load_gold(folder)}
    found: dict[str, date | None] = {}
    documents = []
    for name, gold in golds.items():
        document = document_from_file(folder / name, max_bytes=settings.max_article_bytes)
        found[name] = document.published
        if gold["published_basis"] in USER_SUPPLIED_BASES:
            document.published = date.fromisoformat(gold["published"])
            document.published_basis = "user"
        documents.append((name, document))
    report = Report(beats=settings.beats)
    pool = ParsePool(settings.parse_workers, settings.spacy_model, settings.beats)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            async with (
                await Store.open(Path(tmp) / "eval.db") as store,
                Ingestor(store, pool, settings) as ingestor,
            ):
                outcomes = await ingestor.ingest_documents(documents)
                await ingestor.settled()  # the articles re-read for the people learned
                names = {}
                for outcome in outcomes:
                    if outcome.article_id is None:
                        raise BriefbotError(f"{outcome.source}: {outcome.message}")
                    names[outcome.article_id] = outcome.source
                async for exported in export_articles(store):
                    name = names[exported["id"]]
                    score_article(golds[name], exported, found[name], report)
    finally:
        pool.close()
    return report


def score_article(
    gold: dict[str, Any], exported: dict[str, Any], found_in_text: date | None, report: Report
) -> None:
    """Add one article's counts to `report`."""
    label = gold["id"]
    for kind, key, tally in (
        ("person", "persons", report.persons),
        ("organization", "organizations", report.organizations),
    ):
        expected = {norm(item["name"]): item["name"] for item in gold[key]}
        got = {norm(a["name"]): a["name"] for a in exported["actors"] if a["kind"] == kind}
        tally.tp += len(expected.keys() & got.keys())
        tally.fp += len(got.keys() - expected.keys())
        tally.fn += len(expected.keys() - got.keys())
        report.misses += [
            f"{label} {kind} missed: {expected[k]}" for k in sorted(expected.keys() - got.keys())
        ]
        report.misses += [
            f"{label} {kind} spurious: {got[k]}" for k in sorted(got.keys() - expected.keys())
        ]
    _score_published(gold, found_in_text, report)
    _score_dates(gold, exported, report)
    _score_events(gold, exported, report)


def _score_published(gold: dict[str, Any], found: date | None, report: Report) -> None:
    if gold["published_basis"] == DATELINE_BASIS:
        report.published.total += 1
        if found is not None and found.isoformat() == gold["published"]:
            report.published.hits += 1
        else:
            report.misses.append(f"{gold['id']} published: found {found}, gold {gold['published']}")
    elif found is not None:
        report.invented_published += 1
        report.misses.append(f"{gold['id']} published invented: {found}")


def _score_dates(gold: dict[str, Any], exported: dict[str, Any], report: Report) -> None:
    unused = list(exported["dates"])
    for mention in gold["date_mentions"]:
        report.date_mentions.total += 1
        want = mention["text"].casefold()
        match = next(
            (d for d in unused if want in d["text"].casefold() or d["text"].casefold() in want),
            None,
        )
        if match is not None:
            unused.remove(match)
            if _interval(match) == gold_interval(mention["value"]):
                report.date_mentions.hits += 1
                continue
        got = None if match is None else (match["text"], match["start"], match["end"])
        report.misses.append(f"{gold['id']} date {mention['text']!r}={mention['value']}: got {got}")


def _score_events(gold: dict[str, Any], exported: dict[str, Any], report: Report) -> None:
    unmatched = list(exported["events"])
    for event in gold["events"]:
        wanted = {norm(name) for name in event["participants"]}
        need = min(2, len(wanted))
        candidates = [e for e in unmatched if len(wanted & _keys(e["participants"])) >= need]
        right_date = [e for e in candidates if _interval(e) == gold_interval(event["date"])]
        match = (right_date or candidates or [None])[0]
        if match is None:
            report.events.fn += 1
            report.misses.append(f"{gold['id']} event missed: {event['type']} {sorted(wanted)}")
            continue
        unmatched.remove(match)
        if event["date"] is not None:
            report.event_dates.total += 1
            if _interval(match) == gold_interval(event["date"]):
                report.event_dates.hits += 1
            else:
                report.events.fn += 1
                report.events.fp += 1
                report.misses.append(
                    f"{gold['id']} event date: {event['date']} got {match['start']}..{match['end']}"
                )
                continue
        report.events.tp += 1
    report.events.fp += len(unmatched)
    report.misses += [
        f"{gold['id']} event spurious: {e['type']} {e['participants']} {e['start']}"
        for e in unmatched
    ]


def _keys(names: list[str]) -> set[str]:
    return {norm(name) for name in names}


def report_rows(report: Report) -> list[tuple[str, str, str, str, str]]:
    """(metric, precision, recall, score, detail) for each figure of one folder."""

    def prf(metric: str, t: Tally) -> tuple[str, str, str, str, str]:
        return metric, f"{t.precision:.2f}", f"{t.recall:.2f}", f"{t.f1:.2f}", ""

    def ratio(metric: str, r: Ratio, extra: str = "") -> tuple[str, str, str, str, str]:
        return metric, "", "", f"{r.value:.2f}", f"{r.hits}/{r.total}{extra}"

    invented = f", invented where none: {report.invented_published}"
    return [
        prf("persons", report.persons),
        prf("organisations", report.organizations),
        prf("events (>=2 participants, date)", report.events),
        ratio("publication date (datelined)", report.published, invented),
        ratio("date mentions resolved", report.date_mentions),
        ratio("event dates", report.event_dates),
    ]


def render_table(reports: dict[str, Report], verbose: bool = False) -> str:
    """One row per folder and figure; with `verbose`, every miss after the table."""
    width = max(6, *(len(name) for name in reports))
    packs = "; ".join(f"{name} {', '.join(r.beats) or 'none'}" for name, r in reports.items())
    lines = [f"beat packs: {packs}"]
    lines += [f"{'folder':<{width}}  {'figure':<32} {'P':>5} {'R':>5} {'F1/acc':>6}  detail"]
    for name, report in reports.items():
        for metric, p, r, score, detail in report_rows(report):
            lines.append(f"{name:<{width}}  {metric:<32} {p:>5} {r:>5} {score:>6}  {detail}")
    if verbose:
        for name, report in reports.items():
            lines += ["", f"{name}:", *report.misses]
    return "\n".join(lines).rstrip()
