"""A month name that is a person's surname ("May"), told from the month by grammar.

A month takes a day or a year ("May 3", "May 2019") or a preposition of time ("in May",
"since May"). A person is the subject of a verb people do ("May said", "May welcomes
Marchal"), is joined to another person ("May and Keller met") or follows an honorific or a
rank ("Mrs May"). Once the article shows the name as a person ("Helen May", "Mrs May"),
every bare use outside a date phrase is the person.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.calendar import MONTH_NAMES
from bot.models import DateMention
from bot.normalize import norm
from bot.parse.person_signals import does_what_people_do, joined_to_person
from bot.roles import RANKS

# Words before a month that make it a time: "in May", "by May", "early May", "last May".
TIME_WORDS = frozenset(
    (
        "in by since until till from through throughout during before after between to of "
        "early late mid last next this every each end beginning start middle"
    ).split()
)
PERSON_LABEL = "PERSON"


def month_persons(doc: Doc, spans: list[Span], known: frozenset[str] = frozenset()) -> list[Span]:
    """`spans` with every month name the grammar shows to be a person relabelled PERSON;
    `known`: month names that people briefbot knows bear as surnames, which the possessive
    then shows too ("May's plans" once a "Helen May" is known)."""
    shown = _names_shown_as_persons(spans)
    shown |= {t.text for t in doc if t.text in MONTH_NAMES and _is_person(t, shown, known)}
    kept = []
    found = []
    for span in spans:
        if span.label_ == "DATE" and _opens_with_person(span, shown):
            found.append(Span(doc, span.start, span.start + 1, PERSON_LABEL))
        else:
            kept.append(span)
    covered = {i for s in spans for i in range(s.start, s.end)}
    for token in doc:
        if token.i not in covered and _is_person(token, shown, known):
            found.append(Span(doc, token.i, token.i + 1, PERSON_LABEL))
    return kept + found


def _opens_with_person(span: Span, shown: set[str]) -> bool:
    """A date span the model made of a surname and what follows ("May welcomes")."""
    return not any(t.like_num for t in span) and _is_person(span[0], shown)


def _names_shown_as_persons(spans: list[Span]) -> set[str]:
    """Month names the article gives a first name or an honorific: "Helen May", "Mrs May"."""
    shown = set()
    for span in spans:
        last = span[-1].text
        if len(span) < 2 or last not in MONTH_NAMES or span.label_ in {"DATE", "CARDINAL"}:
            continue
        if all(t.is_title and t.is_alpha for t in span[:-1]):
            shown.add(last)
    return shown


def _is_person(token: Token, shown: set[str], known: frozenset[str] = frozenset()) -> bool:
    if token.text not in MONTH_NAMES or _in_date_phrase(token):
        return False
    if token.text in shown or (token.text in known and _possessive(token)):
        return True
    before = token.doc[token.i - 1] if token.i else None
    if before is not None and norm(before.text) in RANKS:
        return True
    return does_what_people_do(token) or joined_to_person(token)


def _possessive(token: Token) -> bool:
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and after.text in {"'s", "’s"}


def _in_date_phrase(token: Token) -> bool:
    """A day or a year beside the month, or a time preposition before it."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1] if token.i else None
    if after is not None and after.like_num:
        return True
    return before is not None and (before.like_num or before.lower_ in TIME_WORDS)


def without_surnames(doc: Doc, dates: list[DateMention]) -> list[DateMention]:
    """`dates` less the month names that the entities show to be a person's name."""
    return [d for d in dates if not _names_a_person(doc, d)]


def _names_a_person(doc: Doc, mention: DateMention) -> bool:
    if mention.text not in MONTH_NAMES:
        return False
    span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
    return span is not None and all(t.ent_type_ == PERSON_LABEL for t in span)
