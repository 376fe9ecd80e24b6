"""The event extractor: each sentence's triggers read into events, then the reports of one
event merged."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from bot.models import ActorKind, DateMention, EventRecord, EventType, SourceDocument
from bot.parse.actors import ActorTable
from bot.parse.events.clauses import (
    closest_date,
    content_of,
    date_spans,
    event_scope,
    generic,
    in_description,
    nearest_date,
    negated,
    offset_days,
    places,
    planned,
    separately,
)
from bot.parse.events.lexicon import (
    IN_PERSON_WORDS,
    MEETING_PREPS,
    NOUN_TRIGGERS,
    SEQUENCE_PREPS,
    SUBJECT_DEPS,
    TALK_NOUNS,
    TIMING_PREPS,
    VERB_TAGS,
)
from bot.parse.events.merge import FoundEvent, antecedent_event, merge, one_per_sentence
from bot.parse.events.participants import (
    has_group,
    members_named,
    participants,
    plural_subject,
    refers_back,
    unnamed_party,
)
from bot.parse.events.statements import StatementReport, find_statements
from bot.parse.events.triggers import Trigger, by_phone, find_triggers
from bot.parse.events.visits import fold_trips, host_country
from bot.parse.layout import dateline_ranges
from bot.parse.nlp import text_of

BORROWED_WORDS = 5  # a quote this short, without a verb, is a phrase the article borrows


class EventExtractor:
    """Finds events in a parsed doc, given its resolved actors and dates."""

    def extract(
        self,
        doc: Doc,
        actors: ActorTable,
        dates: list[DateMention],
        document: SourceDocument,
    ) -> list[EventRecord]:
        article = _Article(doc, actors, date_spans(doc, dates))
        found: list[FoundEvent] = []
        for sent in doc.sents:
            events = one_per_sentence(article.events_in(sent))
            if _is_headline(sent, document.title):
                for event in events:
                    event.weak = True  # a headline's "meets" or "talks" may be the body's call
            for event in events:
                _file(event, found)
                if len(event.persons) >= 2:
                    article.pair = list(event.persons & set(event.record.participants))
                    article.pair.sort(key=event.record.participants.index)
            _add_members(sent, article, found)
        for event in found:
            _name_unnamed_party(event)
        complete = _with_parties_named_after(found)
        return [event.finish(document) for event in fold_trips(merge(complete))]


def _opening_event_noun(noun: Token) -> Token | None:
    """The verb an event noun opens the sentence before ("Following a call with X, Y said"),
    if it does: the clause that tells what came of the event."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in SEQUENCE_PREPS or prep.i != noun.sent.start:
        return None
    return prep.head if prep.head.pos_ in VERB_TAGS else None


def _with_parties_named_after(found: list[FoundEvent]) -> list[FoundEvent]:
    """The events with two sides. One that met a party the article never names ("X met a
    Hamas delegation in Doha on Saturday") lends its day and place to the next event of its
    type that names someone with X and gives no day of its own ("X held talks with a Hamas
    team led by Y"): the same talks, told again."""
    complete = [event for event in found if _complete(event)]
    for i, event in enumerate(found):
        if event.group and not _complete(event):
            later = found[i + 1 :]
            twin = next((e for e in later if _complete(e) and _tells_again(event, e)), None)
            if twin is not None:
                twin.absorb(event)
    return complete


def _tells_again(party_event: FoundEvent, named: FoundEvent) -> bool:
    """Whether an undated report naming a side may be the party event told again."""
    return (
        named.record.type == party_event.record.type
        and named.record.planned == party_event.record.planned
        and named.record.date_text is None
        and bool(party_event.persons & named.persons)
    )


