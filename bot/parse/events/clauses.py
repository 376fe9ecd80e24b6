"""The clause that describes an event: its tokens, and the date, place and mood it gives."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from bot.models import ActorKind, DateMention
from bot.parse.actors import ActorTable
from bot.parse.events.lexicon import (
    CLAUSE_DEPS,
    CONTROLLED_DEPS,
    COUNTABLE_EVENT_NOUNS,
    EN_ROUTE_PARTICIPLES,
    FUTURE_AUX,
    HYPOTHETICAL_AUX,
    INFINITIVE_RELATIVE_DEPS,
    MEMBER_CLAUSE_VERBS,
    NOUN_TAGS,
    NOUN_TRIGGERS,
    NUMBER_WORDS,
    OBJECT_DEPS,
    OCCASION_WORDS,
    OFFSET_PREPS,
    PLACE_PREPS,
    PLAN_DEPS,
    PLAN_VERBS,
    PLANNED_MODIFIERS,
    PLANNED_WORDS,
    PROSPECT_NOUNS,
    PROSPECT_PREPS,
    REPEAT_ADVERBS,
    SEPARATE_WORDS,
    SEQUENCE_PREPS,
    SUBJECT_DEPS,
    TIME_UNITS,
    TOPIC_PREPS,
    TRIP_NOUNS,
    TRIP_VERBS,
    UNDOING_VERBS,
    VAGUE_QUANTIFIERS,
    VERB_TAGS,
    WEAK_TRIGGERS,
)
from bot.parse.events.triggers import Trigger
from bot.parse.name_checks import TOPIC_VERBS


def event_scope(trigger: Trigger, others: list[Trigger]) -> set[int]:
    """Token indices of the trigger's clause; the whole sentence when the parser hung it on a
    noun ("The Prime Minister ..., X received ..."), which leaves no clause structure to trust.
    The phrases of the sentence's other event nouns ("followed last year's summit between X
    and Y") and of the verbs coordinated with it ("met X and spoke with Y by telephone") tell
    their own events and are left out; a coordinated verb without a subject takes in what
    its first verb's clause says before that verb (the subject, "On Monday")."""
    root = trigger.head.sent.root
    if root.pos_ not in VERB_TAGS and trigger.head.i != root.i:
        scope = {t.i for t in trigger.head.sent}
    else:
        scope = clause_scope(trigger.head, trigger.token)
        governor = controller(trigger.head)
        if governor is not None:
            scope |= clause_scope(governor, trigger.token)
        scope |= _shared_subject(trigger.head)
    for other in others:
        if _contains(other.token, trigger.token):
            continue
        if other.token.pos_ in NOUN_TAGS or _coordinated_with(other.token, trigger.head):
            scope -= {t.i for t in other.token.subtree}
        elif (clause := _own_clause(other.token, trigger.token)) is not None:
            scope -= {t.i for t in clause.subtree}
    return scope


def _own_clause(verb: Token, trigger: Token) -> Token | None:
    """ "a visit during which he will hold talks with X and meet Y", "Z, who met X, called
    Y": the clause an event verb heads (or is coordinated in) inside another event's phrase
    tells its own event."""
    if verb.pos_ not in VERB_TAGS:
        return None
    while verb.dep_ == "conj" and verb.head.pos_ in VERB_TAGS:
        verb = verb.head
    inside = verb.dep_ in CLAUSE_DEPS and _contains(trigger, verb) and verb.i != trigger.i
    return verb if inside else None


def _shared_subject(verb: Token) -> set[int]:
    """What a coordinated verb without a subject of its own shares with the verb before it:
    the subject and what stands before it ("On Monday, X visited Y and discussed Z": X
    discussed, on Monday)."""
    if verb.dep_ != "conj" or verb.head.pos_ not in VERB_TAGS:
        return set()
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return set()
    before = [c for c in verb.head.children if c.i < verb.head.i]
    return {t.i for child in before for t in child.subtree}


