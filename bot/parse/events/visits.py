"""Visits: a visitor and the country they went to ("X visited China", "X's trip to Germany",
"X arrived in Seoul"), and the visits that are no more than the trip to a meeting."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.models import ActorKind, EventType
from bot.normalize import norm
from bot.parse.actors import ActorTable
from bot.parse.bodies import CAPITALS, COUNTRY_NAMES
from bot.parse.events.lexicon import DESTINATION_PREPS, OBJECT_DEPS, TALK_TYPES
from bot.parse.events.merge import FoundEvent


def host_country(trigger: Token, scope: set[int], doc: Doc, actors: ActorTable) -> str | None:
    """The country a visit went to, as the article names it: the place visited ("visited
    China", "a trip to Germany", "arrived in Seoul"), or the country whose capital that is."""
    place = _destination(trigger, scope, doc, actors)
    if place is None:
        return None
    country = COUNTRY_NAMES.get(norm(place)) or CAPITALS.get(norm(place))
    if country is None:
        return None
    return next(
        (
            name
            for name, ref in actors.actors.items()
            if ref.kind is ActorKind.PLACE and COUNTRY_NAMES.get(norm(name)) == country
        ),
        None,
    )


def _destination(trigger: Token, scope: set[int], doc: Doc, actors: ActorTable) -> str | None:
    """The place the visit's word takes as its object or after "to" or "in"."""
    for mention in actors.mentions:
        if mention.kind is not ActorKind.PLACE or mention.start not in scope:
            continue
        root = doc[mention.end - 1]
        while root.dep_ == "appos" or (root.dep_ == "compound" and root.head.i != root.i):
            root = root.head  # "Bejing, China": the city the country is in apposition to
        if root.dep_ in OBJECT_DEPS and root.head.i == trigger.i:
            return mention.name
        prep = root.head
        if root.dep_ == "pobj" and prep.lower_ in DESTINATION_PREPS and prep.head.i == trigger.i:
            return mention.name
    return None


def fold_trips(events: list[FoundEvent]) -> list[FoundEvent]:
    """Drop the visits that are only the trip to a meeting or call of the visitor: one on the
    same day or, undated, told by a verb in the same sentence ("visited Norway on Tuesday,
    where he met X"); an undated visit's, any. The talk takes the trip's place and, having
    none, its date."""
    talks = [e for e in events if e.record.type in TALK_TYPES]
    kept: list[FoundEvent] = []
    for event in events:
        talk = next((t for t in talks if _trip_to(event, t)), None) if _visit(event) else None
        if talk is None:
            kept.append(event)
            continue
        trip, held = event.record, talk.record
        held.place = held.place or trip.place
        if held.date_text is None:
            held.interval, held.date_text = trip.interval, trip.date_text
    return kept


def _visit(event: FoundEvent) -> bool:
    return event.record.type is EventType.VISIT and not event.record.planned


def _trip_to(visit: FoundEvent, talk: FoundEvent) -> bool:
    if talk.record.planned or not visit.persons & talk.persons:
        return False
    a, b = visit.record, talk.record
    if a.date_text is None or a.interval is None:
        return True
    if b.date_text is None:  # "visited Norway on Tuesday, where he met X" (not "for talks")
        return a.sentence == b.sentence and not talk.talk_noun
    return b.interval is not None and a.interval.overlaps(b.interval)
