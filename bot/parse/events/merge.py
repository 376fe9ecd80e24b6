"""Reports of one event folded into one: within a sentence, back-references ("the meeting")
and repeats across the article."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.models import EventRecord, EventType, Interval, SourceDocument
from bot.parse.events.lexicon import TYPE_PRIORITY

REMOTE_TYPES = frozenset({EventType.CALL, EventType.LETTER})


@dataclass(slots=True)
class FoundEvent:
    """An event while the article is read: a place named only on a noun is held in reserve."""

    record: EventRecord
    fallback_place: str | None = None
    persons: set[str] = field(default_factory=set)
    weak: bool = False  # triggered by a verb of content ("discuss") only
    group: bool = False  # one side is a party whose members may be named later
    unnamed: str | None = None  # that party, if no member is named ("unnamed US delegation")
    refers: bool = False  # "the meeting": a report of an event already told
    times: bool = False  # "after the meeting": named only to time what the clause tells
    offset_days: int = 0  # "a day after the meeting": the event is this far from its clause
    talk_noun: bool = False  # "the conversation", "the talks": may report a call

    def absorb(self, other: FoundEvent) -> None:
        """Take in another report of the same event: its people, and a date or place it adds."""
        self.add_people(other.record.participants, other.persons)
        if len(self.persons) >= 2:  # named people make a side's institution redundant
            self.record.participants = [p for p in self.record.participants if p in self.persons]
        self._take_date(other)
        self._take_place(other)
        if self.weak and not other.weak:
            self.record.type, self.weak = other.record.type, False
        self.group = self.group or other.group
        self.unnamed = self.unnamed or other.unnamed
        self.refers = self.refers or other.refers

    def join(self, other: FoundEvent) -> None:
        """Take in the people, place and (if this has none) date of a later report that refers
        back to this event; a report that only times something by it adds no people."""
        if not other.times:
            self.add_people(other.record.participants, other.persons)
        self._take_date(other)
        self._take_place(other)

    def dates(self, report: FoundEvent) -> bool:
        """Whether a report referring back to this event may be of it: it gives no date, or
        this event has none yet, or only a vague one ("last week", then "the July 11
        meeting")."""
        mine = self.record
        theirs = report.record
        vague = mine.interval is None and theirs.interval is not None
        return theirs.date_text is None or mine.date_text is None or vague

    def add_people(self, participants: list[str], persons: set[str]) -> None:
        """Add participants not yet listed, and the people among them."""
        mine = self.record.participants
        mine += [p for p in dict.fromkeys(participants) if p not in mine]
        self.persons |= persons

    def _take_date(self, other: FoundEvent) -> None:
        """The other report's date, if this one has none or only a vague one ("last week")."""
        mine, theirs = self.record, other.record
        vague = mine.interval is None and theirs.interval is not None
        if theirs.date_text is not None and (mine.date_text is None or vague):
            mine.interval, mine.date_text = theirs.interval, theirs.date_text
            self.offset_days = other.offset_days

    def _take_place(self, other: FoundEvent) -> None:
        self.record.place = self.record.place or other.record.place
        self.fallback_place = self.fallback_place or other.fallback_place

    def finish(self, document: SourceDocument) -> EventRecord:
        """Undated and unplaced events happened on the dateline's day and at its place; a
        call or a letter has no place but one its own words give."""
        event = self.record
        if event.date_text is None and document.published is not None and not event.planned:
            event.interval = Interval(document.published, document.published)
        if self.offset_days and event.interval is not None:
            shift = timedelta(days=self.offset_days)
            event.interval = Interval(event.interval.start + shift, event.interval.end + shift)
        if event.type not in REMOTE_TYPES:
            event.place = event.place or self.fallback_place or document.dateline_place
        return event


def one_per_sentence(events: list[FoundEvent]) -> list[FoundEvent]:
    """Triggers of one sentence sharing participants ("met ... during a visit") are one event;
    the most specific type wins."""
    ordered = sorted(events, key=lambda e: TYPE_PRIORITY.index(e.record.type))
    return _fold(ordered, _one_occasion)


def _one_occasion(first: FoundEvent, second: FoundEvent) -> bool:
    """Whether two reports of one sentence are one event: two shared participants, both past
    or both ahead ("met X to invite him to a summit"), and no letter handed over beside the
    talk it was handed at ("had a talk with X, who gave him a letter")."""
    shared = set(first.record.participants) & set(second.record.participants)
    letters = (first.record.type is EventType.LETTER) + (second.record.type is EventType.LETTER)
    same_time = first.record.planned == second.record.planned
    return len(shared) >= 2 and same_time and letters != 1


def _fold(
    events: list[FoundEvent], same: Callable[[FoundEvent, FoundEvent], bool]
) -> list[FoundEvent]:
    """`events` with each one that is `same` as one kept before folded into it."""
    kept: list[FoundEvent] = []
    for event in events:
        twin = next((k for k in kept if same(k, event)), None)
        if twin is None:
            kept.append(event)
        else:
            twin.absorb(event)
    return kept


def antecedent_event(event: FoundEvent, found: list[FoundEvent]) -> FoundEvent | None:
    """The event "the meeting" refers to: of its type (a call for "the conversation"), past or
    ahead like the report, and told before; the last one naming all the people this report
    names ("the talk between A and B"), else the last one if it could be the same (it has an
    unnamed party, shares a person, or this report names no pair)."""
    mine = set(event.record.participants)
    told = [
        earlier
        for earlier in reversed(found)
        if _reports_type(event, earlier.record.type)
        and earlier.record.planned == event.record.planned
    ]
    if not told:
        return None
    cover = next((e for e in told if mine <= set(e.record.participants)), None)
    if len(mine) >= 2 and cover is not None:
        return cover
    last = told[0]
    if last.group or len(mine) < 2 or mine & set(last.record.participants):
        return last
    return None


def _reports_type(report: FoundEvent, kind: EventType) -> bool:
    """Whether a report refers to an event of `kind`: its own type, or a call for "the
    conversation" or "the talks", which may have been held by phone."""
    return report.record.type == kind or (report.talk_noun and kind is EventType.CALL)


def merge(events: list[FoundEvent]) -> list[FoundEvent]:
    """Fold repeated reports of one event (same type, shared participants, compatible dates)."""
    return _fold(events, _same_event)


def _same_event(first: FoundEvent, second: FoundEvent) -> bool:
    return (
        _same_kind(first, second)
        and _same_parties(first, second)
        and _same_time(first.record, second.record)
    )


def _same_kind(first: FoundEvent, second: FoundEvent) -> bool:
    """Both planned or both past, of one type unless a report's type is only a guess (never
    one person's statement and an event between two sides)."""
    a, b = first.record, second.record
    if (a.type is EventType.STATEMENT) != (b.type is EventType.STATEMENT):
        return False
    return a.planned == b.planned and (a.type == b.type or first.weak or second.weak)


def _same_parties(first: FoundEvent, second: FoundEvent) -> bool:
    """Two shared participants (or all of a shorter list), or the same people with an
    institution (not an unnamed party) standing for some of them."""
    a, b = first.record, second.record
    shared = set(a.participants) & set(b.participants)
    if len(shared) >= min(2, len(a.participants), len(b.participants)):
        return True
    return (
        a.type == b.type
        and bool(shared & first.persons)
        and not (_has_unnamed_party(first) or _has_unnamed_party(second))
        and _only_institutions(first, second)
    )


def _has_unnamed_party(event: FoundEvent) -> bool:
    """An "unnamed US delegation" stands for people the article never names, so for none of
    the people another report names."""
    return event.unnamed is not None and event.unnamed in event.record.participants


def _same_time(a: EventRecord, b: EventRecord) -> bool:
    """Overlapping dates, when both reports give one; a vague phrase ("last week") fits any
    date; when neither phrase resolves (the article's own date is unknown), phrases that
    differ ("on Saturday", "last month") tell two events."""
    if a.date_text and b.date_text and a.interval and b.interval:
        return a.interval.overlaps(b.interval)
    if a.date_text and b.date_text and not (a.interval or b.interval):
        x, y = a.date_text.casefold(), b.date_text.casefold()
        return x in y or y in x
    return True


def _only_institutions(first: FoundEvent, second: FoundEvent) -> bool:
    """Whether one report differs from the other only by an institution standing for people
    the other names ("received a delegation from the US Senate", "... including Senator X")."""
    a, b = set(first.record.participants), set(second.record.participants)
    return not (a - b) & first.persons or not (b - a) & second.persons
