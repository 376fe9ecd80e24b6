"""Checks on entity spans in their sentence: where a capitalised word is not a name at all.

A name in a photo credit is no mention; a portfolio inside a title ("Treasury Secretary",
"Secretary of Commerce") is no mention of the department; a topic word ("post-Brexit",
"Brexit talks", "COVID-19") is no person; a facility or area ("Gimhae International Airport",
"Indo-Pacific region") is a place, not a body.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Span, Token

from bot.knowledge import read_data
from bot.normalize import norm
from bot.parse.nlp import text_of
from bot.roles import BODY_WORDS, PLACE_HEADS, PORTFOLIOS, RANKS
from bot.sources.text import appeal_end, credit_start, is_appeal

_TITLES = read_data("titles")
_PLACE_NOUNS = frozenset(_TITLES["place_nouns"])
_LOCATING_PREPS = frozenset({"in", "near"})
DESCRIPTION_WORDS = 4  # words of "a Syrian border town" after the determiner
TOPIC_VERBS = frozenset({"discuss", "talk", "debate"})
_PREFIXED = re.compile(r"^(?:post|pre|anti|pro|non|no)-(?P<word>[A-Z][\w-]*)$")


def portfolio_in_title(ent: Span) -> bool:
    """A department named as a title's portfolio: "U.S. Treasury Secretary X", "Commerce
    Secretary", "Secretary of Commerce", "National Security Adviser" (not "EU Council
    President": a body)."""
    words = [t for t in ent if not (t.text.isupper() or "." in t.text or t.lower_ == "the")]
    phrase = norm(" ".join(t.text for t in words))
    if phrase not in PORTFOLIOS and (len(words) != 1 or phrase in BODY_WORDS):
        return False
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].is_title and norm(doc[ent.end].text) in RANKS:
        return True
    i = ent.start - 1
    while i > 0 and doc[i].lower_ == "the":
        i -= 1
    return i > 0 and doc[i].lower_ == "of" and norm(doc[i - 1].text) in RANKS


def topic_words(doc: Doc) -> frozenset[str]:
    """Capitalised words the text uses as topics, not names: prefixed ("post-Brexit"), with
    digits ("COVID-19"), modifying a common noun ("Brexit talks") or what is discussed
    ("discussing Brexit")."""
    found: set[str] = set()
    for token in doc:
        prefixed = _PREFIXED.match(token.text)
        if prefixed:
            found.add(norm(prefixed["word"]))
        elif token.is_title and (
            (token.dep_ == "compound" and _common_noun(token.head)) or _talked_about(token)
        ):
            found.add(norm(token.text))
    return frozenset(found)


def _talked_about(token: Token) -> bool:
    """What people discuss or talk ("discussing Brexit"): a subject matter, not an actor."""
    return token.dep_ == "dobj" and token.head.lemma_ in TOPIC_VERBS


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
    credits: dict[int, int | None] = ent.doc.user_data.setdefault("briefbot.credits", {})
    if start not in credits:  # one look per line, however many names it holds
        end = text.find("\n", ent.end_char)
        end = len(text) if end < 0 else end
        cut = credit_start(text[start:end], last=not text[end:].strip())
        credits[start] = None if cut is None else start + cut
    credit = credits[start]
    return credit is not None and ent.start_char >= credit


# An appeal for donations the page opens with runs at most this many lines (title included).
APPEAL_LINES = 10
# Words before "by" that make a line's names a credit: "Online by A and B", "Reported by A".
CREDIT_VERBS = frozenset(
    "written writing reported posted edited editing compiled produced online reporting "
    "translated".split()
)


def in_opening_appeal(ent: Span) -> bool:
    """Named in the appeal for support a page opens with ("... investigating the financials of
    A Name's PAC ... Your donation ..."): the outlet's boilerplate, not the article."""
    block = _opening_appeal(ent.doc)
    return block is not None and block[0] <= ent.start_char < block[1]


def _opening_appeal(doc: Doc) -> tuple[int, int] | None:
    """(start, end) characters of the appeal paragraphs among the text's first lines."""
    if "briefbot.appeal" not in doc.user_data:
        doc.user_data["briefbot.appeal"] = _find_opening_appeal(text_of(doc))
    return doc.user_data["briefbot.appeal"]


def _find_opening_appeal(text: str) -> tuple[int, int] | None:
    appeals = [(start, line) for start, line in _first_lines(text, APPEAL_LINES) if is_appeal(line)]
    if not appeals:
        return None
    last_start, last = appeals[-1]
    return appeals[0][0], last_start + appeal_end(last)


def _first_lines(text: str, count: int) -> list[tuple[int, str]]:
    """The text's first `count` non-empty lines with where each starts."""
    lines: list[tuple[int, str]] = []
    start = 0
    for line in text.split("\n"):
        if len(lines) == count:
            break
        if line.strip():
            lines.append((start, line))
        start += len(line) + 1
    return lines


def in_credit_list(ent: Span) -> bool:
    """A name in a credit after "by" ("Online by A and B", "Reported by A"): the names, commas
    and "and" between the credit word and the entity."""
    doc = ent.doc
    i = ent.start - 1
    while i > 0 and (doc[i].ent_type_ == "PERSON" or doc[i].lower_ in {"and", ",", "&"}):
        i -= 1
    return i > 0 and doc[i].lower_ == "by" and doc[i - 1].lower_ in CREDIT_VERBS


