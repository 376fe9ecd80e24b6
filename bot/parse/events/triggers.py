"""Triggers: the words that report an event, and the verb whose clause describes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.models import EventType
from bot.parse.events.lexicon import (
    AGREE_ON_PREPS,
    APPEAL_PREPS,
    ARGUED_PREPS,
    ARRIVAL_PARTICLES,
    ARRIVAL_VERBS,
    CONTENT_VERBS,
    GATE_OBJECT_DEPS,
    NAMING_NOUNS,
    NOUN_TAGS,
    NOUN_TRIGGERS,
    OBJECT_DEPS,
    OBJECT_GATED,
    OBJECT_OVERRIDES,
    PHONE_PREPS,
    PHONE_WORDS,
    PLACE_ENTITIES,
    SEQUENCE_PREPS,
    SPEAK_PREPS,
    STANDING_AGREEMENT_VERBS,
    SUBJECT_DEPS,
    TALKING_ON,
    VERB_TAGS,
    VERB_TRIGGERS,
    VIEW_NOUNS,
    WEAK_TRIGGERS,
    WITH_GATED,
)


@dataclass(slots=True)
class Trigger:
    token: Token
    type: EventType
    head: Token  # the verb whose clause describes the event

    @property
    def weak(self) -> bool:
        """Whether the trigger names only what was talked about ("discuss"), or that two
        people talked without saying how ("X and Y had spoken on ..."): a report that may be
        of a meeting or a call told elsewhere."""
        if self.token.lemma_ in WEAK_TRIGGERS:
            return True
        return self.token.lemma_ == "speak" and not _spoke_to_someone(self.token)


def find_triggers(sent: Span, quoted: set[int]) -> list[Trigger]:
    """The sentence's event verbs and nouns, outside quotations."""
    found: list[Trigger] = []
    for tok in sent:
        if tok.i in quoted:
            continue
        if tok.pos_ in VERB_TAGS and tok.lemma_ in VERB_TRIGGERS:
            trigger = _verb_trigger(tok)
        elif tok.pos_ in NOUN_TAGS:
            trigger = _noun_trigger(tok)
        else:
            trigger = None
        if trigger is not None:
            found.append(trigger)
    return found


def _verb_trigger(tok: Token) -> Trigger | None:
    kind = verb_type(tok)
    if kind is None:
        return None
    return Trigger(tok, _by_phone_a_call(kind, tok, *_objects(tok)), tok)


def _noun_trigger(tok: Token) -> Trigger | None:
    kind = NOUN_TRIGGERS.get(tok.lemma_.lower()) or NOUN_TRIGGERS.get(tok.lower_)
    head = clause_head(tok) if kind is not None else None
    if kind is None or head is None or _content_of(head, tok):
        return None
    if kind is EventType.AGREEMENT and _not_made_here(tok, head):
        return None
    return Trigger(tok, _by_phone_a_call(kind, tok), head)


def _not_made_here(noun: Token, verb: Token) -> bool:
    """ "reaffirmed the agreement", "violated the deal": one made before; "the deal includes
    X": what an agreement holds; "spoke out against the deal": what is argued over. None
    reports an agreement being made."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in NOUN_TAGS:
        noun = noun.head.head  # "the first phase of the deal includes X"
    is_subject = noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.i == verb.i
    argued = noun.dep_ == "pobj" and noun.head.lower_ in ARGUED_PREPS
    return (
        verb.lemma_ in STANDING_AGREEMENT_VERBS
        or (is_subject and verb.lemma_ in CONTENT_VERBS)
        or argued
    )


def _content_of(verb: Token, noun: Token) -> bool:
    """ "discussed in the meeting": the noun names the event, the verb its content; but not
    "spoke to reporters after a meeting with X", an event before or after the verb's, nor
    "arrived in Washington for a meeting with X", the meeting the arrival was for."""
    in_sequence = noun.dep_ == "pobj" and noun.head.lower_ in SEQUENCE_PREPS
    return (
        verb.lemma_ in VERB_TRIGGERS
        and verb_type(verb) is not None  # "held a series of meetings": the noun's event
        and verb.lemma_ not in WEAK_TRIGGERS
        and verb.lemma_ not in ARRIVAL_VERBS
        and not in_sequence
    )


def _by_phone_a_call(kind: EventType, *words: Token) -> EventType:
    """A meeting word made a call by a phone: "a phone discussion", "talked by phone",
    "held talks over the phone"."""
    if kind is EventType.MEETING and any(_phoned(word) for word in words):
        return EventType.CALL
    return kind


def _phoned(tok: Token) -> bool:
    """A phone word on the token itself ("phone discussion") or after "by", "over", "via"."""
    return any(
        child.lower_ in PHONE_WORDS
        or (
            child.dep_ == "prep"
            and child.lower_ in PHONE_PREPS
            and any(c.lower_ in PHONE_WORDS for c in child.children)
        )
        for child in tok.children
    )


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in OBJECT_DEPS]


def verb_type(tok: Token) -> EventType | None:
    """The event an event verb reports here, or None when its arguments say it reports none."""
    lemma = tok.lemma_
    objects = {c.lemma_.lower() for c in tok.children if c.dep_ in GATE_OBJECT_DEPS}
    if lemma in OBJECT_GATED and not objects & OBJECT_GATED[lemma]:
        return None
    for obj, kind in OBJECT_OVERRIDES.items():
        if obj in objects:
            return kind
    if lemma == "visit" and not objects and "with" in _prepositions(tok):
        return EventType.MEETING  # "X visited with Y": X met Y ("visited Tarsa with Y": a trip)
    reports_event = _VERB_GATES.get(lemma)
    if reports_event is not None and not reports_event(tok):
        return None
    return VERB_TRIGGERS[lemma]


def clause_head(tok: Token) -> Token | None:
    """The nearest verb governing a noun trigger."""
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in VERB_TAGS:
            return node
    return node if node.pos_ in VERB_TAGS else None


def by_phone(tok: Token) -> bool:
    """Whether the trigger's phrase mentions a phone ("spoke by phone", "a telephone call")."""
    return any(t.lower_ in PHONE_WORDS for t in tok.subtree)


