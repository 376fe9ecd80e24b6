"""Rows the store returns that are not answers themselves, and the converters from SQL values."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.answers import ArticleRef, EventView


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor in the name directory used for matching and autocomplete."""

    id: int
    name: str
    kind: str
    norm: str
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True)
class AliasEntry:
    alias_norm: str
    alias: str
    actor_id: int


@dataclass(frozen=True, slots=True)
class Directory:
    """Every actor (most mentioned first) and every declared alias."""

    actors: list[ActorEntry]
    aliases: list[AliasEntry]


@dataclass(frozen=True, slots=True)
class ActorStats:
    mentions: int
    articles: int
    undated_articles: int
    first_seen: date | None
    last_seen: date | None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    title: str
    source: str | None
    url: str | None
    published: date | None
    published_basis: str | None
    summary: list[str]

    @property
    def ref(self) -> ArticleRef:
        return ArticleRef(self.id, self.title, self.source, self.published, self.url)


@dataclass(frozen=True, slots=True)
class AliasResult:
    """What `Store.add_alias` did: `merged` names the actor folded into `actor`, if any."""

    actor: str
    alias: str
    merged: str | None = None


@dataclass(frozen=True, slots=True)
class StoreStats:
    articles: int
    undated_articles: int
    actors: int
    aliases: int
    events: int
    quotes: int
    date_mentions: int
    earliest: date | None
    latest: date | None


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# Columns of `articles ar` read by `ref`: keep in step with it.
REF_COLUMNS = "ar.id, ar.title, ar.source, ar.published, ar.url"


def ref(row: Sequence[Any], at: int = 0) -> ArticleRef:
    """An ArticleRef from the REF_COLUMNS starting at `at`."""
    return ArticleRef(row[at], row[at + 1], row[at + 2], to_date(row[at + 3]), row[at + 4])


# Columns read by `event`: keep in step with it.
EVENT_COLUMNS = f"""e.type, e.start_date, e.end_date, e.date_text, e.place,
    (SELECT json_group_array(name) FROM (
        SELECT a.name FROM event_participants p JOIN actors a ON a.id = p.actor_id
         WHERE p.event_id = e.id ORDER BY p.position)) AS participants,
    e.planned, e.sentence, {REF_COLUMNS}"""


def event(row: Sequence[Any], at: int = 0) -> EventView:
    """An EventView from the EVENT_COLUMNS starting at `at`."""
    r = row[at:]
    return EventView(
        type=r[0],
        start=to_date(r[1]),
        end=to_date(r[2]),
        date_text=r[3],
        place=r[4],
        participants=json.loads(r[5]),
        planned=bool(r[6]),
        sentence=r[7],
        article=ref(r, 8),
    )


def events_in_order(pick: str, order: str) -> str:
    """The EVENT_COLUMNS of the events whose ids `pick` selects, ordered by `order` (over
    `events e` and `articles ar`). `pick` orders and limits on cheap columns, so the costly
    ones (participants) are built for the page of events only, not every candidate."""
    return (
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles ar ON ar.id = e.article_id"
        f" WHERE e.id IN ({pick}) ORDER BY {order}"
    )
