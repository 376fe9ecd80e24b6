"""Who took part in an event: the actors its clause names as sides, and the people that
pronouns, role nouns ("the diplomat") and group nouns ("a US delegation") stand for."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.models import ActorKind, ActorRef, EventRecord
from bot.parse.actors import ActorTable, Mention
from bot.parse.bodies import country_before, country_named
from bot.parse.events.clauses import (
    apposition_above,
    controller,
    in_timing_phrase,
    in_what_is_discussed,
)
from bot.parse.events.lexicon import (
    ANAPHORIC_TYPES,
    ARGUMENT_DEPS,
    COUNTRY_ENTITIES,
    COUNTRY_MODIFIER_DEPS,
    DEFINITE_DETERMINERS,
    GROUP_NOUNS,
    GROUP_PREPS,
    MEMBERSHIP_VERBS,
    NOUN_TAGS,
    NOUN_TRIGGERS,
    OBJECT_DEPS,
    OBJECT_PRONOUNS,
    OWN_PARTY_VERBS,
    PAIR_NUMBERS,
    PARTY_PREPS,
    PLURAL_PRONOUNS,
    POSSESSIVE_MARKERS,
    POSSESSIVE_PRONOUNS,
    PRONOUN_OBJECT_DEPS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SEQUENCE_VERBS,
    STATE_EVENTS,
    STATE_PARTY_PREPS,
    SUBJECT_DEPS,
    TALK_TYPES,
    UNNAMED_PARTY,
    VERB_TAGS,
)
from bot.parse.events.triggers import Trigger


def participants(
    scope: set[int], doc: Doc, actors: ActorTable, quoted: set[int], trigger: Trigger
) -> tuple[list[str], set[str]]:
    """Named people in the clause; else institutions (and, for agreements and attacks, states).
    Returns the participants and which of them are people."""
    if trigger.type in STATE_EVENTS and trigger.token.pos_ in NOUN_TAGS:
        sides = _noun_sides(scope, doc, actors, quoted, trigger)
        if len(sides) >= 2:
            return sides, set()
    owned = _owned_noun_sides(scope, actors, quoted, trigger)
    if owned:
        return owned, set(owned)
    persons, others = _named(scope, doc, actors, quoted, trigger)
    _add_referred_subjects(persons, scope, doc, actors, quoted)
    owner = _pronoun_owner(trigger.token, actors, exclude=set(persons))
    if owner is not None:
        persons.insert(0, owner)
    if len(persons) >= 2:
        return persons, set(persons)
    return persons + [name for name in others if name not in persons], set(persons)


def _noun_sides(
    scope: set[int], doc: Doc, actors: ActorTable, quoted: set[int], trigger: Trigger
) -> list[str]:
    """ "ISIS's attack on the Peshmerga": the noun's own arguments name the sides, whoever
    else the clause mentions (the people being briefed about it)."""
    own = set(scope) & {t.i for t in trigger.token.subtree}
    sides: list[str] = []
    for mention in actors.mentions:
        if mention.start in own and mention.start not in quoted and _acts(mention, doc, trigger):
            _add(sides, mention.name)
    possessor = _possessor(trigger.token, actors)
    if possessor is not None and possessor not in sides:
        sides.insert(0, possessor)
    return sides


def _named_aside(mention: Mention, actors: ActorTable, trigger: Trigger) -> bool:
    """A person the clause names in passing, no side of its event: in what an apposition says
    of another, on a thing, as a thing's source, in a phrase timing the event or in the topic
    talked about."""
    root = trigger.token.doc[mention.end - 1]
    return (
        _inside_apposition(mention, actors, trigger)
        or _on_a_thing(root, trigger)
        or _source_of_a_thing(root, trigger)
        or in_timing_phrase(root, {trigger.token.i, trigger.head.i})
        or in_what_is_discussed(root, {trigger.token.i, trigger.head.i})
    )


def _on_a_thing(root: Token, trigger: Trigger) -> bool:
    """A name on a common noun other than the event's: qualifying it ("swap Hale trade talk
    tips", "the Hale administration") or owning it ("dismissing X's initiative", "met X's
    envoy"; but "X's talks with Y" are X's event)."""
    thing = root.head
    if thing.pos_ != "NOUN" or thing.i in (trigger.token.i, trigger.head.i):
        return False
    return root.dep_ == "compound" or (
        root.dep_ == "poss" and thing.lemma_.lower() not in NOUN_TRIGGERS
    )


def _source_of_a_thing(root: Token, trigger: Trigger) -> bool:
    """A person a thing comes from ("an invitation from X", "to convey greetings from X"): no
    side of the event, unless the thing is an event ("received a call from X") or a party
    sent ("a delegation from X")."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "from" or prep.head.i in _event_heads(trigger):
        return False
    thing = prep.head
    if thing.pos_ in VERB_TAGS:  # "convey greetings from X": the verb's object
        thing = next((c for c in thing.children if c.dep_ in OBJECT_DEPS), thing)
    lemma = thing.lemma_.lower()
    return thing.pos_ == "NOUN" and lemma not in GROUP_NOUNS and lemma not in NOUN_TRIGGERS


