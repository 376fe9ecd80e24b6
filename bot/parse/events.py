"""Events: who met, called, visited, wrote to, signed with or attacked whom, when and where.

Triggers come from a lexicon of verbs and nouns; participants, date and place come from the
trigger's clause in the dependency parse, not from word windows.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.models import ActorKind, DateMention, EventRecord, EventType, Interval, SourceDocument
from bot.parse.actors import ActorTable, Mention
from bot.parse.layout import dateline_ranges

VERB_TRIGGERS = {
    "meet": EventType.MEETING,
    "receive": EventType.MEETING,
    "host": EventType.MEETING,
    "hold": EventType.MEETING,
    "discuss": EventType.MEETING,
    "review": EventType.MEETING,
    "exchange": EventType.MEETING,
    "confer": EventType.MEETING,
    "call": EventType.CALL,
    "phone": EventType.CALL,
    "telephone": EventType.CALL,
    "speak": EventType.CALL,
    "visit": EventType.VISIT,
    "write": EventType.LETTER,
    "send": EventType.LETTER,
    "sign": EventType.AGREEMENT,
    "agree": EventType.AGREEMENT,
    "attack": EventType.ATTACK,
    "strike": EventType.ATTACK,
    "bomb": EventType.ATTACK,
    "shell": EventType.ATTACK,
}
NOUN_TRIGGERS = {
    "meeting": EventType.MEETING,
    "talk": EventType.MEETING,
    "talks": EventType.MEETING,
    "discussion": EventType.MEETING,
    "consultation": EventType.MEETING,
    "call": EventType.CALL,
    "conversation": EventType.CALL,
    "visit": EventType.VISIT,
    "trip": EventType.VISIT,
    "letter": EventType.LETTER,
    "message": EventType.LETTER,
    "agreement": EventType.AGREEMENT,
    "accord": EventType.AGREEMENT,
    "deal": EventType.AGREEMENT,
    "memorandum": EventType.AGREEMENT,
    "attack": EventType.ATTACK,
    "assault": EventType.ATTACK,
    "strike": EventType.ATTACK,
}
# Verbs that only make an event with a fitting object ("hold talks", "send a letter").
OBJECT_GATED = {
    "hold": {"talk", "talks", "meeting", "meet", "consultation", "discussion", "conversation"},
    "send": {"letter", "message"},
}
# Verbs that make a meeting only "with" someone ("reviewed the campaign with Gen. Roberson").
WITH_GATED = {"review", "exchange"}
# "received a letter" is a letter, "received a phone call" a call.
OBJECT_OVERRIDES = {"letter": EventType.LETTER, "message": EventType.LETTER, "call": EventType.CALL}
# When one sentence yields several types for the same people, the most specific wins.
TYPE_PRIORITY = [
    EventType.CALL,
    EventType.LETTER,
    EventType.MEETING,
    EventType.AGREEMENT,
    EventType.ATTACK,
    EventType.VISIT,
    EventType.STATEMENT,
    EventType.OTHER,
]
# Countries and cities can be a side of these; of meetings and calls only people and bodies.
STATE_EVENTS = {EventType.AGREEMENT, EventType.ATTACK}
PLAN_VERBS = {"plan", "schedule", "expect", "intend", "prepare", "set", "due", "hope", "seek"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"}
PRONOUNS = {"he", "she"}


@dataclass(slots=True)
class _Found:
    """An event while the article is read: a place named only on a noun is held in reserve."""

    record: EventRecord
    fallback_place: str | None = None

    def absorb(self, other: _Found) -> None:
        """Take in another report of the same event: its people, and a date or place it adds."""
        mine, theirs = self.record, other.record
        mine.participants += [p for p in theirs.participants if p not in mine.participants]
        if mine.date_text is None and theirs.date_text is not None:
            mine.interval, mine.date_text = theirs.interval, theirs.date_text
        mine.place = mine.place or theirs.place
        self.fallback_place = self.fallback_place or other.fallback_place

    def finish(self, document: SourceDocument) -> EventRecord:
        """Undated and unplaced events happened on the dateline's day and at its place."""
        event = self.record
        if event.date_text is None and document.published is not None and not event.planned:
            event.interval = Interval(document.published, document.published)
        event.place = event.place or self.fallback_place or document.dateline_place
        return event


@dataclass(slots=True)
class _Trigger:
    token: Token
    type: EventType
    head: Token  # the verb whose clause describes the event


