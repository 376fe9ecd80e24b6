"""The answers of the briefing functions and admin operations: plain data that renderers
turn into text, JSON or embeds.

Dates are `datetime.date`; an interval is `start`/`end` (both None when undated).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from bot.knowledge import Entry, Role
from bot.models import Interval


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Enough of an article to cite it: `[#id Title — Source]`."""

    id: int
    title: str
    source: str | None
    published: date | None
    url: str | None = None  # where it was fetched from, if it was


@dataclass(frozen=True, slots=True)
class EventView:
    type: str
    start: date | None
    end: date | None
    date_text: str | None
    place: str | None
    participants: list[str]
    planned: bool
    sentence: str
    article: ArticleRef


@dataclass(frozen=True, slots=True)
class QuoteView:
    speaker: str | None
    text: str
    article: ArticleRef


@dataclass(frozen=True, slots=True)
class RoleSeen:
    """A title seen next to an actor, with the first and last article dates it was seen on;
    `known`: a role of the knowledge base, `first` and `last` its start and end (None: open),
    `articles` those that gave the actor this office."""

    role: str
    first: date | None
    last: date | None
    articles: int
    known: bool = False


@dataclass(frozen=True, slots=True)
class CoActor:
    name: str
    kind: str
    shared_articles: int


@dataclass(frozen=True, slots=True)
class ActorCount:
    name: str
    kind: str
    mentions: int
    articles: int


@dataclass(slots=True)
class ActorProfile:
    name: str
    kind: str
    aliases: list[str]  # declared by admins
    surfaces: list[str]  # how articles wrote the name, most frequent first
    roles: list[RoleSeen]
    mentions: int
    articles: int
    undated_articles: int  # counted in `articles`, but not in first/last seen
    first_seen: date | None
    last_seen: date | None
    co_actors: list[CoActor]
    recent_events: list[EventView]
    quotes: list[QuoteView]
    also: list[str] = field(default_factory=list)  # other actors the name could mean


@dataclass(frozen=True, slots=True)
class DateHit:
    """An article mentioning a date inside the asked interval, with the matching date texts."""

    article: ArticleRef
    texts: list[str]


@dataclass(slots=True)
class DateAnswer:
    interval: Interval
    events: list[EventView]
    published: list[ArticleRef]
    mentioned: list[DateHit]


@dataclass(slots=True)
class Timeline:
    actor: str
    kind: str
    since: date | None
    until: date | None
    events: list[EventView]  # dated, oldest first
    undated: list[EventView]  # only when no period is given
    also: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Between:
    first: str
    second: str
    events: list[EventView]  # both took part, oldest first (undated last)
    articles: list[ArticleRef]  # both mentioned, newest first


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: ArticleRef
    snippet: str
    matches: list[tuple[int, int]]  # (start, end) offsets of the matched words in `snippet`
    score: float  # bm25: lower is better

    def highlighted(self, mark: str = "**", escape: Callable[[str], str] = str) -> str:
        """The snippet with each match wrapped in `mark`; `escape` applies to the text only."""
        parts, last = [], 0
        for start, end in self.matches:
            parts += [escape(self.snippet[last:start]), mark, escape(self.snippet[start:end]), mark]
            last = end
        return "".join([*parts, escape(self.snippet[last:])])


@dataclass(frozen=True, slots=True)
class ActorInArticle:
    name: str
    kind: str
    count: int
    mentions: list[str]  # surface forms


@dataclass(frozen=True, slots=True)
class DateInArticle:
    text: str
    start: date | None
    end: date | None


@dataclass(slots=True)
class ArticleView:
    id: int
    title: str
    source: str | None
    url: str | None
    published: date | None
    published_basis: str | None
    summary: list[str]
    actors: list[ActorInArticle]
    events: list[EventView]
    quotes: list[QuoteView]
    dates: list[DateInArticle]