def _coordinated_with(verb: Token, head: Token) -> bool:
    """Whether `verb` reports an event of its own, coordinated with the clause of `head` ("met
    Y and spoke with Z by telephone")."""
    return verb.pos_ in VERB_TAGS and verb.dep_ == "conj" and verb.head.i == head.i


def controller(verb: Token) -> Token | None:
    """The verb whose subject and time an infinitive or an adverbial participle without a
    subject shares ("Reid led the delegation last month to meet Pak", "arrived on Monday,
    meeting X", "said after meeting X"), through coordinated verbs ("and then travelled to")."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    if verb.dep_ == "conj" and verb.head.pos_ in VERB_TAGS:
        return controller(verb.head)  # "to meet X and to hand him a letter"
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.head.pos_ in VERB_TAGS:
        return verb.head.head  # "said after meeting X": the sayer met X
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    participle = verb.tag_ == "VBG" and verb.dep_ == "advcl"
    if not (infinitive or participle):
        return None
    governor = verb.head
    if verb.dep_ in INFINITIVE_RELATIVE_DEPS and governor.dep_ in OBJECT_DEPS:
        governor = governor.head  # "led a delegation to meet X"
    elif verb.dep_ not in CONTROLLED_DEPS:
        return None
    if governor.dep_ == "acomp":
        governor = governor.head  # "is likely to meet X", "was due to visit Y"
    while governor.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in governor.children):
        governor = governor.head
    return governor if governor.pos_ in VERB_TAGS else None


def clause_scope(head: Token, trigger: Token) -> set[int]:
    """Token indices of the event's clause: the head's subtree minus nested clauses."""
    keep: set[int] = set()
    stack = [head]
    while stack:
        node = stack.pop()
        keep.add(node.i)
        stack += [
            child
            for child in node.children
            if not _nested_clause(node, child, trigger) or _contains(child, trigger)
        ]
    return keep


def _nested_clause(node: Token, child: Token, trigger: Token) -> bool:
    """Whether `child` opens a clause of its own: a subordinate clause (not one naming a
    party's members), or a coordinated verb with its own subject."""
    if child.dep_ in CLAUSE_DEPS:
        member_clause = child.dep_ == "acl" and child.lemma_ in MEMBER_CLAUSE_VERBS
        return node.i != trigger.i and not member_clause
    return (
        child.dep_ == "conj"
        and child.pos_ in VERB_TAGS
        and (any(c.dep_ in SUBJECT_DEPS for c in child.children) or _reduced_relative(node, child))
    )


def _reduced_relative(node: Token, verb: Token) -> bool:
    """ "discussed the plan, published the previous day": a participle after a comma, with no
    subject, object or "and" of its own, that the parser coordinated with the clause's verb;
    it describes the noun before the comma (and its date is not the clause's)."""
    doc = verb.doc
    return (
        verb.tag_ in {"VBN", "VBD"}
        and verb.i > 0
        and doc[verb.i - 1].text == ","
        and not any(c.dep_ in OBJECT_DEPS for c in verb.children)
        and not any(c.dep_ == "cc" and c.i < verb.i for c in node.children)
    )


def _contains(node: Token, target: Token) -> bool:
    return node.left_edge.i <= target.i <= node.right_edge.i


def date_spans(doc: Doc, dates: list[DateMention]) -> list[tuple[Span, DateMention]]:
    """Each date mention with its tokens (computed once per article)."""
    spans = []
    for mention in dates:
        span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
        if span is not None:
            spans.append((span, mention))
    return spans


def closest_date(
    trigger: Token, scope: set[int], spans: list[tuple[Span, DateMention]]
) -> DateMention | None:
    """The date mention nearest to its trigger: within an event noun's own phrase ("last
    November's summit", "the meeting on Friday") first, else within the event's clause,
    unless the clause is the trip the event was the purpose of."""
    when = _time_of_when_clause(trigger, spans)
    if when is not None:
        return when
    if trigger.pos_ in NOUN_TAGS:
        own = nearest_date(trigger, {t.i for t in trigger.subtree} & scope, spans)
        if own is not None or _purpose_of_trip(trigger):
            return own
    return nearest_date(trigger, scope, spans)


def _time_of_when_clause(verb: Token, spans: list[tuple[Span, DateMention]]) -> DateMention | None:
    """ "negotiations last week when X hosted Y": the time right before "when" dates its
    clause, wherever the parser hung the clause."""
    when = next((c for c in verb.children if c.lower_ == "when" and c.dep_ == "advmod"), None)
    if when is None or when.i != verb.left_edge.i:
        return None
    return next((mention for span, mention in spans if span.end == when.i), None)


def _purpose_of_trip(noun: Token) -> bool:
    """ "arrived in Washington on Wednesday for talks with X", "wrapped up a visit on Sunday
    for a summit with X": the day dates the journey; the talks may have been earlier or
    later."""
    prep = noun.head
    journey = prep.head.lemma_ in TRIP_VERBS or prep.head.lemma_ in TRIP_NOUNS
    return noun.dep_ == "pobj" and prep.lower_ == "for" and journey


def nearest_date(
    trigger: Token, scope: set[int], spans: list[tuple[Span, DateMention]]
) -> DateMention | None:
    best: tuple[int, DateMention] | None = None
    for span, mention in spans:
        if not any(t.i in scope for t in span) or _describes_someone(span, trigger):
            continue
        if _dates_another_event(span, trigger):
            continue
        distance = abs(span.start - trigger.i)
        if best is None or distance < best[0]:
            best = (distance, mention)
    return best[1] if best else None


def _dates_another_event(span: Span, trigger: Token) -> bool:
    """ "met X ahead of Monday's meeting", "discussed the outcome of the talks held Tuesday":
    a date in another event's phrase dates that event; but not the day of the occasion the
    event took place at ("met on the sidelines of a summit last November") nor of the
    agreement a clause signs ("Monday's agreement was signed")."""
    path = _climb(span.root, {trigger.i, trigger.head.i})
    if any(t.lower_ in OCCASION_WORDS for t in path):
        return False
    return any(
        t.pos_ in NOUN_TAGS and t.lemma_.lower() in NOUN_TRIGGERS and t.head.i != trigger.i
        for t in path
    )


def _climb(token: Token, stops: set[int]) -> list[Token]:
    """`token` and the words above it, up to the first of `stops` (left out) or the root."""
    path = [token]
    while path[-1].i not in stops and path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path[:-1] if path[-1].i in stops else path


def _tagged_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON"


def in_description(token: Token) -> bool:
    """A word inside an apposition about a person ("X, an architect of the accord, said"):
    it describes someone and reports no event of the article's."""
    return any(_describes_a_person(node) for node in [token, *token.ancestors])


def _describes_someone(span: Span, trigger: Token) -> bool:
    """A date inside an apposition about a person ("X, an architect of the 2015 accord, met
    Y"): it dates the description, not the event."""
    apposition = apposition_above(span, {trigger.i})
    return apposition is not None and not _contains(apposition, trigger)


def apposition_above(
    span: Span, stops: set[int], is_person: Callable[[Token], bool] = _tagged_person
) -> Token | None:
    """The apposition about a person (`is_person`) that `span` lies inside ("X, the leader
    second only to Y"; not the apposition's own name, "the Crown Prince, Z"), looking up from
    it no further than the tokens `stops` (an event's trigger and verb)."""
    for node in span.root.ancestors:
        if node.i in stops:
            return None
        if node.dep_ == "appos" and is_person(node.head) and not span.start <= node.i < span.end:
            return node
    return None


def _describes_a_person(node: Token) -> bool:
    return node.dep_ == "appos" and _tagged_person(node.head)


def in_timing_phrase(token: Token, stops: set[int]) -> bool:
    """Whether `token` lies in a phrase that times the clause by another event ("hours after
    reports of X", "following X's victory in Y", "a day after X made an announcement"), below
    any of the `stops`."""
    # "acl": "the talks following X's victory", where "following" is read as a participle
    return any(
        (node.dep_ in {"prep", "acl"} and node.lower_ in SEQUENCE_PREPS)
        or (node.dep_ == "advcl" and any(_sequence_mark(c) for c in node.children))
        for node in _climb(token, stops)
    )


def in_what_is_discussed(token: Token, stops: set[int]) -> bool:
    """Whether `token` lies in the topic a verb of talking takes ("discussing the release of
    X"), below any of the `stops`; not after "with", which names whom it was talked with even
    where the parser hangs it on the topic ("discussed developments with X")."""
    path = _climb(token, stops)
    if any(node.dep_ == "prep" and node.lower_ == "with" for node in path):
        return False
    return any(node.dep_ == "dobj" and node.head.lemma_ in TOPIC_VERBS for node in path)


def _sequence_mark(token: Token) -> bool:
    return token.dep_ == "mark" and token.lower_ in SEQUENCE_PREPS


def _in_brackets(token: Token) -> bool:
    """Inside an aside in brackets ("at noon local time (2 p.m. in Lisbon)")."""
    for before in reversed(token.doc[token.sent.start : token.i]):
        if before.text in {"(", ")"}:
            return before.text == "("
    return False


def content_of(verb: Token) -> set[int]:
    """The tokens of what a verb says or agrees ("agreed that X will open a consulate in Y"):
    a place there is no place of the verb's event."""
    return {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree}


def places(
    scope: set[int], doc: Doc, actors: ActorTable, heads: set[int]
) -> tuple[str | None, str | None]:
    """Where the clause of the event's words `heads` locates it: "met in Erbil" (on a verb)
    first; a place on a noun ("security in Bahrain") is only a fallback."""
    direct, indirect = None, None
    for mention in actors.mentions:
        root = doc[mention.end - 1]
        if (
            not (
                mention.kind is ActorKind.PLACE
                and mention.start in scope
                and root.dep_ == "pobj"
                and root.head.lower_ in PLACE_PREPS
            )
            or _in_brackets(root)
            or in_timing_phrase(root, heads)
        ):
            continue
        if root.head.head.pos_ in VERB_TAGS and direct is None:
            direct = mention.name
        elif root.head.head.pos_ not in VERB_TAGS and not _in_topic(root.head.head):
            indirect = mention.name
    return direct, indirect


def _in_topic(noun: Token) -> bool:
    """A noun inside what is discussed ("discussed the situation in Syria", "views on the war
    in Ukraine"): a place on it locates the topic, not the event."""
    for node in (noun, *noun.ancestors):
        if node.dep_ == "pobj" and node.head.lower_ in TOPIC_PREPS:
            return True
        if node.dep_ in OBJECT_DEPS and node.head.lemma_ in WEAK_TRIGGERS:
            return True
        if node.pos_ in VERB_TAGS:
            return False
    return False


def negated(trigger: Trigger) -> bool:
    """ "did not meet", "denied meeting": the event did not happen."""
    return any(c.dep_ == "neg" for c in (*trigger.token.children, *trigger.head.children)) or (
        trigger.head.lemma_ in UNDOING_VERBS
    )


def planned(trigger: Trigger) -> bool:
    """ "will meet", "could meet", "plans to visit", "the upcoming talks", "will travel to X
    to meet Y", "was headed to X to meet Y", "are due at the summit": the event lies ahead,
    or may never be."""
    governor = controller(trigger.head)
    if governor is not None and _under_way(governor):
        return True
    governors = [g for g in (governor, _first_conjunct(trigger.head)) if g is not None]
    for tok in (trigger.token, trigger.head, *governors):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | HYPOTHETICAL_AUX for c in tok.children):
            return True
        if tok.dep_ in PLAN_DEPS and tok.head.lemma_ in PLAN_VERBS:
            return True  # "plans to visit", "confirmed plans to visit", "planning trips"
        if tok.lower_ in PLANNED_WORDS:
            return True
    return (
        _prospect(trigger.token)
        or _due_at(trigger.token)
        or any(c.lower_ in PLANNED_MODIFIERS for c in trigger.token.children)
    )


