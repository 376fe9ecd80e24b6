"""Events: who met, called, visited, wrote to, signed with or attacked whom, when and where.

Triggers come from a lexicon of verbs and nouns; participants, date and place come from the
trigger's clause in the dependency parse, not from word windows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from spacy.tokens import Doc, Span, Token

from bot.models import ActorKind, DateMention, EventRecord, EventType, Interval, SourceDocument
from bot.parse.actors import ActorTable, Mention
from bot.parse.layout import dateline_ranges
from bot.parse.nlp import text_of

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
# Triggers that name what was talked about, not how: "discuss" in a headline is the call or
# meeting the body reports.
WEAK_TRIGGERS = {"discuss", "review", "exchange"}
# "agreed on the need for cooperation" is a shared view, not an agreement.
VIEW_NOUNS = {"need", "importance", "necessity", "significance", "value", "principle"}
# Participial clauses that say who made up a party ("a delegation led by ...").
MEMBER_CLAUSE_VERBS = {"lead", "head", "include", "comprise", "accompany", "compose"}
# Verbs of a clause listing a party's members ("The US delegation included ...").
MEMBERSHIP_VERBS = {"include", "consist", "comprise", "compose", "lead", "head"}
# Nouns for a party whose members may be named later ("received a US delegation").
GROUP_NOUNS = {
    "delegation",
    "delegate",
    "team",
    "leadership",
    "leader",
    "official",
    "diplomat",
    "envoy",
    "senator",
    "lawmaker",
    "congressman",
    "side",
    "mission",
}
# Role nouns that, as "the diplomat", refer back to a person already named.
ROLE_NOUNS = {
    "diplomat",
    "envoy",
    "ambassador",
    "official",
    "minister",
    "senator",
    "general",
    "secretary",
    "consul",
    "commander",
    "chancellor",
    "premier",
    "congressman",
    "lawmaker",
}
# Event nouns that, made definite ("the meeting"), refer to an event already reported.
ANAPHORIC_TYPES = {EventType.MEETING, EventType.CALL, EventType.VISIT}
TIME_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@dataclass(slots=True)
class _Found:
    """An event while the article is read: a place named only on a noun is held in reserve."""

    record: EventRecord
    fallback_place: str | None = None
    persons: set[str] = field(default_factory=set)
    weak: bool = False  # triggered by a verb of content ("discuss") only
    group: bool = False  # one side is a party whose members may be named later
    refers: bool = False  # "the meeting": a report of an event already told
    offset_days: int = 0  # "a day after the meeting": the event is this far from its clause

    def absorb(self, other: _Found) -> None:
        """Take in another report of the same event: its people, and a date or place it adds."""
        mine, theirs = self.record, other.record
        mine.participants += [p for p in theirs.participants if p not in mine.participants]
        self.persons |= other.persons
        if len(self.persons) >= 2:  # named people make a side's institution redundant
            mine.participants = [p for p in mine.participants if p in self.persons]
        if mine.date_text is None and theirs.date_text is not None:
            mine.interval, mine.date_text = theirs.interval, theirs.date_text
            self.offset_days = other.offset_days
        mine.place = mine.place or theirs.place
        self.fallback_place = self.fallback_place or other.fallback_place
        if self.weak and not other.weak:
            mine.type, self.weak = theirs.type, False
        self.group = self.group or other.group
        self.refers = self.refers or other.refers

    def join(self, other: _Found) -> None:
        """Take in the people and place of a later report that refers back to this event."""
        mine, theirs = self.record, other.record
        mine.participants += [p for p in theirs.participants if p not in mine.participants]
        self.persons |= other.persons
        mine.place = mine.place or theirs.place
        self.fallback_place = self.fallback_place or other.fallback_place

    def finish(self, document: SourceDocument) -> EventRecord:
        """Undated and unplaced events happened on the dateline's day and at its place."""
        event = self.record
        if event.date_text is None and document.published is not None and not event.planned:
            event.interval = Interval(document.published, document.published)
        if self.offset_days and event.interval is not None:
            shift = timedelta(days=self.offset_days)
            event.interval = Interval(event.interval.start + shift, event.interval.end + shift)
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
            for event in _one_per_sentence(in_sentence):
                # "the meeting" with no date of its own reports an event already told
                refers = event.refers and event.record.date_text is None
                antecedent = _antecedent_event(event, found) if refers else None
                if antecedent is not None:
                    antecedent.join(event)
                elif len(event.record.participants) >= 2 or event.group:
                    found.append(event)
            _add_members(sent, doc, actors, quoted, found)
        complete = [event for event in found if len(event.record.participants) >= 2]
        return [event.finish(document) for event in _merge(complete)]

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
                # "discussed in the meeting": the noun names the event, the verb its content
                if head is not None and (
                    head.lemma_ not in VERB_TRIGGERS or head.lemma_ in WEAK_TRIGGERS
                ):
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
        if lemma == "speak" and not (
            preps & {"with", "to"} or any(t.lower_ in {"phone", "telephone"} for t in tok.subtree)
        ):
            return None
        if lemma == "write" and "to" not in preps:
            return None
        if lemma in WITH_GATED and not any(t.lower_ == "with" for t in tok.subtree):
            return None
        if lemma == "agree" and any(
            c.dep_ == "prep" and c.lower_ in {"on", "upon"} and _objects_lemma(c) & VIEW_NOUNS
            for c in tok.children
        ):
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
        root = trigger.head.sent.root
        if root.pos_ not in {"VERB", "AUX"} and trigger.head.i != root.i:
            # A sentence the parser hung on a noun ("The Prime Minister ..., X received ...")
            # has no clause structure to trust: its trigger's clause is the sentence.
            scope = {t.i for t in trigger.head.sent}
        participants, persons = _participants(scope, doc, actors, quoted, trigger)
        group = trigger.type in ANAPHORIC_TYPES and _has_group(scope, doc, trigger)
        refers = _definite_event_noun(trigger)
        if len(participants) < 2 and not (group or refers):
            return None
        if _spoke_in_person(trigger) and len(persons) < 2:
            return None  # "spoke with reporters", "spoke to Rudaw": an interview, not a call
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
        return _Found(
            record,
            fallback,
            persons=persons,
            weak=trigger.token.lemma_ in WEAK_TRIGGERS,
            group=group,
            refers=refers,
            offset_days=_offset_days(trigger.token),
        )