def _prepositions(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "prep"}


def _calls_someone(tok: Token) -> bool:
    """Not "called on X to ...", "called for calm", "called it a mistake" or "called X by his
    first name"."""
    return not (
        _prepositions(tok) & APPEAL_PREPS
        or any(c.dep_ == "oprd" for c in tok.children)
        or any(
            c.dep_ == "prep" and c.lower_ == "by" and _object_lemmas(c) & NAMING_NOUNS
            for c in tok.children
        )
    )


def _speaks_with_someone(tok: Token) -> bool:
    """ "spoke with X", "spoke to X by phone", "X and Y spoke at length"; not "spoke out
    against X's deal"."""
    if any(c.dep_ == "prt" and c.lower_ in {"out", "up"} for c in tok.children):
        return False
    return _spoke_to_someone(tok) or _pair_of_subjects(tok)


def _spoke_to_someone(tok: Token) -> bool:
    """ "spoke with X", "spoke to X", "spoke by phone": the talk and how it was held."""
    return bool(_prepositions(tok) & SPEAK_PREPS) or by_phone(tok)


def _pair_of_subjects(verb: Token) -> bool:
    """ "X and Y spoke": two coordinated subjects, who spoke to each other."""
    return any(
        c.dep_ in SUBJECT_DEPS and any(g.dep_ == "conj" for g in c.children) for c in verb.children
    )


def _writes_to_someone(tok: Token) -> bool:
    return "to" in _prepositions(tok)


def _with_someone(tok: Token) -> bool:
    """ "exchanged views with X", or "X and Y exchanged views": with each other."""
    return any(t.lower_ == "with" for t in tok.subtree) or _pair_of_subjects(tok)


def _agrees_on_more_than_a_view(tok: Token) -> bool:
    """Not "agreed on the need for cooperation" (a shared view) nor "agreed to further
    engagement", "agreed to keep talking" (an intention to talk on): no agreement made."""
    return not any(
        (c.dep_ == "prep" and c.lower_ in AGREE_ON_PREPS and _object_lemmas(c) & VIEW_NOUNS)
        or (c.dep_ == "xcomp" and c.lemma_.lower() in TALKING_ON)
        or (c.dep_ == "prep" and c.lower_ == "to" and _object_lemmas(c) & TALKING_ON)
        for c in tok.children
    )


def _arrives_somewhere(tok: Token) -> bool:
    """ "arrived in Beijing", "touched down in Seoul": not "arrived at a meeting", "landed a
    deal" or "touched on the issue"."""
    particle = ARRIVAL_PARTICLES.get(tok.lemma_)
    if particle is not None and not any(
        c.dep_ == "prt" and c.lower_ == particle for c in tok.children
    ):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(p.ent_type_ in PLACE_ENTITIES for p in c.children)
        for c in tok.children
    )


def _object_lemmas(prep: Token) -> set[str]:
    return {c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"}


# Verbs that report an event only with the arguments their check finds.
_VERB_GATES: dict[str, Callable[[Token], bool]] = {
    "call": _calls_someone,
    "speak": _speaks_with_someone,
    "write": _writes_to_someone,
    "agree": _agrees_on_more_than_a_view,
    **dict.fromkeys(WITH_GATED, _with_someone),
    **dict.fromkeys(ARRIVAL_VERBS, _arrives_somewhere),
}