class EventExtractor:
    """Finds events in a parsed doc, given its resolved actors and dates."""

    def extract(
        self,
        doc: Doc,
        actors: ActorTable,
        dates: list[DateMention],
        document: SourceDocument,
    ) -> list[EventRecord]:
        found: list[_Found] = []
        quoted = _quoted_tokens(doc) | _dateline_tokens(doc)
        date_spans = _date_spans(doc, dates)
        for sent in doc.sents:
            in_sentence = [
                event
                for trigger in self._triggers(sent, quoted)
                if (event := self._event(trigger, doc, actors, date_spans, quoted)) is not None
            ]
            found += _one_per_sentence(in_sentence)
        return [event.finish(document) for event in _merge(found)]

    def _triggers(self, sent: Span, quoted: set[int]) -> list[_Trigger]:
        found: list[_Trigger] = []
        for tok in sent:
            if tok.i in quoted:
                continue
            if tok.pos_ in {"VERB", "AUX"} and tok.lemma_ in VERB_TRIGGERS:
                kind = self._verb_type(tok)
                if kind is not None:
                    found.append(_Trigger(tok, kind, tok))
            elif tok.pos_ in {"NOUN", "PROPN"}:
                kind = NOUN_TRIGGERS.get(tok.lemma_.lower()) or NOUN_TRIGGERS.get(tok.lower_)
                head = _clause_head(tok) if kind is not None else None
                if head is not None and head.lemma_ not in VERB_TRIGGERS:
                    found.append(_Trigger(tok, kind, head))
        return found

    @staticmethod
    def _verb_type(tok: Token) -> EventType | None:
        lemma = tok.lemma_
        objects = {c.lemma_.lower() for c in tok.children if c.dep_ in {"dobj", "obj", "attr"}}
        if lemma in OBJECT_GATED and not objects & OBJECT_GATED[lemma]:
            return None
        for obj, kind in OBJECT_OVERRIDES.items():
            if obj in objects:
                return kind
        preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
        if lemma == "call" and (
            preps & {"on", "for"} or any(c.dep_ == "oprd" for c in tok.children)
        ):
            return None
        if lemma == "speak" and not any(t.lower_ in {"phone", "telephone"} for t in tok.subtree):
            return None
        if lemma == "write" and "to" not in preps:
            return None
        if lemma in WITH_GATED and not any(t.lower_ == "with" for t in tok.subtree):
            return None
        return VERB_TRIGGERS[lemma]

    def _event(
        self,
        trigger: _Trigger,
        doc: Doc,
        actors: ActorTable,
        date_spans: list[tuple[Span, DateMention]],
        quoted: set[int],
    ) -> _Found | None:
        if _negated(trigger):
            return None
        scope = _scope(trigger.head, trigger.token)
        participants = _participants(scope, doc, actors, quoted, trigger.type)
        if len(participants) < 2:
            return None
        date_mention = _closest_date(trigger.token, scope, date_spans)
        place, fallback = _places(scope, doc, actors)
        record = EventRecord(
            type=trigger.type,
            participants=participants,
            sentence=trigger.token.sent.text.strip(),
            interval=date_mention.interval if date_mention else None,
            date_text=date_mention.text if date_mention else None,
            place=place,
            planned=_planned(trigger),
        )
        return _Found(record, fallback)


def _clause_head(tok: Token) -> Token | None:
    """The nearest verb governing a noun trigger."""
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return node if node.pos_ in {"VERB", "AUX"} else None


def _scope(head: Token, trigger: Token) -> set[int]:
    """Token indices of the event's clause: the head's subtree minus nested clauses."""
    keep: set[int] = set()
    stack = [head]
    while stack:
        node = stack.pop()
        keep.add(node.i)
        for child in node.children:
            nested = (child.dep_ in CLAUSE_DEPS and node.i != trigger.i) or (
                child.dep_ == "conj"
                and child.pos_ in {"VERB", "AUX"}
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
            )
            if nested and not _contains(child, trigger):
                continue
            stack.append(child)
    return keep


def _contains(node: Token, target: Token) -> bool:
    return node.left_edge.i <= target.i <= node.right_edge.i


def _participants(
    scope: set[int], doc: Doc, actors: ActorTable, quoted: set[int], kind: EventType
) -> list[str]:
    """Named people in the clause; else institutions (and, for agreements and attacks, states)."""
    persons: list[str] = []
    others: list[str] = []
    for mention in actors.mentions:
        if mention.start not in scope or mention.start in quoted:
            continue
        if mention.kind is ActorKind.PERSON:
            _add(persons, mention.name)
        elif (mention.kind is not ActorKind.PLACE or kind in STATE_EVENTS) and _acts(mention, doc):
            _add(others, mention.name)
    for i in sorted(scope):
        tok = doc[i]
        if tok.lower_ in PRONOUNS and tok.dep_ in {"nsubj", "nsubjpass"}:
            person = _antecedent(actors, tok.i)
            if person and person not in persons:
                persons.insert(0, person)
    if len(persons) >= 2:
        return persons
    return persons + [name for name in others if name not in persons]