def _spoke_in_person(trigger: _Trigger) -> bool:
    """ "X spoke with Y" without a phone: a conversation (readouts use it for calls)."""
    tok = trigger.token
    return tok.lemma_ == "speak" and not any(
        t.lower_ in {"phone", "telephone"} for t in tok.subtree
    )


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
            member_clause = child.dep_ == "acl" and child.lemma_ in MEMBER_CLAUSE_VERBS
            nested = (child.dep_ in CLAUSE_DEPS and node.i != trigger.i and not member_clause) or (
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
    scope: set[int], doc: Doc, actors: ActorTable, quoted: set[int], trigger: _Trigger
) -> tuple[list[str], set[str]]:
    """Named people in the clause; else institutions (and, for agreements and attacks, states).
    Returns the participants and which of them are people."""
    kind = trigger.type
    if kind in STATE_EVENTS and trigger.token.pos_ in {"NOUN", "PROPN"}:
        # "ISIS's attack on the Peshmerga": the noun's own arguments name the sides, whoever
        # else the clause mentions (the people being briefed about it).
        own = set(scope) & {t.i for t in trigger.token.subtree}
        sides = _sides(own, doc, actors, quoted, trigger)
        possessor = _possessor(trigger.token, actors)
        if possessor is not None and possessor not in sides:
            sides.insert(0, possessor)
        if len(sides) >= 2:
            return sides, set()
    persons: list[str] = []
    others: list[str] = []
    for mention in actors.mentions:
        if mention.start not in scope or mention.start in quoted:
            continue
        if mention.kind is ActorKind.PERSON:
            _add(persons, mention.name)
        elif (mention.kind is not ActorKind.PLACE or kind in STATE_EVENTS) and _acts(
            mention, doc, trigger
        ):
            _add(others, mention.name)
    for i in sorted(scope):
        tok = doc[i]
        if tok.dep_ not in {"nsubj", "nsubjpass"} or i in quoted:
            continue
        person = None
        if tok.lower_ in PRONOUNS:
            person = _antecedent(actors, tok.i)
        elif _role_reference(tok, actors):
            person = _subject_antecedent(actors, doc, tok.sent.start, exclude=set(persons))
        if person and person not in persons:
            persons.insert(0, person)
    if len(persons) >= 2:
        return persons, set(persons)
    return persons + [name for name in others if name not in persons], set(persons)


