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
from bot.models import Interval
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
    """Ingest a gold folder into a temporary store, as a user would, and score the export.

    A user gives `--published` only where the text lacks the date (basis url or page
    metadata); what the text alone yields is scored as the publication date found."""
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
    report = Report()
    pool = ParsePool(settings.parse_workers, settings.spacy_model)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            async with await Store.open(Path(tmp) / "eval.db") as store:
                outcomes = await Ingestor(store, pool, settings).ingest_documents(documents)
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
        expected = {item["name"] for item in gold[key]}
        got = {a["name"] for a in exported["actors"] if a["kind"] == kind}
        tally.tp += len(expected & got)
        tally.fp += len(got - expected)
        tally.fn += len(expected - got)
        report.misses += [f"{label} {kind} missed: {n}" for n in sorted(expected - got)]
        report.misses += [f"{label} {kind} spurious: {n}" for n in sorted(got - expected)]
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
        wanted = set(event["participants"])
        need = min(2, len(wanted))
        candidates = [e for e in unmatched if len(wanted & set(e["participants"])) >= need]
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


def render_report(report: Report, verbose: bool = False) -> str:
    def prf(name: str, t: Tally) -> str:
        return f"{name:<34} P {t.precision:.2f}  R {t.recall:.2f}  F1 {t.f1:.2f}"

    lines = [
        prf("persons (canonical names)", report.persons),
        prf("organisations (canonical names)", report.organizations),
        prf("events (>=2 participants, date)", report.events),
        f"{'publication date (datelined)':<34} {report.published.value:.2f}"
        f"  ({report.published.hits}/{report.published.total}),"
        f" invented where none: {report.invented_published}",
        f"{'date mentions resolved':<34} {report.date_mentions.value:.2f}"
        f"  ({report.date_mentions.hits}/{report.date_mentions.total})",
        f"{'event dates':<34} {report.event_dates.value:.2f}"
        f"  ({report.event_dates.hits}/{report.event_dates.total})",
    ]
    if verbose:
        lines += ["", *report.misses]
    return "\n".join(lines)
