"""Statements: one named person's words reported as an event of their own. Four shapes:
a verb of saying with its own date ("X said on Monday that ..."), a statement made or held
("X issued a statement", "X held a press conference"), a statement owned ("X's announcement
last month") and an embedded post signed "— X (@handle) date". Only dated words are events:
undated ones ("X said ...") are attributions; but a joint statement of two people is news of
its own."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.models import ActorKind
from bot.parse.actors import ActorTable
from bot.parse.events.lexicon import (
    JOINT_WORDS,
    NAME_DEPS,
    NOUN_TAGS,
    NOUN_TRIGGERS,
    OBJECT_DEPS,
    PLURAL_PRONOUNS,
    POSSESSIVE_MARKERS,
    PRONOUNS,
    SIGNATURE_DATE_TOKENS,
    SPEECH_VERBS,
    STATEMENT_MAKERS,
    STATEMENT_NOUNS,
    SUBJECT_DEPS,
    VERB_TAGS,
    WORDS_DEPS,
)


@dataclass(slots=True)
class StatementReport:
    """Where a sentence reports a statement: its word, the speaker and where its date may be."""

    token: Token  # the verb of saying, or the statement noun
    head: Token  # the verb whose clause tells it
    speakers: list[str]
    date_scope: set[int]
    joint: bool = False  # "they released a joint statement": news of its own, dated or not


def find_statements(
    sent: Span, skipped: set[int], actors: ActorTable, pair: list[str]
) -> list[StatementReport]:
    """The statements a sentence reports outside quotations; `pair` is whom "they" stands for
    (the people of the last event that named two)."""
    found: list[StatementReport] = []
    for tok in sent:
        if tok.i in skipped:
            continue
        report = (
            _said(tok, actors)
            or _made(tok, actors, pair)
            or _owned(tok, actors)
            or _posted(tok, actors)
        )
        if report is not None:
            found.append(report)
    return found


def _said(verb: Token, actors: ActorTable) -> StatementReport | None:
    """ "X said on Monday that ...": a verb of saying, a person its subject, a date its own."""
    if verb.pos_ not in VERB_TAGS or verb.lemma_ not in SPEECH_VERBS:
        return None
    speakers = _subject_persons(verb, actors)
    if not speakers and _means_of(verb):
        governor = verb.head.head  # "X went further on Thursday by suggesting that ..."
        speakers = _subject_persons(governor, actors)
        return StatementReport(verb, verb, speakers, _own_words(governor)) if speakers else None
    if not speakers:
        return None
    return StatementReport(verb, verb, speakers, _own_words(verb))


def _means_of(verb: Token) -> bool:
    """ "by saying", "by suggesting": the saying is how its governing verb's subject acted."""
    return verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.head.head.pos_ in VERB_TAGS


def _made(verb: Token, actors: ActorTable, pair: list[str]) -> StatementReport | None:
    """ "X issued a statement", "X made the comment", "X holds a press conference"; "they
    released a joint statement" after an event of two people."""
    if verb.pos_ not in VERB_TAGS or verb.lemma_ not in STATEMENT_MAKERS:
        return None
    noun = next(
        (c for c in verb.children if c.dep_ in OBJECT_DEPS and _statement_noun(c)),
        None,
    )
    if noun is None:
        return None
    joint = any(c.lower_ in JOINT_WORDS for c in noun.children)
    speakers = _subject_persons(verb, actors)
    if joint and not speakers and _plural_subject(verb):
        speakers = list(pair)
    if not speakers:
        return None
    scope = _own_words(verb) | {t.i for t in noun.subtree}
    return StatementReport(noun, verb, speakers, scope, joint=joint and len(speakers) >= 2)


def _owned(noun: Token, actors: ActorTable) -> StatementReport | None:
    """ "X's announcement last month": a statement noun owned by a named person."""
    if noun.pos_ not in NOUN_TAGS or not _statement_noun(noun):
        return None
    speaker = _possessor_person(noun, actors)
    if speaker is None:
        return None
    return StatementReport(noun, noun, [speaker], {t.i for t in noun.subtree})


def _plural_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ in PLURAL_PRONOUNS for c in verb.children)


def _posted(handle: Token, actors: ActorTable) -> StatementReport | None:
    """An embedded post signed "— Name (@handle) November 9, 2018": the named person's
    words, dated by the date after the signature."""
    doc = handle.doc
    if not (
        handle.text.startswith("@")
        and 1 < handle.i < len(doc) - 1
        and doc[handle.i - 1].text == "("
        and doc[handle.i + 1].text == ")"
    ):
        return None
    author = actors.at_token(handle.i - 2)
    if author is None or author.kind is not ActorKind.PERSON:
        return None
    after = range(handle.i + 2, min(handle.i + 2 + SIGNATURE_DATE_TOKENS, len(doc)))
    return StatementReport(handle, handle, [author.name], {handle.i, *after})


def _statement_noun(tok: Token) -> bool:
    """ "statement", "remarks", or a compound that ends in one ("press conference")."""
    return tok.lemma_.lower() in STATEMENT_NOUNS or tok.lower_ in STATEMENT_NOUNS


def _subject_persons(verb: Token, actors: ActorTable) -> list[str]:
    """The people the verb's subject names ("X and Y declared"), each once."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return []
    subjects = [
        subject,
        *(t for t in subject.subtree if t.dep_ == "conj" and t.head.i == subject.i),
    ]
    return list(dict.fromkeys(name for s in subjects for name in _persons(s, actors)))


def _persons(subject: Token, actors: ActorTable) -> list[str]:
    """The people a subject names, or the person "he" or "she" stands for."""
    if subject.lower_ in PRONOUNS:
        before = [m for m in actors.mentions if m.kind is ActorKind.PERSON and m.end <= subject.i]
        return [before[-1].name] if before else []
    return [
        mention.name
        for mention in actors.mentions
        if mention.kind is ActorKind.PERSON and _names_head(mention.end - 1, subject)
    ]


def _names_head(index: int, subject: Token) -> bool:
    """Whether token `index` names the subject itself: it is the subject or a name or title
    beside it ("Minister Ri Ok-sun (center)"), not a noun it governs ("the sister of X")."""
    tok = subject.doc[index]
    while tok.i != subject.i:
        if tok.dep_ not in NAME_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _possessor_person(noun: Token, actors: ActorTable) -> str | None:
    """The person written "X's" right before the noun (adjectives between allowed)."""
    doc = noun.doc
    i = noun.i - 1
    while i >= 0 and doc[i].pos_ in {"ADJ", "NOUN"} and doc[i].dep_ in {"amod", "compound"}:
        i -= 1
    if i < 1 or doc[i].lower_ not in POSSESSIVE_MARKERS:
        return None
    mention = actors.at_token(i - 1)
    return mention.name if mention is not None and mention.kind is ActorKind.PERSON else None


def _own_words(verb: Token) -> set[int]:
    """The verb's own phrases, where a date dates the saying: not its subject, not what was
    said (a clause or quotation), not clauses of their own and not an event noun's phrase
    ("stressed ... in talks on Monday": the talks were on Monday)."""
    keep = {verb.i}
    for child in verb.children:
        if child.dep_ not in WORDS_DEPS:
            keep |= {t.i for t in child.subtree}
    for tok in verb.subtree:
        if tok.pos_ in NOUN_TAGS and tok.lemma_.lower() in NOUN_TRIGGERS:
            keep -= {t.i for t in tok.subtree}
    return keep