def _sides(
    scope: set[int], doc: Doc, actors: ActorTable, quoted: set[int], trigger: _Trigger
) -> list[str]:
    sides: list[str] = []
    for mention in actors.mentions:
        if mention.start in scope and mention.start not in quoted and _acts(mention, doc, trigger):
            _add(sides, mention.name)
    return sides


def _possessor(noun: Token, actors: ActorTable) -> str | None:
    """The actor written "X's" right before an event noun (adjectives between allowed), even
    when the parser attached the possessive elsewhere."""
    i = noun.i - 1
    doc = noun.doc
    while i >= 0 and doc[i].pos_ in {"ADJ", "NOUN"} and doc[i].dep_ in {"amod", "compound"}:
        i -= 1
    if i < 1 or doc[i].lower_ not in {"'s", "’s", "'", "’"}:
        return None
    mention = actors.at_token(i - 1)
    return mention.name if mention is not None and mention.kind is not ActorKind.PLACE else None


def _add(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def _acts(mention: Mention, doc: Doc, trigger: _Trigger) -> bool:
    """Whether an organisation or place is a side of the event, not a modifier, a location or
    an argument of another verb ("strategies for defeating the Islamic State")."""
    heads = {trigger.token.i, trigger.head.i}
    if trigger.head.dep_ == "conj":
        heads.add(trigger.head.head.i)
    root = doc[mention.end - 1]
    while root.dep_ == "conj":
        root = root.head
    if trigger.type in STATE_EVENTS:
        # "IS militants attacked Peshmerga positions": a group named on the attackers' or the
        # targets' noun is a side ("IS" is sometimes read as the verb "is").
        if root.pos_ == "AUX" and root.i + 1 < len(doc) and doc[root.i + 1].pos_ == "NOUN":
            root = doc[root.i + 1]
        elif root.dep_ in {"compound", "nmod"}:
            root = root.head
        while root.dep_ == "conj":
            root = root.head
    if root.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        return root.head.i in heads
    if root.dep_ != "pobj":
        return False
    prep = root.head
    preps = {"with", "between", "from", "by"}
    if trigger.type in STATE_EVENTS:
        preps |= {"on", "against"}
    if prep.lower_ not in preps:
        return False
    return prep.head.i in heads or (
        prep.head.dep_ in {"dobj", "nsubj", "nsubjpass"} and prep.head.head.i in heads
    )


def _antecedent(actors: ActorTable, before: int) -> str | None:
    persons = [m for m in actors.mentions if m.kind is ActorKind.PERSON and m.end <= before]
    return persons[-1].name if persons else None


def _subject_antecedent(actors: ActorTable, doc: Doc, before: int, exclude: set[str]) -> str | None:
    """The person last named as a sentence's subject before `before`: the likeliest referent
    of "the diplomat" or "the envoy" (subjects stay in focus longer than objects)."""
    persons = [m for m in actors.mentions if m.kind is ActorKind.PERSON and m.end <= before]
    for mention in reversed(persons):
        if mention.name not in exclude and doc[mention.end - 1].dep_ in {"nsubj", "nsubjpass"}:
            return mention.name
    return None


def _role_reference(tok: Token, actors: ActorTable) -> bool:
    """ "the diplomat": a definite role noun that names no one itself."""
    return (
        tok.lemma_.lower() in ROLE_NOUNS
        and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.children)
        and not any(c.dep_ in {"compound", "poss", "appos"} for c in tok.children)
        and actors.at_token(tok.i) is None
    )