def _first_conjunct(verb: Token) -> Token | None:
    """The verb whose auxiliary a coordinated verb without one shares ("will hold talks and
    meet X")."""
    if verb.dep_ != "conj" or any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return None
    return verb.head if verb.head.pos_ in VERB_TAGS else None


def _due_at(noun: Token) -> bool:
    """ "are due at the summit", "is set for talks": an event one is expected at."""
    while noun.dep_ == "pobj":
        noun = noun.head.head
    return noun.pos_ == "ADJ" and noun.lemma_ in PLAN_VERBS


def _under_way(trip: Token) -> bool:
    """ "was travelling to X", "is headed to X": a journey not yet over, whose purpose is
    still ahead (unlike "travelled to X to meet Y")."""
    if trip.lemma_ not in TRIP_VERBS and trip.lower_ not in EN_ROUTE_PARTICIPLES:
        return False
    helpers = {c.dep_ for c in trip.children if c.lemma_ == "be"}
    return ("aux" in helpers and trip.tag_ == "VBG") or (
        "auxpass" in helpers and trip.lower_ in EN_ROUTE_PARTICIPLES
    )


def _prospect(noun: Token) -> bool:
    """ "the likelihood of another summit", "a call for new talks", "looked ahead to the
    summit", "ahead of the summit": an event hoped for or to come."""
    prep = noun.head
    if noun.dep_ != "pobj":
        return False
    if prep.lower_ in PROSPECT_PREPS and prep.head.lemma_.lower() in PROSPECT_NOUNS:
        return True
    if prep.lower_ == "of" and prep.head.lower_ == "ahead":
        return True
    looking = prep.head
    return (
        prep.lower_ == "to"
        and looking.lemma_ == "look"
        and any(c.lower_ in {"ahead", "forward"} for c in looking.children)
    )