def _add(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def _acts(mention: Mention, doc: Doc) -> bool:
    """Whether an organisation or place is a side of the event, not a modifier or location."""
    root = doc[mention.end - 1]
    if root.dep_ in {"nsubj", "nsubjpass", "dobj", "agent"}:
        return True
    if root.dep_ == "conj":
        return root.head.dep_ in {"nsubj", "nsubjpass", "dobj"}
    return root.dep_ == "pobj" and root.head.lower_ in {"with", "between", "from", "by"}


def _antecedent(actors: ActorTable, before: int) -> str | None:
    persons = [m for m in actors.mentions if m.kind is ActorKind.PERSON and m.end <= before]
    return persons[-1].name if persons else None


def _date_spans(doc: Doc, dates: list[DateMention]) -> list[tuple[Span, DateMention]]:
    """Each date mention with its tokens (computed once per article)."""
    spans = []
    for mention in dates:
        span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
        if span is not None:
            spans.append((span, mention))
    return spans


def _closest_date(
    trigger: Token, scope: set[int], date_spans: list[tuple[Span, DateMention]]
) -> DateMention | None:
    """The date mention in the event's clause nearest to its trigger."""
    best: tuple[int, DateMention] | None = None
    for span, mention in date_spans:
        if not any(t.i in scope for t in span):
            continue
        distance = abs(span.start - trigger.i)
        if best is None or distance < best[0]:
            best = (distance, mention)
    return best[1] if best else None


def _places(scope: set[int], doc: Doc, actors: ActorTable) -> tuple[str | None, str | None]:
    """Where the clause locates the event: "met in Erbil" (on a verb) first; a place on a
    noun ("security in Bahrain") is only a fallback."""
    direct, indirect = None, None
    for mention in actors.mentions:
        root = doc[mention.end - 1]
        if not (
            mention.kind is ActorKind.PLACE
            and mention.start in scope
            and root.dep_ == "pobj"
            and root.head.lower_ in {"in", "at"}
        ):
            continue
        if root.head.head.pos_ in {"VERB", "AUX"} and direct is None:
            direct = mention.name
        elif root.head.head.pos_ not in {"VERB", "AUX"}:
            indirect = mention.name
    return direct, indirect


def _negated(trigger: _Trigger) -> bool:
    return any(c.dep_ == "neg" for c in (*trigger.token.children, *trigger.head.children)) or (
        trigger.head.lemma_ in {"deny", "cancel", "postpone"}
    )


def _planned(trigger: _Trigger) -> bool:
    tokens = {trigger.token, trigger.head}
    for tok in tokens:
        if any(
            c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll", "would"} for c in tok.children
        ):
            return True
        if tok.dep_ == "xcomp" and tok.head.lemma_ in PLAN_VERBS:
            return True
        if tok.lower_ in {"upcoming", "planned", "scheduled"}:
            return True
    return any(c.lower_ in {"upcoming", "planned", "forthcoming"} for c in trigger.token.children)


def _quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks (a paragraph break closes any open quote)."""
    inside = False
    quoted: set[int] = set()
    for tok in doc:
        if tok.text in {"“", "”", '"'}:
            inside = tok.text == "“" or (tok.text == '"' and not inside)
        elif inside:
            quoted.add(tok.i)
        if "\n" in tok.whitespace_ or tok.is_space:
            inside = False
    return quoted


def _dateline_tokens(doc: Doc) -> set[int]:
    """Tokens of paragraph-opening datelines ("ERBIL, Kurdistan Region (Kurdistan 24) –")."""
    skipped: set[int] = set()
    for start, end in dateline_ranges(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            skipped.update(range(span.start, span.end))
    return skipped


def _one_per_sentence(events: list[_Found]) -> list[_Found]:
    """Triggers of one sentence sharing participants ("met ... during a visit") are one event;
    the most specific type wins."""
    kept: list[_Found] = []
    for event in sorted(events, key=lambda e: TYPE_PRIORITY.index(e.record.type)):
        people = set(event.record.participants)
        twin = next((k for k in kept if len(set(k.record.participants) & people) >= 2), None)
        if twin is None:
            kept.append(event)
        else:
            twin.absorb(event)
    return kept


def _merge(events: list[_Found]) -> list[_Found]:
    """Fold repeated reports of one event (same type, shared participants, compatible dates)."""
    merged: list[_Found] = []
    for event in events:
        twin = next((k for k in merged if _same_event(k.record, event.record)), None)
        if twin is None:
            merged.append(event)
        else:
            twin.absorb(event)
    return merged


def _same_event(a: EventRecord, b: EventRecord) -> bool:
    if a.type != b.type or a.planned != b.planned:
        return False
    shared = set(a.participants) & set(b.participants)
    if len(shared) < min(2, len(a.participants), len(b.participants)):
        return False
    if a.date_text and b.date_text and a.interval and b.interval:
        return a.interval.overlaps(b.interval)
    return True