def _inside_apposition(mention: Mention, actors: ActorTable, trigger: Trigger) -> bool:
    """A person named inside what an apposition says of another person ("X, the leader second
    only to Y, arrived"): no side of the event."""
    name = trigger.token.doc[mention.start : mention.end]
    stops = {trigger.token.i, trigger.head.i}
    return apposition_above(name, stops, lambda t: _person_at(t, actors) is not None) is not None


def _owned_noun_sides(
    scope: set[int], actors: ActorTable, quoted: set[int], trigger: Trigger
) -> list[str]:
    """ "criticized Hale for his phone call with Okafor": an event noun with an owner and a
    person of its own names its sides, whoever else the clause names."""
    noun = trigger.token
    if noun.pos_ not in NOUN_TAGS:
        return []
    own = [
        m.name
        for m in actors.mentions
        if m.kind is ActorKind.PERSON
        and m.start in scope
        and m.start not in quoted
        and noun.i < m.start <= noun.right_edge.i
    ]
    owner = _possessor(noun, actors) or _pronoun_antecedent_object(noun, actors)
    if not own or owner is None or owner in own:
        return []
    return [owner, *dict.fromkeys(own)]


def _pronoun_antecedent_object(noun: Token, actors: ActorTable) -> str | None:
    """Whom "his" or "her" stands for in "thanked X for his visit", "criticized X for her
    call": the person the verb acts on."""
    if not any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in noun.children):
        return None
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return None
    target = next((c for c in prep.head.children if c.dep_ in {"dobj", "obj"}), None)
    return _person_at(target, actors) if target is not None else None


def _named(
    scope: set[int], doc: Doc, actors: ActorTable, quoted: set[int], trigger: Trigger
) -> tuple[list[str], list[str]]:
    """The people the clause names, and the other actors it names as sides."""
    persons: list[str] = []
    others: list[str] = []
    for mention in actors.mentions:
        if mention.start not in scope or mention.start in quoted:
            continue
        if mention.kind is ActorKind.PERSON:
            if not _named_aside(mention, actors, trigger):
                _add(persons, mention.name)
        elif (mention.kind is not ActorKind.PLACE or trigger.type in STATE_EVENTS) and _acts(
            mention, doc, trigger
        ):
            _add(others, mention.name)
    return persons, others


def _add_referred_subjects(
    persons: list[str], scope: set[int], doc: Doc, actors: ActorTable, quoted: set[int]
) -> None:
    """Put first the people that pronouns and role nouns of the clause refer to: subjects,
    and "him" or "her" as an object in reported words."""
    for i in sorted(scope):
        tok = doc[i]
        if i in quoted:
            continue
        if tok.dep_ in SUBJECT_DEPS:
            person = _referent(tok, doc, actors, exclude=set(persons))
        elif tok.dep_ in PRONOUN_OBJECT_DEPS and tok.lower_ in OBJECT_PRONOUNS:
            person = _reporter(tok, actors, exclude=set(persons))
        else:
            continue
        if person and person not in persons:
            persons.insert(0, person)


def _referent(tok: Token, doc: Doc, actors: ActorTable, exclude: set[str]) -> str | None:
    """The person "he", "the diplomat" or "who" ("X, who arrived ...") stands for, if any."""
    if tok.lower_ in PRONOUNS:
        return _subject_antecedent(actors, doc, tok.i, exclude) or _last_person(actors, tok.i)
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        mention = actors.at_token(tok.head.head.i)
        return mention.name if mention is not None and mention.kind is ActorKind.PERSON else None
    if _role_reference(tok, actors):
        country = _country_of_role(tok)
        person = _person_of(country, actors, doc, tok.i, exclude) if country else None
        return person or _subject_antecedent(actors, doc, tok.sent.start, exclude)
    return None


