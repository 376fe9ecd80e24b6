"""Plain data passed between ingestion, parsing, storage and briefing.

Everything here is picklable so parsed articles can cross the process-pool boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    GROUP = "group"


class EventType(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    VISIT = "visit"
    LETTER = "letter"
    STATEMENT = "statement"
    ATTACK = "attack"
    AGREEMENT = "agreement"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed range of days; a single day has start == end."""

    start: date
    end: date

    def overlaps(self, other: Interval) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(slots=True)
class SourceDocument:
    """A cleaned article, ready to parse: the output of `bot.sources`."""

    text: str
    title: str
    published: date | None = None
    published_basis: str | None = None  # "dateline", "stamp", "metadata", "user", "feed"
    source: str | None = None  # the outlet, e.g. "Rudaw"
    url: str | None = None
    dateline_place: str | None = None  # "Erbil" from "ERBIL, Kurdistan Region -"


@dataclass(slots=True)
class ActorRef:
    """One actor as it appears in one article."""

    name: str  # canonical name
    kind: ActorKind
    mentions: list[str] = field(default_factory=list)  # surface forms, first-seen order
    count: int = 0
    roles: list[str] = field(default_factory=list)  # titles seen next to the name


@dataclass(slots=True)
class DateMention:
    """A temporal expression and the interval it resolves to (None when unresolved)."""

    text: str
    char_start: int
    char_end: int
    interval: Interval | None = None


@dataclass(slots=True)
class EventRecord:
    type: EventType
    participants: list[str]  # canonical actor names
    sentence: str
    interval: Interval | None = None
    date_text: str | None = None
    place: str | None = None
    planned: bool = False


@dataclass(slots=True)
class QuoteRecord:
    speaker: str | None  # canonical actor name, None when the text does not say
    text: str


@dataclass(slots=True)
class ParsedArticle:
    document: SourceDocument
    content_hash: str
    actors: list[ActorRef] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # extractive: sentences from the text


class Origin(StrEnum):
    """How a stored article came in: an admin's hand, a feed's poll, or a feed's first poll
    (its items then are background knowledge, not news: they trigger no watch)."""

    ADMIN = "admin"
    FEED = "feed"
    FEED_FIRST_POLL = "feed-first-poll"


class Status(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(slots=True)
class Outcome:
    """What happened to one source; `message` is one line for the user."""

    source: str
    status: Status
    message: str
    article_id: int | None = None
    title: str | None = None
    published: date | None = None
    actors: list[str] = field(default_factory=list)
    events: int = 0
    unparsed: int = 0  # characters of a stored article too long to parse all of