def generic(trigger: Trigger) -> bool:
    """ "facilitated summits between X and Y", "had many meetings", "met X several times": a
    kind of event or a habit, not one event that the article reports."""
    return _repeated(trigger.head) or _kind_of_event(trigger.token)


def _repeated(verb: Token) -> bool:
    """ "met several times", "spoke regularly": the clause tells of many events."""
    for child in verb.children:
        if child.lower_ in REPEAT_ADVERBS and child.dep_ == "advmod":
            return True
        if child.lower_ == "times" and any(c.lower_ in VAGUE_QUANTIFIERS for c in child.children):
            return True
    return False


def _kind_of_event(noun: Token) -> bool:
    """A bare plural event noun ("facilitated summits between X and Y", "many meetings")."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in COUNTABLE_EVENT_NOUNS:
        return False
    determined = any(c.dep_ in {"det", "nummod", "poss"} for c in noun.children)
    return not (determined or _counted(noun)) or any(
        c.lower_ in VAGUE_QUANTIFIERS for c in noun.children
    )


def _counted(noun: Token) -> bool:
    """ "a series of meetings", "a round of talks": a set of events the sentence goes on to
    tell, not a kind of event."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.lower_ in SEPARATE_WORDS
        and any(c.dep_ == "det" for c in prep.head.children)
    )


def offset_days(trigger: Token) -> int:
    """ "comes a day after the meeting": the meeting is one day before its clause's date."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in OFFSET_PREPS:
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


def separately(trigger: Trigger) -> bool:
    """ "met separately with B and C", "held separate talks", "bilateral meetings with B and C",
    "a series of meetings with B and C": one event with each."""
    words = {trigger.head, trigger.token}
    words |= {c for w in list(words) for c in w.children if c.dep_ in OBJECT_DEPS}
    return any(t.lower_ in SEPARATE_WORDS for w in words for t in (w, *w.children))