_NON_NAMES = read_data("non_names")
FURNITURE = (
    frozenset(_NON_NAMES["furniture"])
    | frozenset(_NON_NAMES["common_acronyms"])
    | frozenset(_NON_NAMES["platforms"])
)
_OUTLET_HEADS = frozenset(_NON_NAMES["outlet_heads"])
_MEDIA_NOUNS = frozenset(_NON_NAMES["media_nouns"])
_LINK_WORDS = frozenset("of the for on and".split())
CLOCK_WORDS = frozenset(_NON_NAMES["clock_words"])
_THING_HEADS = frozenset(
    _NON_NAMES["document_heads"] + _NON_NAMES["event_heads"] + _NON_NAMES["group_heads"]
)
# Words of a party's or state's organs ("Central Committee"): a part of the body they follow.
ORGAN_WORDS = BODY_WORDS | frozenset("central standing political executive secretariat".split())


def is_furniture(text: str) -> bool:
    """Page furniture, a clock word or an abbreviation of a thing ("Readout", "KST", "VAT")."""
    key = norm(text)
    return key in FURNITURE or key in CLOCK_WORDS


def names_a_thing(span: Span) -> bool:
    """A document, an event or a party sent to one, not a body: "Northern Ireland Protocol",
    "Winter Olympic Games", "Presidential Delegation"."""
    words = norm(span.text).split()
    return len(words) > 1 and (words[-1] in _THING_HEADS or " ".join(words[-2:]) in _THING_HEADS)


def common_noun_use(ent: Span) -> bool:
    """A one-word name heading a phrase after an indefinite article ("A Renaissance is taking
    place"; not "a G20 summit", where the name qualifies the noun)."""
    if len(ent) != 1 or ent.start == 0 or ent.root.dep_ == "compound":
        return False
    return ent.doc[ent.start - 1].lower_ in {"a", "an"}


def cut_from_longer_name(ent: Span) -> bool:
    """A body word the model cut from a longer capitalised name: "Congress" in "our Party
    Congress", "Central Committee" in "WPK Central Committee" (the party is the mention)."""
    words = norm(ent.text).split()
    if not words or not set(words) <= ORGAN_WORDS or ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    if before.ent_type_ == "ORG":
        return True
    return (
        before.is_title
        and not before.is_sent_start
        and not before.ent_type_
        and norm(before.text) not in RANKS
        and before.pos_ in {"PROPN", "NOUN"}
    )


def person_after_rank(span: Span, min_words: int = 2) -> bool:
    """A name the model took for a body or a place, right after a rank: "counterpart Taro
    Hoshino", "Vice President Okafor" (the caller rules out known places)."""
    if span.start == 0 or not _plain_name_words(span, min_words):
        return False
    return norm(span.doc[span.start - 1].text) in RANKS


def paired_with_a_person(span: Span) -> bool:
    """A name of two or three plain words the model took for a body, joined by "and" to a
    person's name: "Tom Hale and Ana Costa spoke"."""
    if not _plain_name_words(span, 2):
        return False
    return any(p.ent_type_ == "PERSON" for p in conjuncts(span.root))


def conjuncts(word: Token) -> list[Token]:
    """The words `word` is joined to by "and": its head, if it is a conjunct, and its own."""
    partners = [word.head] if word.dep_ == "conj" else []
    return partners + [c for c in word.children if c.dep_ == "conj"]


def _plain_name_words(span: Span, min_words: int) -> bool:
    """Two (or `min_words`) to three capitalised words, none a body's or a place's."""
    words = list(span)
    if not min_words <= len(words) <= 3 or not all(t.is_title and t.is_alpha for t in words):
        return False
    return not {norm(t.text) for t in words} & (BODY_WORDS | PLACE_HEADS)


def described_as_place(span: Span) -> bool:
    """A name the text describes as a place right after it: "Suruc, a Syrian town"."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != ",":
        return False
    if doc[span.end + 1].lower_ not in {"a", "an", "the"}:
        return False
    words = list(doc[span.end + 2 : span.end + 2 + DESCRIPTION_WORDS])
    phrase = list(itertools.takewhile(lambda t: not t.is_punct and t.pos_ != "ADP", words))
    nouns = [t for t in phrase if t.pos_ == "NOUN"]
    return bool(nouns) and nouns[-1].lower_ in _PLACE_NOUNS


def located_by_preposition(span: Span) -> bool:
    """A one-word name where something happens ("received him in Tarsa", "a resort near
    Tarsa"): a town the model took for a body; not an acronym, a body word or "the X"."""
    if len(span) != 1:
        return False
    word = span[0]
    return (
        word.dep_ == "pobj"
        and word.head.lower_ in _LOCATING_PREPS
        and not word.is_upper
        and norm(word.text) not in BODY_WORDS
        and not any(c.dep_ == "det" for c in word.children)
    )


def names_an_outlet(span: Span) -> bool:
    """A newspaper by the last word of its title ("Belfast Telegraph", "Allgemeine Zeitung"),
    or a name a word of the media introduces ("state TV Al Rafidain", "broadcaster NHK")."""
    words = norm(span.text).split()
    before = span.doc[span.start - 1].lower_ if span.start else ""
    return (len(words) > 1 and words[-1] in _OUTLET_HEADS) or before in _MEDIA_NOUNS


def organ_fragment(span: Span) -> bool:
    """An organ's name cut before its body ("Central Committee of the" + "Workers' Party"):
    the body named next is the mention."""
    words = norm(span.text).split()
    cut = len(words)
    while cut and words[cut - 1] in _LINK_WORDS:
        cut -= 1
    return 0 < cut < len(words) and set(words[:cut]) <= ORGAN_WORDS


def dateline_city(span: Span) -> bool:
    """An upper-case word opening a paragraph before a comma: a dateline ("BALI, 9 July")."""
    doc = span.doc
    return (
        len(span) == 1
        and span.text.isupper()
        and span[0].is_sent_start
        and span.end < len(doc)
        and doc[span.end].text == ","
    )
