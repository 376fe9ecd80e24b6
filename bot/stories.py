"""Stories: the articles of a briefing's window grouped by the event they report, told once.

Two articles report the same event when
- their texts are near-duplicates (a copy, or another outlet's light rewrite): at least
  MIN_SHARED and at least half of the shorter text's rare word trigrams (those found in at
  most RARE articles of the window: common ones are boilerplate or stock phrases) are in the
  other; or
- they report an event of the same type (not "other") on the same dates with at least two
  of the same participants, and were published at most PUBLISHED_APART apart. Shared people
  alone are not enough: an undated event could link two events of different dates.
Candidate pairs come from inverted indexes (trigram → articles, event key → articles), never
from all pairs, so grouping stays near-linear; the stories are the connected groups.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations, pairwise

from bot.answers import ActorInArticle, EventView, Story
from bot.outlets import is_outlet
from storage.window_queries import WindowArticle

RARE = 20
MIN_SHARED = 10
NEAR_DUPLICATE = 0.5
PUBLISHED_APART = timedelta(days=3)
SUMMARY_SENTENCES = 2
KEY_ACTORS = 4
KIND_ORDER = {"person": 0, "organization": 1, "group": 2, "place": 3}
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Report:
    """One article of the window with what grouping needs."""

    article: WindowArticle
    events: list[EventView]

    @property
    def id(self) -> int:
        return self.article.row.id

    @property
    def published(self) -> date | None:
        return self.article.row.published


def story_groups(
    reports: list[Report], duplicates: Iterable[tuple[int, int]]
) -> list[list[Report]]:
    """The reports grouped by story, newest story first (by its earliest date, undated ones
    last, then by its newest article), given the `near_duplicates` of their texts (found
    apart: they are the costly part)."""
    pairs = [*duplicates, *_same_events(reports)]
    groups = [[reports[i] for i in group] for group in _groups(len(reports), pairs)]
    return sorted(groups, key=_newest, reverse=True)


def tell(reports: list[Report], actors: dict[int, list[ActorInArticle]]) -> Story:
    """One story from the reports of one event (`actors` by article id), headline and
    summary from the lead article: the earliest published of those with a summary. Its key
    actors are never news outlets: not the reports' own, nor any known outlet or agency."""
    lead = min(reports, key=lambda r: (not r.article.row.summary, *_date_order(r)))
    ordered = [lead, *sorted((r for r in reports if r is not lead), key=_date_order)]
    return Story(
        headline=lead.article.row.title,
        summary=lead.article.row.summary[:SUMMARY_SENTENCES],
        published=_earliest(reports),
        key_actors=_key_actors(
            [
                actor
                for report in ordered
                for actor in actors.get(report.id, [])
                if not is_outlet(actor.name, report.article.row.source)
            ]
        ),
        events=_distinct_events([e for r in ordered for e in r.events]),
        sources=[r.article.row.ref for r in ordered],
    )


def _earliest(reports: list[Report]) -> date | None:
    return min((r.published for r in reports if r.published), default=None)


def _key_actors(actors: Iterable[ActorInArticle]) -> list[str]:
    """The main actors: people first, then bodies, then places; most mentioned first."""
    counts: Counter[tuple[str, str]] = Counter()
    for actor in actors:
        counts[actor.name, actor.kind] += actor.count
    ranked = sorted(counts.items(), key=lambda item: (KIND_ORDER.get(item[0][1], 9), -item[1]))
    return [name for (name, _), _ in ranked[:KEY_ACTORS]]


def near_duplicates(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs of indexes of near-duplicate texts (see the module's docstring).

    The bot runs it in a process of its own (`bot.offload`); elsewhere it runs in a thread
    beside an event loop, so no single C call runs over the whole window (it would hold the
    GIL throughout) and it makes few objects the garbage collector keeps scanning (its
    passes stop every thread)."""
    shingles = [_shingles(text) for text in texts]
    seen: Counter[int] = Counter()
    for own in shingles:
        seen.update(own)
    common = {shingle for shingle, count in seen.items() if count > RARE}
    shared = {shingle for shingle, count in seen.items() if 1 < count <= RARE}
    del seen
    # Tuples of ints, unlike lists, drop out of the garbage collector's sight once seen.
    index: dict[int, tuple[int, ...]] = {}
    for i, own in enumerate(shingles):
        for shingle in own & shared:
            index[shingle] = (*index.get(shingle, ()), i)
    size = len(texts)
    pairs = Counter(i * size + j for members in index.values() for i, j in combinations(members, 2))
    rare = [len(own - common) for own in shingles]
    found = []
    for pair, count in pairs.items():
        i, j = divmod(pair, size)
        if count >= MIN_SHARED and count >= NEAR_DUPLICATE * min(rare[i], rare[j]):
            found.append((i, j))
    return found


def _shingles(text: str) -> set[int]:
    """The text's word trigrams (hashed), case-folded."""
    words = _WORD.findall(text.casefold())
    return set(map(hash, zip(words, words[1:], words[2:], strict=False)))


def _same_events(reports: list[Report]) -> Iterator[tuple[int, int]]:
    """Pairs of indexes of dated reports of the same event (see the module's docstring): the
    reports under one event key, by publication date, each with the next if close enough."""
    index: dict[tuple, list[tuple[date, int]]] = {}
    for i, report in enumerate(reports):
        if report.published is not None:
            for key in _event_keys(report.events):
                index.setdefault(key, []).append((report.published, i))
    for members in index.values():
        for (before, i), (after, j) in pairwise(sorted(members)):
            if after - before <= PUBLISHED_APART:
                yield i, j


def _event_keys(events: list[EventView]) -> set[tuple]:
    """What reports of one event share: its type, its dates and two of its participants."""
    return {
        (event.type, event.start, event.end, pair)
        for event in events
        if event.type != "other" and event.start is not None
        for pair in combinations(sorted(set(event.participants)), 2)
    }


def _distinct_events(events: list[EventView]) -> list[EventView]:
    """Each event once: the first of those with the same type, dates and participants."""
    seen: dict[tuple, EventView] = {}
    for event in events:
        seen.setdefault((event.type, event.start, event.end, frozenset(event.participants)), event)
    return list(seen.values())


def _newest(group: list[Report]) -> tuple[bool, date, int]:
    """Dated stories by their earliest date, then undated ones, each by their newest article."""
    published = _earliest(group)
    return (published is not None, published or date.min, max(r.id for r in group))


def _date_order(report: Report) -> tuple[bool, date, int]:
    """Earliest published first, undated last, then by id."""
    published = report.published
    return (published is None, published or date.max, report.id)


def _groups(size: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The connected groups of 0..size-1 linked by `pairs` (union-find), in index order."""
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(size):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())