def _has_group(scope: set[int], doc: Doc, trigger: _Trigger) -> bool:
    """Whether a side of the event is a party named by a group noun ("a US delegation")."""
    heads = {trigger.token.i, trigger.head.i}
    for i in scope:
        tok = doc[i]
        if tok.lemma_.lower() not in GROUP_NOUNS:
            continue
        if tok.dep_ in {"nsubj", "nsubjpass", "dobj"} and tok.head.i in heads:
            return True
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ in {"with", "by", "between"}
            and tok.head.head.i in heads
        ):
            return True
    return False


def _definite_event_noun(trigger: _Trigger) -> bool:
    """ "the meeting", "the call": a report of an event the article has already told."""
    tok = trigger.token
    return (
        trigger.type in ANAPHORIC_TYPES
        and tok.pos_ in {"NOUN", "PROPN"}
        and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.children)
    )


def _antecedent_event(event: _Found, found: list[_Found]) -> _Found | None:
    """The event "the meeting" refers to: the last one of its type told before, if it could
    be the same (it has an unnamed party, shares a person, or this report names no pair)."""
    for earlier in reversed(found):
        if earlier.record.type != event.record.type or earlier.record.planned:
            continue
        mine = set(event.record.participants)
        if earlier.group or mine & set(earlier.record.participants) or len(mine) < 2:
            return earlier
        return None
    return None


def _add_members(
    sent: Span, doc: Doc, actors: ActorTable, quoted: set[int], found: list[_Found]
) -> None:
    """ "The US delegation included X and Y": the people named join the last event that had
    an unnamed party."""
    target = next((e for e in reversed(found) if e.group), None)
    if target is None:
        return
    for tok in sent:
        if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_ not in MEMBERSHIP_VERBS:
            continue
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not any(s.lemma_.lower() in GROUP_NOUNS for s in subjects):
            continue
        span = range(tok.left_edge.i, tok.right_edge.i + 1)
        names = [
            m.name
            for m in actors.mentions
            if m.kind is ActorKind.PERSON and m.start in span and m.start not in quoted
        ]
        record = target.record
        record.participants += [n for n in dict.fromkeys(names) if n not in record.participants]
        target.persons |= set(names)


def _offset_days(trigger: Token) -> int:
    """ "comes a day after the meeting": the meeting is one day before its clause's date."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in {"after", "before"}:
        return 0
    for mod in prep.children:
        if mod.dep_ == "npadvmod" and mod.lower_ in TIME_UNITS:
            count = next(
                (NUMBER_WORDS.get(c.lower_) for c in mod.children if c.dep_ in {"det", "nummod"}),
                None,
            )
            if count is None:
                return 0
            days = count * TIME_UNITS[mod.lower_]
            return -days if prep.lower_ == "after" else days
    return 0


def _objects_lemma(prep: Token) -> set[str]:
    return {c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"}


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
    for start, end in dateline_ranges(text_of(doc)):
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
        twin = next((k for k in merged if _same_event(k, event)), None)
        if twin is None:
            merged.append(event)
        else:
            twin.absorb(event)
    return merged


def _same_event(first: _Found, second: _Found) -> bool:
    a, b = first.record, second.record
    if a.planned != b.planned:
        return False
    if a.type != b.type and not (first.weak or second.weak):
        return False
    shared = set(a.participants) & set(b.participants)
    if len(shared) < min(2, len(a.participants), len(b.participants)) and not (
        a.type == b.type and shared & first.persons and _only_institutions(first, second)
    ):
        return False
    if a.date_text and b.date_text and a.interval and b.interval:
        return a.interval.overlaps(b.interval)
    return True


def _only_institutions(first: _Found, second: _Found) -> bool:
    """Whether one report differs from the other only by an institution standing for people
    the other names ("received a delegation from the US Senate", "... including Senator X")."""
    a, b = set(first.record.participants), set(second.record.participants)
    return not (a - b) & first.persons or not (b - a) & second.persons
