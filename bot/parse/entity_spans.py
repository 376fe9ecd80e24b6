"""Person spans the statistical model cuts or overreaches, mended after the NER.

Names go on over a hyphenated syllable ("Moon Jae-in", "Moon Jae- in"), over particles
("Ursula von der Leyen") and over the short third part of a three-part name ("Yoon Suk Yeol");
a headline verb glued to a name ("Mattis Meets") and a second name after a dash are split off.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from bot.knowledge import read_data

_WORDS = read_data("titles")
HEADLINE_VERBS = frozenset(_WORDS["headline_verbs"])
NAME_PARTICLES = frozenset(_WORDS["name_particles"])
_TITLE_WORDS = frozenset(_WORDS["ranks"]) | frozenset(_WORDS["modifiers"])
_HYPHENS = {"-", "‐", "‑"}
HONORIFICS = frozenset("mr mrs ms miss dr lord lady sir dame".split())
_DASHES = {"-", "–", "—"}
SYLLABLE_MAX = 5  # letters of the lower-case syllable after a hyphen ("in", "hui", "myung")
SHORT_PART_MAX = 4  # letters of each part of a three-part name ("Yoon Suk Yeol", "Kim Ju Ae")
COMPONENT = "entity_spans"  # the pipe's name; it runs right after the NER


@Language.component(COMPONENT)
def mend_entity_spans(doc: Doc) -> Doc:
    """Rewrite the doc's PERSON spans; other entities stay unless a mended name covers them."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            spans += [_extend(_drop_headline_verb(part)) for part in _split_at_dash(ent)]
        else:
            spans.append(ent)
    doc.ents = filter_spans(spans)
    return doc


def _split_at_dash(ent: Span) -> list[Span]:
    """ "Nick Timothy - Mrs May": the names either side of a spaced dash."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        if doc[i].text in _DASHES and doc[i - 1].whitespace_ and doc[i].whitespace_:
            return [Span(doc, ent.start, i, ent.label), Span(doc, i + 1, ent.end, ent.label)]
    return [ent]


def _drop_headline_verb(ent: Span) -> Span:
    """ "Wang Yi Meets" -> "Wang Yi": a name ends before a title-case headline verb."""
    for i in range(ent.start + 1, ent.end):
        if ent.doc[i].lower_ in HEADLINE_VERBS:
            return Span(ent.doc, ent.start, i, ent.label)
    return ent


def _extend(ent: Span) -> Span:
    """The name carried on over what the model left out, as long as something matches."""
    end = ent.end
    while True:
        longer = (
            _hyphen_syllable(ent.doc, end)
            or _hyphenated_part(ent.doc, end)
            or _particle_name(ent.doc, ent.start, end)
            or _honorific_name(ent.doc, ent.start, end)
        )
        if longer is None:
            break
        end = longer
    end = _short_third_part(ent.doc, ent.start, end) or end
    return Span(ent.doc, ent.start, end, ent.label) if end != ent.end else ent


def _hyphen_syllable(doc: Doc, end: int) -> int | None:
    """ "Jae" + "-" + "in", "Jae-" + "in" or "Moon" + "Jae-" + "in": a given name whose
    lower-case second syllable is joined by a hyphen."""
    last = doc[end - 1]
    if last.text[-1:] in _HYPHENS and end - 1 > 0:  # "Jae-" or "Jae" "-": the syllable next
        return end + 1 if end < len(doc) and _is_syllable(doc[end]) else None
    if last.whitespace_ or end + 1 >= len(doc):
        return None
    if doc[end].text in _HYPHENS:
        return end + 2 if _is_syllable(doc[end + 1]) else None
    return None


def _hyphenated_part(doc: Doc, end: int) -> int | None:
    """ "Moon" + "Jae-" + "in": a capitalised part ending in a hyphen, then its syllable."""
    if end + 1 >= len(doc) or "\n" in doc[end - 1].whitespace_:
        return None
    part = doc[end]
    if part.text[-1:] in _HYPHENS and part.text[:-1].istitle() and part.text[:-1].isalpha():
        return end + 2 if _is_syllable(doc[end + 1]) else None
    return None


def _honorific_name(doc: Doc, start: int, end: int) -> int | None:
    """ "Mrs" + "May": an honorific the model tagged alone, then the capitalised name."""
    if end - start == 1 and doc[start].lower_.rstrip(".") in HONORIFICS and end < len(doc):
        following = doc[end]
        return end + 1 if following.is_title and following.is_alpha else None
    return None


def _is_syllable(token: Token) -> bool:
    return token.is_alpha and token.is_lower and len(token) <= SYLLABLE_MAX


def _particle_name(doc: Doc, start: int, end: int) -> int | None:
    """ "Ursula von der" + "Leyen": particles inside the name and the capitalised part after."""
    i = end
    while i < len(doc) and doc[i].lower_ in NAME_PARTICLES:
        i += 1
    trailing = i > end or doc[end - 1].lower_ in NAME_PARTICLES
    if trailing and end - start >= 1 and i < len(doc) and doc[i].is_title and doc[i].is_alpha:
        return i + 1
    return None


def _short_third_part(doc: Doc, start: int, end: int) -> int | None:
    """ "Yoon Suk" + "Yeol": a two-part name of short parts, then a short capitalised part."""
    if end - start != 2 or end >= len(doc):
        return None
    parts = [doc[start], doc[start + 1], doc[end]]
    following = doc[end]
    if not all(t.is_title and t.is_alpha and len(t) <= SHORT_PART_MAX for t in parts):
        return None
    if "\n" in doc[end - 1].whitespace_ or following.ent_type_:
        return None
    if following.is_stop and end + 1 < len(doc) and doc[end + 1].is_title:
        return None  # a title-case headline going on ("Kim Jong Un In Talks")
    if following.lower_ in _TITLE_WORDS or following.lower_ in HEADLINE_VERBS:
        return None
    return end + 1