def _country_of_role(noun: Token) -> str | None:
    """The country a role noun is qualified by ("the Chinese minister": China)."""
    for child in noun.children:
        if child.dep_ in COUNTRY_MODIFIER_DEPS and (country := country_named(child.text)):
            return country
    return None


def _person_of(
    country: str, actors: ActorTable, doc: Doc, before: int, exclude: set[str]
) -> str | None:
    """The person named last before `before` whom the article ties to `country`, by a title
    ("Chinese Foreign Minister X") or a possessive ("China's X")."""
    tied = {
        m.name
        for m in actors.mentions
        if m.kind is ActorKind.PERSON and m.end <= before and _tied_to(m, doc, country)
    }
    for mention in reversed(actors.mentions):
        if mention.end <= before and mention.name in tied - exclude:
            return mention.name
    return None


def _tied_to(mention: Mention, doc: Doc, country: str) -> bool:
    """Whether a mention's title or a possessive before it names `country`."""
    title_words = (mention.title or "").split()
    if any(country_named(word) == country for word in title_words):
        return True
    return country_before(doc[mention.start : mention.end]) == country


def _pronoun_owner(noun: Token, actors: ActorTable, exclude: set[str]) -> str | None:
    """The person "his" or "her" stands for on an event noun ("made an announcement after his
    first summit with X"): the subject of the nearest clause above it."""
    if noun.pos_ not in NOUN_TAGS or not any(
        c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in noun.children
    ):
        return None
    return _subject_above(noun.head, actors, exclude)


def _reporter(pronoun: Token, actors: ActorTable, exclude: set[str]) -> str | None:
    """The person "him" or "her" stands for in reported words ("X announced that the letter
    had been handed to him"): the subject of the clause that reports them."""
    node = pronoun
    while node.dep_ != "ccomp":
        if node.head.i == node.i:
            return None
        node = node.head
    return _subject_above(node.head, actors, exclude)


def _subject_above(node: Token, actors: ActorTable, exclude: set[str]) -> str | None:
    """The person named (or referred to) by the subject of the nearest clause from `node` up."""
    while True:
        subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            person = _person_at(subject, actors) or _referent(subject, node.doc, actors, exclude)
            return person if person not in exclude else None
        if node.head.i == node.i:
            return None
        node = node.head


def _person_at(tok: Token, actors: ActorTable) -> str | None:
    mention = actors.at_token(tok.i)
    return mention.name if mention is not None and mention.kind is ActorKind.PERSON else None


def _possessor(noun: Token, actors: ActorTable) -> str | None:
    """The actor written "X's" right before an event noun (adjectives between allowed), even
    when the parser attached the possessive elsewhere."""
    i = noun.i - 1
    doc = noun.doc
    while i >= 0 and doc[i].pos_ in {"ADJ", "NOUN"} and doc[i].dep_ in {"amod", "compound"}:
        i -= 1
    if i < 1 or doc[i].lower_ not in POSSESSIVE_MARKERS:
        return None
    mention = actors.at_token(i - 1)
    return mention.name if mention is not None and mention.kind is not ActorKind.PLACE else None