class _Article:
    """What reading one event needs of its article: the doc, its actors and dates, and the
    tokens (quotations, datelines) that report no event of the article's own."""

    def __init__(self, doc: Doc, actors: ActorTable, dates: list[tuple[Span, DateMention]]) -> None:
        self.doc = doc
        self.actors = actors
        self.dates = dates
        self.skipped = _quoted_tokens(doc) | _dateline_tokens(doc)
        self.pair: list[str] = []  # the people of the last event that named two or more

    def events_in(self, sent: Span) -> list[FoundEvent]:
        triggers = find_triggers(sent, self.skipped)
        found: list[FoundEvent] = []
        for trigger in triggers:
            event = self.event(trigger, [t for t in triggers if t is not trigger])
            if event is not None:
                found += _separate(event) if separately(trigger) else [event]
        for report in find_statements(sent, self.skipped, self.actors, self.pair):
            statement = self.statement(report)
            if statement is not None:
                found.append(statement)
        return found

    def statement(self, report: StatementReport) -> FoundEvent | None:
        """A statement, when it happened (not denied, not ahead) and has a date of its own or
        is a joint one."""
        trigger = Trigger(report.token, EventType.STATEMENT, report.head)
        if negated(trigger) or planned(trigger):
            return None
        date_mention = nearest_date(report.token, report.date_scope, self.dates)
        if date_mention is None and not report.joint:
            return None
        record = EventRecord(
            type=EventType.STATEMENT,
            participants=report.speakers,
            sentence=report.token.sent.text.strip(),
            interval=date_mention.interval if date_mention else None,
            date_text=date_mention.text if date_mention else None,
        )
        scope = {t.i for t in report.head.subtree} - content_of(report.head)
        record.place, fallback = places(scope, self.doc, self.actors, {report.head.i})
        return FoundEvent(record, fallback, persons=set(report.speakers))

    def _teller(self, trigger: Trigger) -> str | None:
        """The other side of an event an opening phrase names with one side ("Following a
        call with X, the ministry said Y made clear ..."): the person the clause is about."""
        verb = _opening_event_noun(trigger.token)
        if verb is None:
            return None
        clauses = [verb, *(c for c in verb.children if c.dep_ == "ccomp")]
        for clause in clauses:
            subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
            mention = self.actors.at_token(subject.i) if subject is not None else None
            if mention is not None and mention.kind is ActorKind.PERSON:
                return mention.name
        return None

    def event(self, trigger: Trigger, others: list[Trigger]) -> FoundEvent | None:
        """The event a trigger reports, if its clause names who took part (or refers to an
        event or a party the article names elsewhere)."""
        if negated(trigger) or generic(trigger) or in_description(trigger.token):
            return None
        scope = event_scope(trigger, others)
        people, persons = participants(scope, self.doc, self.actors, self.skipped, trigger)
        group = has_group(scope, self.doc, trigger)
        refers = refers_back(trigger)
        if len(persons) < 2 and self.pair and plural_subject(scope, self.doc, trigger):
            people = [*self.pair, *(p for p in people if p not in self.pair)]
            persons = persons | set(self.pair)
        if len(persons) == 1 and (other := self._teller(trigger)) and other not in persons:
            people, persons = [other, *people], persons | {other}
        if trigger.type is EventType.VISIT and len(persons) == len(people) >= 1:
            host = host_country(trigger.token, scope, self.doc, self.actors)
            people = [*people, host] if host is not None else people
        if len(people) < 2 and not (group or refers):
            return None
        if _spoke_in_person(trigger) and len(persons) < 2:
            return None  # "spoke with reporters", "spoke to Rudaw": an interview, not a call
        date_mention = closest_date(trigger.token, scope, self.dates)
        heads = {trigger.token.i, trigger.head.i}
        place, fallback = places(scope - content_of(trigger.head), self.doc, self.actors, heads)
        in_person = _spoke_in_person(trigger) and (place is not None or _face_to_face(trigger))
        record = EventRecord(
            type=EventType.MEETING if in_person else trigger.type,
            participants=people,
            sentence=trigger.token.sent.text.strip(),
            interval=date_mention.interval if date_mention else None,
            date_text=date_mention.text if date_mention else None,
            place=place,
            planned=planned(trigger),
        )
        return FoundEvent(
            record,
            fallback,
            persons=persons,
            weak=trigger.weak,
            group=group,
            unnamed=unnamed_party(scope, self.doc, trigger) if group else None,
            refers=refers,
            times=refers and _times_a_clause(trigger),
            offset_days=offset_days(trigger.token),
            talk_noun=trigger.token.lemma_.lower() in TALK_NOUNS,
        )


