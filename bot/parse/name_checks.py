"""Checks on entity spans in their sentence: where a capitalised word is not a name at all.

A name in a photo credit is no mention; a portfolio inside a title ("Treasury Secretary",
"Secretary of Commerce") is no mention of the department; a topic word ("post-Brexit",
"Brexit talks", "COVID-19") is no person; a facility or area ("Gimhae International Airport",
"Indo-Pacific region") is a place, not a body.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.knowledge import read_data
from bot.normalize import norm
from bot.parse.nlp import text_of
from bot.sources.text import credit_start

_TITLES = read_data("titles")
_RANKS = frozenset(_TITLES["ranks"])
PLACE_HEADS = frozenset(_TITLES["place_heads"])
# Generic body words: a one-word name made of one of these is a body, not a portfolio.
BODY_WORDS = frozenset(_TITLES["body_words"])
_PREFIXED = re.compile(r"^(?:post|pre|anti|pro|non|no)-(?P<word>[A-Z][\w-]*)$")


def portfolio_in_title(ent: Span) -> bool:
    """A one-word department named as a title's portfolio: "U.S. Treasury Secretary X",
    "Commerce Secretary", "Secretary of Commerce" (not "EU Council President": a body)."""
    words = [t for t in ent if not (t.text.isupper() or "." in t.text or t.lower_ == "the")]
    if len(words) != 1 or norm(words[0].text) in BODY_WORDS:
        return False
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].is_title and norm(doc[ent.end].text) in _RANKS:
        return True
    i = ent.start - 1
    while i > 0 and doc[i].lower_ == "the":
        i -= 1
    return i > 0 and doc[i].lower_ == "of" and norm(doc[i - 1].text) in _RANKS


def topic_words(doc: Doc) -> frozenset[str]:
    """Capitalised words the text uses as topics, not names: prefixed ("post-Brexit"), with
    digits ("COVID-19"), or modifying a common noun ("Brexit talks")."""
    found: set[str] = set()
    for token in doc:
        prefixed = _PREFIXED.match(token.text)
        if prefixed:
            found.add(norm(prefixed["word"]))
        elif token.is_title and token.dep_ == "compound" and _common_noun(token.head):
            found.add(norm(token.text))
    return frozenset(found)


def has_digits(text: str) -> bool:
    return any(char.isdigit() for char in text)


def _common_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.is_lower


def names_a_place(span: Span) -> bool:
    """An airport, base, region or other site, whatever the model's label."""
    return len(span) > 1 and norm(span[-1].text) in PLACE_HEADS


def in_credit(ent: Span) -> bool:
    """Named in a photo credit or a credit line ("Photograph: A Name/EPA", "By AFP")."""
    text = text_of(ent.doc)
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.end_char)
    end = len(text) if end < 0 else end
    cut = credit_start(text[start:end], last=not text[end:].strip())
    return cut is not None and ent.start_char >= start + cut