def _add(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def _acts(mention: Mention, doc: Doc, trigger: Trigger) -> bool:
    """Whether an organisation or place is a side of the event, not a modifier, a location or
    an argument of another verb ("strategies for defeating the Islamic State")."""
    heads = _event_heads(trigger)
    root = _argument_root(mention, doc, trigger)
    if root.dep_ in ARGUMENT_DEPS:
        return root.head.i in heads
    if root.dep_ != "pobj":
        return False
    prep = root.head
    preps = PARTY_PREPS | STATE_PARTY_PREPS if trigger.type in STATE_EVENTS else PARTY_PREPS
    if prep.lower_ not in preps:
        return False
    return prep.head.i in heads or (prep.head.dep_ in ARGUMENT_DEPS and prep.head.head.i in heads)


def _event_heads(trigger: Trigger) -> set[int]:
    """The tokens whose arguments are the event's sides: the trigger, its clause's verb and
    the verb that verb is coordinated with."""
    heads = {trigger.token.i, trigger.head.i}
    if trigger.head.dep_ == "conj":
        heads.add(trigger.head.head.i)
    return heads


def _argument_root(mention: Mention, doc: Doc, trigger: Trigger) -> Token:
    """The token that attaches a mention to the clause (a list's first item for its others)."""
    root = _first_conjunct(doc[mention.end - 1])
    if trigger.type in STATE_EVENTS:
        # "IS militants attacked Peshmerga positions": a group named on the attackers' or the
        # targets' noun is a side ("IS" is sometimes read as the verb "is").
        if root.pos_ == "AUX" and root.i + 1 < len(doc) and doc[root.i + 1].pos_ == "NOUN":
            root = doc[root.i + 1]
        elif root.dep_ in {"compound", "nmod"}:
            root = root.head
        root = _first_conjunct(root)
    return root


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj":
        tok = tok.head
    return tok


def _last_person(actors: ActorTable, before: int) -> str | None:
    """The person named last before token `before`: the referent of "he" or "she"."""
    persons = [m for m in actors.mentions if m.kind is ActorKind.PERSON and m.end <= before]
    return persons[-1].name if persons else None


def _subject_antecedent(actors: ActorTable, doc: Doc, before: int, exclude: set[str]) -> str | None:
    """The person last named as a sentence's subject before `before`: the likeliest referent
    of "the diplomat" or "the envoy" (subjects stay in focus longer than objects)."""
    persons = [m for m in actors.mentions if m.kind is ActorKind.PERSON and m.end <= before]
    for mention in reversed(persons):
        if mention.name not in exclude and doc[mention.end - 1].dep_ in SUBJECT_DEPS:
            return mention.name
    return None


def _role_reference(tok: Token, actors: ActorTable) -> bool:
    """ "the diplomat": a definite role noun that names no one itself."""
    return (
        tok.lemma_.lower() in ROLE_NOUNS
        and _definite(tok)
        and not any(_names_someone(c, actors) for c in tok.children)
        and actors.at_token(tok.i) is None
    )


def _names_someone(child: Token, actors: ActorTable) -> bool:
    """Whether a role noun's dependant ties it to someone ("the Kurdish leader's envoy", "the
    minister, X"); a common-noun compound ("the cabinet minister") does not."""
    if child.dep_ in {"poss", "appos"}:
        return True
    return child.dep_ == "compound" and (
        child.pos_ != "NOUN" or actors.at_token(child.i) is not None
    )


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in tok.children)


def has_group(scope: set[int], doc: Doc, trigger: Trigger) -> bool:
    """Whether a side of a meeting, call or visit is a party named by a group noun ("a US
    delegation"), whose members may be named later."""
    return _group_noun(scope, doc, trigger) is not None


def unnamed_party(scope: set[int], doc: Doc, trigger: Trigger) -> str | None:
    """ "hosted US officials", "met a Chinese delegation": the side a country's group noun
    names, as "unnamed US delegation", for when no member is ever named."""
    group = _group_noun(scope, doc, trigger)
    if group is None or group.head.lemma_ in OWN_PARTY_VERBS:
        return None  # "X led the US delegation in talks": X's own side
    country = next(
        (
            c
            for c in group.children
            if c.dep_ in COUNTRY_MODIFIER_DEPS and c.ent_type_ in COUNTRY_ENTITIES
        ),
        None,
    )
    return None if country is None else UNNAMED_PARTY.format(country.text)


def unnamed_parties(events: list[EventRecord]) -> list[ActorRef]:
    """The unnamed delegations events name, as group actors (they are no persons)."""
    prefix, suffix = UNNAMED_PARTY.split("{}")
    names = [
        name
        for event in events
        for name in event.participants
        if name.startswith(prefix) and name.endswith(suffix)
    ]
    return [ActorRef(name=name, kind=ActorKind.GROUP) for name in dict.fromkeys(names)]


def _group_noun(scope: set[int], doc: Doc, trigger: Trigger) -> Token | None:
    if trigger.type not in ANAPHORIC_TYPES:
        return None
    heads = {trigger.token.i, trigger.head.i}
    for i in sorted(scope):
        tok = doc[i]
        if tok.lemma_.lower() not in GROUP_NOUNS or _one_person(tok):
            continue
        if tok.dep_ in ARGUMENT_DEPS and tok.head.i in heads:
            return tok
        if tok.dep_ == "pobj" and tok.head.lower_ in GROUP_PREPS and tok.head.head.i in heads:
            return tok
    return None