@dataclass(slots=True)
class Story:
    """Articles of a briefing's window reporting the same event, told once."""

    headline: str  # the lead article's title
    summary: list[str]  # one or two sentences of the lead article's text
    published: date | None  # the earliest publication date of its sources (None: all undated)
    key_actors: list[str]  # people first
    events: list[EventView]  # of all its sources, each event once
    sources: list[ArticleRef]  # the lead article first, then by publication date


@dataclass(frozen=True, slots=True)
class ActorChange:
    """One of the window's most mentioned actors and what is new about them in it."""

    name: str
    kind: str
    mentions: int
    articles: int
    first_appearance: bool  # no article before the window mentions them
    new_roles: list[str]  # titles seen with them in the window, never before it


@dataclass(slots=True)
class Briefing:
    """A digest of a window of articles: its stories, newest first, then its top actors.

    A "brief" covers articles published in [since, until] (undated ones only when neither is
    given); a "digest" covers the articles stored after article `after_id`. With `actor`, only
    the articles mentioning that actor. Nothing before the window (no `since`, no `after_id`)
    means no first appearances or new roles.
    """

    kind: Literal["brief", "digest"]
    since: date | None
    until: date | None
    after_id: int | None
    actor: str | None
    articles: int  # how many articles the window covers
    last_article_id: int | None  # the highest id among them (None: the window is empty)
    stories: list[Story]
    more_stories: int  # stories beyond those listed
    more_articles: int  # the articles of those stories
    unread: int  # the window's oldest articles beyond what one briefing reads: only counted
    top_actors: list[ActorChange]  # most mentioned first; never `actor` itself
    latest_with_articles: date | None = None  # set when the window is empty


@dataclass(frozen=True, slots=True)
class Deleted:
    """An article an admin deleted, with everything parsed from it."""

    article_id: int


@dataclass(frozen=True, slots=True)
class Redated:
    """An article given a publication date (`was` the one it had), and how many of its date
    mentions resolve differently since."""

    article_id: int
    title: str
    published: date
    was: date | None
    dates_changed: int


@dataclass(frozen=True, slots=True)
class AliasAdded:
    """A new alias of `actor` (`merged` names an actor folded into it, if any) and the
    articles to re-parse: those holding the alias or any other spelling of the actor."""

    actor: str
    alias: str
    merged: str | None
    article_ids: list[int]


@dataclass(frozen=True, slots=True)
class KnowledgeAdded:
    """An actor taught to the parser as it now stands (`created`: a new name), and the
    articles to re-parse: those holding its name, an alias or a person's surname."""

    entry: Entry
    created: bool
    article_ids: list[int]


@dataclass(frozen=True, slots=True)
class KnowledgeImported:
    """A file of entries taught (`created` of them new names), and the articles to re-parse."""

    entries: int
    created: int
    article_ids: list[int]


@dataclass(frozen=True, slots=True)
class KnownActor:
    """What the parser knows of an actor: its kind, other names and roles over time, taught
    by the server and given by the beat packs in use (`sources`: "taught", "pack kurdistan")."""

    name: str
    kind: str
    aliases: list[str]
    roles: list[Role]
    sources: list[str]


@dataclass(slots=True)
class Reparse:
    """The re-parse after an alias or a taught entry, as it goes: `done` articles so far,
    `finished` at the end."""

    added: AliasAdded | KnowledgeAdded | KnowledgeImported
    done: int = 0
    finished: bool = False

    @property
    def total(self) -> int:
        return len(self.added.article_ids)


@dataclass(frozen=True, slots=True)
class ItemReport:
    """What became of one new feed item: stored as #N, a duplicate of #N, or skipped and why."""

    title: str
    link: str | None
    outcome: str  # stored | duplicate | skipped
    article_id: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """One poll of one feed. `status`: new items (read), not modified (a 304), waiting (backoff
    or Retry-After), failed (`error`); `state` is the feed's state after it."""

    url: str
    title: str | None
    status: str  # read | not modified | waiting | failed
    state: str  # ok | failing | disabled
    items: list[ItemReport] = field(default_factory=list)
    known: int = 0  # items seen on earlier polls
    error: str | None = None
    first_poll: bool = False
    waiting_until: datetime | None = None