def _face_to_face(trigger: Trigger) -> bool:
    """ "spoke in the presence of X", "on the sidelines of the summit", "in a working group
    meeting": in person."""
    return any(
        t.lower_ in IN_PERSON_WORDS
        or (
            NOUN_TRIGGERS.get(t.lemma_.lower()) is EventType.MEETING
            and t.dep_ == "pobj"
            and t.head.lower_ in MEETING_PREPS
        )
        for t in trigger.token.subtree
    )


def _times_a_clause(trigger: Trigger) -> bool:
    """ "X told reporters after the meeting": the event times what X did."""
    noun = trigger.token
    return noun.dep_ == "pobj" and noun.head.lower_ in TIMING_PREPS


def _is_headline(sent: Span, title: str) -> bool:
    """The title, or a line of the page that repeats it."""
    text = sent.text.strip()
    return bool(title) and (sent.start_char < len(title) or text == title.strip())


def _complete(event: FoundEvent) -> bool:
    """Two sides, or one person's statement."""
    sides = len(event.record.participants)
    return sides >= 2 or (sides == 1 and event.record.type is EventType.STATEMENT)


def _name_unnamed_party(event: FoundEvent) -> None:
    """A party whose members the article never names takes part as itself ("unnamed US
    delegation") beside the one side named."""
    if event.unnamed is not None and len(event.record.participants) == 1:
        event.record.participants.append(event.unnamed)


def _separate(event: FoundEvent) -> list[FoundEvent]:
    """ "A met separately with B and C": one event of A with each of the others."""
    if len(event.record.participants) < 3:  # none named ("the delegations met separately")
        return [event]
    first, *others = event.record.participants
    return [
        replace(
            event,
            record=replace(event.record, participants=[first, other]),
            persons=event.persons & {first, other},
        )
        for other in others
    ]


def _file(event: FoundEvent, found: list[FoundEvent]) -> None:
    """Add a sentence's event to those found: "the meeting" joins the event it reports, when
    it gives no date or the only date ("The meeting last Wednesday ..."); otherwise an event
    is kept with two sides, or a party to name later."""
    antecedent = antecedent_event(event, found) if event.refers else None
    if antecedent is not None and antecedent.dates(event):
        antecedent.join(event)
    elif _complete(event) or event.group:
        found.append(event)


def _add_members(sent: Span, article: _Article, found: list[FoundEvent]) -> None:
    """ "The US delegation included X and Y": the people named join the last event that had
    an unnamed party."""
    target = next((e for e in reversed(found) if e.group), None)
    if target is not None:
        names = members_named(sent, article.actors, article.skipped)
        target.add_people(names, set(names))


def _spoke_in_person(trigger: Trigger) -> bool:
    """ "X spoke with Y" without a phone: a conversation (readouts use it for calls)."""
    return trigger.token.lemma_ == "speak" and not by_phone(trigger.token)


def _quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks (a paragraph break closes any open quote),
    but for a few words quoted without a verb ("had 'a friendly talk' with X"): a phrase the
    article borrows, not words someone said."""
    inside = False
    quoted: set[int] = set()
    run: list[Token] = []
    for tok in doc:
        if tok.text in {"“", "”", '"'}:
            if inside:
                quoted.update(t.i for t in run if not _borrowed_phrase(run))
            inside = tok.text == "“" or (tok.text == '"' and not inside)
            run = []
        elif inside:
            run.append(tok)
        if "\n" in tok.whitespace_ or tok.is_space:
            quoted.update(t.i for t in run if inside)
            inside, run = False, []
    quoted.update(t.i for t in run if inside)
    return quoted


def _borrowed_phrase(words: list[Token]) -> bool:
    return len(words) <= BORROWED_WORDS and not any(t.pos_ in {"VERB", "AUX"} for t in words)


def _dateline_tokens(doc: Doc) -> set[int]:
    """Tokens of paragraph-opening datelines ("ERBIL, Kurdistan Region (Kurdistan 24) –")."""
    skipped: set[int] = set()
    for start, end in dateline_ranges(text_of(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            skipped.update(range(span.start, span.end))
    return skipped