def _one_person(noun: Token) -> bool:
    """ "the Kurdish leader Tom Hale", "the envoy" (one already named): a singular role noun
    that is named or refers back stands for one person, not for a party."""
    if noun.tag_ != "NN" or noun.lemma_.lower() not in ROLE_NOUNS:
        return False
    named = any(c.dep_ in {"appos", "compound"} and c.ent_type_ == "PERSON" for c in noun.children)
    return named or _definite(noun)


def refers_back(trigger: Trigger) -> bool:
    """ "the meeting", "the call": a report of an event the article has already told; but
    "The talks follow negotiations last week when X hosted Y" tells of another, earlier one."""
    return (
        trigger.type in ANAPHORIC_TYPES
        and trigger.token.pos_ in NOUN_TAGS
        and _definite(trigger.token)
        and not _in_sequence(trigger.token)
        and not _of_a_body(trigger.token)
    )


def _of_a_body(noun: Token) -> bool:
    """ "the summit of the Shanghai Cooperation Organisation": an occasion the phrase names,
    not a report of an event already told."""
    return any(
        prep.lower_ == "of" and any(o.ent_type_ in {"ORG", "NORP"} for o in prep.children)
        for prep in noun.children
    )


def _in_sequence(noun: Token) -> bool:
    return noun.dep_ in SUBJECT_DEPS and noun.head.lemma_ in SEQUENCE_VERBS


def members_named(sent: Span, actors: ActorTable, quoted: set[int]) -> list[str]:
    """ "The US delegation included X and Y": the people a sentence names as a party's
    members, in order, each once (not "Z" of "Z's son-in-law Y")."""
    names: list[str] = []
    for tok in sent:
        if _lists_members(tok):
            span = range(tok.left_edge.i, tok.right_edge.i + 1)
            names += [
                m.name
                for m in actors.mentions
                if m.kind is ActorKind.PERSON
                and m.start in span
                and m.start not in quoted
                and not _on_a_noun(sent.doc[m.end - 1])
            ]
    return names


def _on_a_noun(root: Token) -> bool:
    """A name owning or qualifying a common noun ("X's son-in-law Y", "the X administration"):
    not the person the noun's phrase names."""
    return root.head.pos_ == "NOUN" and root.dep_ in {"poss", "compound"}


def _lists_members(tok: Token) -> bool:
    """A membership verb ("included", "was led by") whose subject is a group noun."""
    if tok.pos_ not in VERB_TAGS or tok.lemma_ not in MEMBERSHIP_VERBS:
        return False
    subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
    return any(s.lemma_.lower() in GROUP_NOUNS for s in subjects)


def plural_subject(scope: set[int], doc: Doc, trigger: Trigger) -> bool:
    """Whether a meeting's or call's subject is "they" or "the two leaders": the people of
    the event last told ("X and Y met on Monday ... they had met last month")."""
    if trigger.type not in TALK_TYPES or _nested_noun(trigger):
        return False
    heads = {trigger.token.i, trigger.head.i}
    governor = controller(trigger.head)  # "the two leaders had agreed to hold talks"
    if governor is not None:
        heads.add(governor.i)
    return any(
        doc[i].dep_ in SUBJECT_DEPS and doc[i].head.i in heads and _plural_reference(doc[i])
        for i in scope
    )


def _nested_noun(trigger: Trigger) -> bool:
    """An event noun inside what a clause is about ("exchanged views on the outcome of the
    talks held Tuesday"), two prepositions or more below its verb: another event."""
    noun = trigger.token
    if noun.pos_ not in NOUN_TAGS:
        return False
    preps = 0
    while noun.head.i != trigger.head.i and noun.head.i != noun.i:
        preps += noun.dep_ == "prep"
        noun = noun.head
    return preps >= 2


def _plural_reference(tok: Token) -> bool:
    if tok.lower_ in PLURAL_PRONOUNS:
        return True
    return _definite(tok) and any(
        c.dep_ == "nummod" and c.lower_ in PAIR_NUMBERS for c in tok.children
    )
