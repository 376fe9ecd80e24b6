"""Person spans the statistical model cuts or overreaches, mended after the NER.

Other names go on over what the model leaves out of them: an outlet's last word after a place
("Belfast" + "Telegraph") and a body's number ("Taskforce" + "50").

Names go on over a hyphenated syllable ("Han Min-jun", "Han Min- jun"), over particles
("Anna van der Berg"), over the short third part of a three-part name ("Pak Il Su") and back
over a given name before a middle initial ("Tobias" + "J. Merrow"); a headline verb glued to
a name ("Cole Meets", "Hale Receives US"), a second name after a dash, a style of address
("H.E.") and the line breaks or the first words of a title a name ran into are split off.

A person named in full lends the article its surname (or its family name written first):
left untagged or taken for a nationality, the surname alone is the person ("Li, Albarese and
ministers met"), and a name run into it is split off ("According to Bild, Hale said"). A
name a rank or a style introduces ("Canadian PM" + "Ana Costa") is a person. A unit is named
with its body ("White House" + "Domestic Policy Council"), a person with the country that
ends a title apart ("President of" + "Ukraine" + "Lena Brandt").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from bot.knowledge import read_data
from bot.parse.bodies import names_a_country_or_capital
from bot.parse.month_persons import month_persons
from bot.roles import BODY_WORDS, NAME_PARTICLES, RANKS, STYLES, TITLE_WORDS

_WORDS = read_data("titles")
OUTLET_HEADS = frozenset(read_data("non_names")["outlet_heads"])
HEADLINE_VERBS = frozenset(_WORDS["headline_verbs"])
HEADLINE_PREPOSITIONS = frozenset(_WORDS["headline_prepositions"])
INTRODUCED_NAME_WORDS = 4  # words of a name after "H.E." or a rank
COUNTRY_WORDS_MAX = 6  # tokens of a country's name ("People" "'s" "Republic" "of" "China")
PORTFOLIO_WORDS_MAX = 4  # capitalised words of an office's portfolio ("Health and Human Services")
UNIT_WORDS_MAX = 4  # capitalised words of a unit named after its body ("National Security Office")

HYPHENS = {"-", "‐", "‑"}
HONORIFICS = frozenset("mr mrs ms miss dr lord lady sir dame".split())
_DASHES = {"-", "–", "—"}
_POSSESSIVES = {"'s", "’s"}
SYLLABLE_MAX = 5  # letters of the lower-case syllable after a hyphen ("in", "hui", "myung")
SHORT_PART_MAX = 4  # letters of each part of a three-part name ("Pak Il Su", "Ri Ok Im")
_GLUED_BRACKET = re.compile(r"^[A-Z][a-z'’-]+\([a-z]+$")
_NAME_LIKE_LABELS = {"FAC", "GPE", "LOC", "ORG", "WORK_OF_ART", "PRODUCT"}
COMPONENT = "entity_spans"  # the pipe's name; it runs right after the NER


class EntitySpanMender:
    """The pipe: `mend_entity_spans` with the surnames that are month names of the people
    briefbot knows ("May" of a known "Helen May"), set by `bot.parse.nlp.set_known_names`."""

    def __init__(self) -> None:
        self.month_surnames: frozenset[str] = frozenset()

    def __call__(self, doc: Doc) -> Doc:
        return mend_entity_spans(doc, self.month_surnames)


@Language.factory(COMPONENT)
def make_entity_span_mender(nlp: Language, name: str) -> EntitySpanMender:
    return EntitySpanMender()


def mend_entity_spans(doc: Doc, month_surnames: frozenset[str] = frozenset()) -> Doc:
    """Rewrite the doc's PERSON spans; other entities stay unless a mended name covers them.
    `month_surnames`: month names that known people bear as surnames."""
    _split_glued_brackets(doc)
    spans: list[Span] = []
    people = _person_texts(doc)
    surnames = _surnames(doc.ents)
    for ent in filter(len, (_drop_style(_trim_space(ent)) for ent in doc.ents)):
        if ent.label_ == "PERSON":
            for part in _split_glued_names(ent, people):
                for name in _split_at_dash(part):
                    name = _given_name_before_initial(name)
                    mended = _extend(_drop_headline_verb(_cut_at_bracket(name)))
                    if not _in_hyphenated_word(mended):
                        spans.append(_as_body_if_named_one(mended))
        else:
            spans += _mend_other(ent, surnames)
    spans = _persons_by_surname(month_persons(doc, spans, month_surnames))
    untagged = (
        _untagged_full_names(doc, spans)
        + _untagged_surnames(doc, spans)
        + _introduced_names(doc, spans)
    )
    doc.ents = filter_spans(spans + untagged)
    return doc


def _as_body_if_named_one(ent: Span) -> Span:
    """ "Azimio La Umoja" + "Coalition": a name the model took for a person, that a body word
    ends, is that body's."""
    doc = ent.doc
    end = ent.end
    if end >= len(doc) or doc[end].is_sent_start or "\n" in doc[end - 1].whitespace_:
        return ent
    if doc[end].is_title and doc[end].lower_ in BODY_WORDS:
        return Span(doc, ent.start, end + 1, "ORG")
    return ent


def _mend_other(ent: Span, surnames: set[str]) -> list[Span]:
    """A name other than a person's, with the person the model ran into it split off."""
    ent = _cut_run_on(ent)
    if _holder_of_office(ent):
        return [_as_person(ent)]
    if parts := _split_at_headline_verb(ent):
        return parts
    return (
        _split_titled_name(ent)
        or _split_possessed_country(ent, surnames)
        or _split_at_surname(_extend_body(ent), surnames)
    )


def _split_at_headline_verb(ent: Span) -> list[Span]:
    """ "Hale Receives US" in a title-case headline: the names either side of the verb (the
    words after it from the first capitalised one: "Call for Immediate Truce"), or the name
    before it when the name ends with it ("Hale Receives" + "US" the model tagged apart)."""
    for token in ent[1:]:
        if token.lower_ in HEADLINE_VERBS and token.is_title:
            rest = next((t.i for t in ent if t.i > token.i and t.text[:1].isupper()), ent.end)
            after = [Span(ent.doc, rest, ent.end, ent.label)] if rest < ent.end else []
            return [Span(ent.doc, ent.start, token.i, ent.label), *after]
    return []


def _holder_of_office(ent: Span) -> bool:
    """ "President of the European Council" + "Ana Costa": a name of two or three words right
    after an office held in a body the model tagged, whatever label it gave the name."""
    doc = ent.doc
    words = list(ent)
    if ent.label_ not in _NAME_LIKE_LABELS or not 2 <= len(words) <= 3 or ent.start < 4:
        return False
    if not _plain_name(words):
        return False
    body = doc[ent.start - 1]
    if body.ent_type_ not in {"ORG", "GPE"} or body.lower_ not in BODY_WORDS:
        return False
    first = body.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1  # to the body's first word
    return _office_of_before(doc, first)


def _office_of_before(doc: Doc, start: int) -> bool:
    """Whether "<rank> of (the)" stands right before token `start`, or "<rank> of
    <portfolio> of (the)" ("Secretary of Commerce of the")."""
    i = start - 1
    if i > 0 and doc[i].lower_ == "the":
        i -= 1
    if i <= 0 or doc[i].lower_ != "of":
        return False
    if doc[i - 1].lower_ in TITLE_WORDS:
        return True
    j = i - 1
    while j > max(0, i - 1 - PORTFOLIO_WORDS_MAX) and (doc[j].is_title or doc[j].lower_ == "and"):
        j -= 1
    return j < i - 1 and j > 0 and doc[j].lower_ == "of" and doc[j - 1].lower_ in TITLE_WORDS


def _plain_name(words: Iterable[Token]) -> bool:
    """Capitalised words, none of them a body's ("Council")."""
    return all(t.is_title and t.is_alpha and t.lower_ not in BODY_WORDS for t in words)


def _cut_run_on(ent: Span) -> Span:
    """A name the model ran on into what follows it: a headline's participle before "by"
    ("Russian Military Delegation Led" by ...) or preposition ("Beijing During Rare Visit"),
    a date after a dash ("Point News - 27th"), the first words of a title ("Party General" +
    "Secretary")."""
    doc = ent.doc
    end = next((t.i for t in ent[1:] if t.is_title and t.lower_ in HEADLINE_PREPOSITIONS), ent.end)
    participle = len(ent) > 1 and ent[-1].tag_ in {"VBN", "VBD"}
    if participle and end < len(doc) and doc[end].lower_ == "by":
        end -= 1
    if end < len(doc) and doc[end].is_title and doc[end].lower_ in TITLE_WORDS:
        while end > ent.start + 1 and _title_word(doc[end - 1]):
            end -= 1
    dated = (t.i for t in ent[1:-1] if t.text in _DASHES and doc[t.i + 1].text[:1].isdigit())
    end = min(end, next(dated, end))
    return Span(doc, ent.start, end, ent.label) if ent.start < end < ent.end else ent


def _title_word(token: Token) -> bool:
    """A word of a title ("General" of "General Secretary"), but no country ("US Envoy")."""
    return token.lower_ in TITLE_WORDS and not names_a_country_or_capital(token.text)


def _split_possessed_country(ent: Span, surnames: set[str]) -> list[Span]:
    """ "conveyed to Hale India's concern": a surname run into the country whose possessive
    follows it."""
    doc = ent.doc
    end = ent.end - 1 if ent[-1].text in _POSSESSIVES else ent.end
    if end - ent.start != 2 or end >= len(doc) or doc[end].text not in _POSSESSIVES:
        return []
    if doc[ent.start].text not in surnames or not names_a_country_or_capital(doc[end - 1].text):
        return []
    return [Span(doc, ent.start, ent.start + 1, "PERSON"), Span(doc, end - 1, end, "GPE")]


def _split_titled_name(ent: Span) -> list[Span]:
    """ "President of" + "Ukraine Lena Brandt", "Prime Minister of the" + "United Kingdom
    Lena Brandt": the country that ends a title, then the name the model ran it into
    (tagged as a group, a body or a place)."""
    doc = ent.doc
    ent = _trim_article(ent)
    if not _office_of_before(doc, ent.start):
        return []
    for cut in range(min(len(ent) - 2, COUNTRY_WORDS_MAX), 0, -1):
        name = ent[cut:]
        if not names_a_country_or_capital(ent[:cut].text) or not 2 <= len(name) <= 3:
            continue
        if _plain_name(name):
            country = Span(doc, ent.start, ent.start + cut, "GPE")
            return [country, Span(doc, name.start, ent.end, "PERSON")]
    return []


def _trim_space(ent: Span) -> Span:
    """The entity without the line breaks the model may run it into ("Erbil" + "\n\n")."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].is_space:
        start += 1
    while end > start and ent.doc[end - 1].is_space:
        end -= 1
    return ent if (start, end) == (ent.start, ent.end) else Span(ent.doc, start, end, ent.label)


def _trim_article(ent: Span) -> Span:
    """The entity without a leading "the"."""
    if len(ent) > 1 and ent[0].lower_ == "the":
        return Span(ent.doc, ent.start + 1, ent.end, ent.label)
    return ent


def _surnames(spans: Iterable[Span]) -> set[str]:
    """The last words of the persons' names of several words among `spans`."""
    return {span[-1].text for span in spans if span.label_ == "PERSON" and len(span) > 1}


def _family_names_first(spans: Iterable[Span]) -> set[str]:
    """First words of persons' names of several words that the article also tags alone as a
    person: the family name of a name written family name first."""
    persons = [span for span in spans if span.label_ == "PERSON"]
    alone = {span.text for span in persons if len(span) == 1}
    return {span[0].text for span in persons if len(span) > 1 and span[0].text in alone}


def _split_at_surname(ent: Span, surnames: set[str]) -> list[Span]:
    """ "According to Bild, Hale said": a name run over a comma into a person's surname is
    the name, then the person."""
    doc = ent.doc
    for token in ent[1:-1]:
        after = doc[token.i + 1]
        if token.text == "," and after.text in surnames and token.i + 2 == ent.end:
            return [Span(doc, ent.start, token.i, ent.label), Span(doc, after.i, ent.end, "PERSON")]
    return [ent]


def _person_texts(doc: Doc) -> set[str]:
    return {ent.text for ent in doc.ents if ent.label_ == "PERSON"}


def _split_glued_brackets(doc: Doc) -> None:
    """ "Hale(center": a name glued to a bracket becomes the name, the bracket and the word."""
    glued = [t for t in doc if t.ent_type_ == "PERSON" and _GLUED_BRACKET.match(t.text)]
    with doc.retokenize() as retokenizer:
        for token in glued:
            name, rest = token.text.split("(", 1)
            heads = [token.head if token.head.i != token.i else (token, 0), (token, 0), (token, 0)]
            attrs = {"POS": ["PROPN", "PUNCT", "NOUN"], "DEP": [token.dep_, "punct", "dep"]}
            retokenizer.split(token, [name, "(", rest], heads=heads, attrs=attrs)


def _cut_at_bracket(ent: Span) -> Span:
    """A name ends before an opening bracket ("Tom Hale (center)")."""
    for token in ent[1:]:
        if token.text == "(":
            return Span(ent.doc, ent.start, token.i, ent.label)
    return ent


def _split_glued_names(ent: Span, people: set[str]) -> list[Span]:
    """ "Mark Ellis Anna van der": a caption's names run together, told apart where the
    first is a name the article tags on its own."""
    doc = ent.doc
    for cut in range(ent.end - 2, ent.start + 1, -1):
        if doc[ent.start : cut].text in people and doc[cut].is_title:
            return [Span(doc, ent.start, cut, ent.label), Span(doc, cut, ent.end, ent.label)]
    return [ent]


def _in_hyphenated_word(ent: Span) -> bool:
    """A word joined by hyphens to what follows is no name: "Mar-a" in "Mar-a-Lago"."""
    doc = ent.doc
    end = ent.end
    if end + 1 >= len(doc) or doc[end - 1].whitespace_ or doc[end].text not in HYPHENS:
        return False
    return any(token.text in HYPHENS for token in ent) or (
        doc[end + 1].is_lower and not doc[end].whitespace_ and _glued_hyphen_after(doc, end + 1)
    )


def _glued_hyphen_after(doc: Doc, index: int) -> bool:
    return index + 1 < len(doc) and not doc[index].whitespace_ and doc[index + 1].text in HYPHENS


def _persons_by_surname(spans: list[Span]) -> list[Span]:
    """A name the model took for a place or a body ("Helen May" as a facility) is a person
    when the article uses its last word alone as a person ("May told Marchal"); a lone word
    it took for a nationality or a place is a person when it is the surname of a person the
    article names in full ("Li, Albarese and ministers met" after "Anton Albarese")."""
    surnames = {s.text for s in spans if s.label_ == "PERSON" and len(s) == 1}
    full = _surnames(spans)
    return [
        _as_person(s) if _named_by_surname(s, surnames) or _lone_surname(s, full) else s
        for s in spans
    ]


def _lone_surname(span: Span, surnames: set[str]) -> bool:
    return (
        len(span) == 1
        and span.label_ in _NAME_LIKE_LABELS | {"NORP"}
        and span.text in surnames
        and not names_a_country_or_capital(span.text)
    )


def _named_by_surname(span: Span, surnames: set[str]) -> bool:
    if span.label_ not in _NAME_LIKE_LABELS or not 2 <= len(span) <= 3:
        return False
    words = list(span)
    if span[-1].text not in surnames or not all(t.is_title and t.is_alpha for t in words):
        return False
    if any(t.lower_ in TITLE_WORDS for t in words):
        return False
    return not names_a_country_or_capital(span.text)


def _untagged_full_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Lena" + "Brandt" the model left untagged, where the article tags "Brandt" alone
    as a person: a capitalised given name right before the surname. A word that comes before
    every tagged use of the surname too is a form of address ("Kak Masrour"), not a name."""
    before: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        if span.label_ == "PERSON" and len(span) == 1:
            before[span.text].add(doc[span.start - 1].text if span.start else "")
    covered = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for token in doc[1:]:
        given = doc[token.i - 1]
        if {token.i, given.i} & covered or before.get(token.text, {given.text}) == {given.text}:
            continue
        if _given_name(given):
            found.append(Span(doc, given.i, token.i + 1, "PERSON"))
    return found


def _introduced_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """The name a style of address ("H.E." + "Ana Maria Costa") or a rank ("Canadian PM" +
    "Ana Costa") introduces, where the model left it untagged: two to four capitalised words,
    none a body's."""
    covered = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for token in doc:
        if token.text not in STYLES and token.lower_ not in RANKS:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= INTRODUCED_NAME_WORDS and _given_name(doc[end]):
            end += 1
        name = doc[token.i + 1 : end]
        if len(name) >= 2 and not covered & set(range(name.start, end)) and _plain_name(name):
            found.append(Span(doc, name.start, end, "PERSON"))
    return found


def _untagged_surnames(doc: Doc, spans: list[Span]) -> list[Span]:
    """A surname of a person the article names in full, left untagged where it stands alone
    as a name ("Nuri and the king" after "Abdel Karim al-Nuri") or joined by a hyphen to a
    tagged name ("the Hale-Okafor meeting"). A family name written first ("Pak" of "Pak
    Sung-ho") counts where the article tags it alone as a person elsewhere."""
    surnames = _surnames(spans) | _family_names_first(spans)
    tagged = {i for s in spans if s.label_ == "PERSON" for i in range(s.start, s.end)}
    covered = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for token in doc:
        if token.i in covered or token.text not in surnames:
            continue
        paired = any(
            _hyphen_between(doc, token.i, other) and other in tagged
            for other in (token.i - 2, token.i + 2)
        )
        if paired or (token.pos_ == "PROPN" and not _in_hyphenated_token(doc, token)):
            found.append(Span(doc, token.i, token.i + 1, "PERSON"))
    return found


def _in_hyphenated_token(doc: Doc, token: Token) -> bool:
    """A word glued by hyphens to its neighbours ("al-Nuri", "Nuri-led")."""
    before = token.i > 0 and doc[token.i - 1].text in HYPHENS and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text in HYPHENS and not token.whitespace_
    return before or after


def _hyphen_between(doc: Doc, first: int, second: int) -> bool:
    """Whether tokens `first` and `second` are joined by an unspaced hyphen."""
    low, high = sorted((first, second))
    if low < 0 or high >= len(doc) or high - low != 2:
        return False
    return (
        doc[low + 1].text in HYPHENS and not doc[low].whitespace_ and not doc[low + 1].whitespace_
    )


def _given_name(token: Token) -> bool:
    """A capitalised proper noun that is no title word and ends no line."""
    if not (token.is_title and token.is_alpha and token.pos_ == "PROPN") or token.is_stop:
        return False
    return token.lower_ not in TITLE_WORDS and "\n" not in token.whitespace_


def _as_person(span: Span) -> Span:
    return Span(span.doc, span.start, span.end, "PERSON")


def _split_at_dash(ent: Span) -> list[Span]:
    """ "Paul Reid - Mrs Lane": the names either side of a spaced dash; "Paul Reid- said": a
    dash spaced on one side ends the name, unless a syllable follows ("Seo Jae- in")."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        if doc[i].text not in _DASHES:
            continue
        if doc[i - 1].whitespace_ and doc[i].whitespace_:
            return [Span(doc, ent.start, i, ent.label), Span(doc, i + 1, ent.end, ent.label)]
        if bool(doc[i - 1].whitespace_) != bool(doc[i].whitespace_) and not _is_syllable(
            doc[i + 1]
        ):
            rest = [Span(doc, i + 1, ent.end, ent.label)] if doc[i + 1].is_title else []
            return [Span(doc, ent.start, i, ent.label), *rest]
    return [ent]


def _drop_style(ent: Span) -> Span:
    """ "H.E. Ana Costa" -> "Ana Costa": a style of address is no part of a name, whatever
    label the model gave it."""
    if len(ent) > 2 and ent[0].text in STYLES:
        return Span(ent.doc, ent.start + 1, ent.end, ent.label)
    return ent


def _given_name_before_initial(ent: Span) -> Span:
    """ "Tobias" + "J. Merrow": the given name the model left out before a middle initial."""
    doc = ent.doc
    first = ent[0]
    if ent.start == 0 or not (len(first) == 2 and first.text[0].isupper() and first.text[1] == "."):
        return ent
    given = doc[ent.start - 1]
    if not given.ent_type_ and _given_name(given):
        return Span(doc, given.i, ent.end, ent.label)
    return ent


def _drop_headline_verb(ent: Span) -> Span:
    """ "Zhou Ming Meets" -> "Zhou Ming": a name ends before a title-case headline verb."""
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
            or _hyphenated_given_name(ent.doc, end)
            or _particle_name(ent.doc, ent.start, end)
            or _honorific_name(ent.doc, ent.start, end)
        )
        if longer is None:
            break
        end = longer
    end = _short_third_part(ent.doc, ent.start, end) or end
    return Span(ent.doc, ent.start, end, ent.label) if end != ent.end else ent


def _hyphen_syllable(doc: Doc, end: int) -> int | None:
    """ "Min" + "-" + "jun", "Min-" + "jun" or "Han" + "Min-" + "jun": a given name whose
    lower-case second syllable is joined by a hyphen."""
    last = doc[end - 1]
    if last.text[-1:] in HYPHENS and end - 1 > 0:  # "Min-" or "Min" "-": the syllable next
        return end + 1 if end < len(doc) and _is_syllable(doc[end]) else None
    if last.whitespace_ or end + 1 >= len(doc):
        return None
    if doc[end].text in HYPHENS:
        return end + 2 if _is_syllable(doc[end + 1]) else None
    return None


def _hyphenated_part(doc: Doc, end: int) -> int | None:
    """ "Han" + "Min-" + "jun": a capitalised part ending in a hyphen, then its syllable."""
    if end + 1 >= len(doc) or "\n" in doc[end - 1].whitespace_:
        return None
    part = doc[end]
    if part.text[-1:] in HYPHENS and part.text[:-1].istitle() and part.text[:-1].isalpha():
        return end + 2 if _is_syllable(doc[end + 1]) else None
    return None


def _hyphenated_given_name(doc: Doc, end: int) -> int | None:
    """ "Lee" + "Do" + "-" + "hoon": a capitalised syllable, a hyphen and a lower-case one."""
    if end + 2 >= len(doc) or "\n" in doc[end - 1].whitespace_:
        return None
    part, hyphen = doc[end], doc[end + 1]
    if not (part.is_title and part.is_alpha and len(part) <= SYLLABLE_MAX) or part.ent_type_:
        return None
    if part.whitespace_ or hyphen.text not in HYPHENS or hyphen.whitespace_:
        return None
    syllable = doc[end + 2]
    if not _is_syllable(syllable) or _glued_hyphen_after(doc, end + 2):
        return None
    return end + 3


def _honorific_name(doc: Doc, start: int, end: int) -> int | None:
    """ "Mrs" + "May": an honorific the model tagged alone, then the capitalised name."""
    if end - start == 1 and doc[start].lower_.rstrip(".") in HONORIFICS and end < len(doc):
        following = doc[end]
        return end + 1 if following.is_title and following.is_alpha else None
    return None


def _is_syllable(token: Token) -> bool:
    return token.is_alpha and token.is_lower and len(token) <= SYLLABLE_MAX


def _particle_name(doc: Doc, start: int, end: int) -> int | None:
    """ "Anna van der" + "Berg": particles inside the name and the capitalised part after."""
    i = end
    while i < len(doc) and doc[i].lower_ in NAME_PARTICLES:
        i += 1
    trailing = i > end or doc[end - 1].lower_ in NAME_PARTICLES
    if not trailing or end - start < 1 or i >= len(doc) or not doc[i].is_alpha:
        return None
    # After particles the model kept ("Anna van der" + "berg"), the name ends in any case.
    return i + 1 if doc[i].is_title or i == end else None


def _short_third_part(doc: Doc, start: int, end: int) -> int | None:
    """ "Pak Il" + "Su": a two-part name of short parts, then a short capitalised part."""
    if end - start != 2 or end >= len(doc):
        return None
    parts = [doc[start], doc[start + 1], doc[end]]
    following = doc[end]
    if not all(t.is_title and t.is_alpha and len(t) <= SHORT_PART_MAX for t in parts):
        return None
    if "\n" in doc[end - 1].whitespace_ or following.ent_type_:
        return None
    if following.is_stop and end + 1 < len(doc) and doc[end + 1].is_title:
        return None  # a title-case headline going on ("Pak Song Il In Talks")
    if following.lower_ in TITLE_WORDS or following.lower_ in HEADLINE_VERBS:
        return None
    return end + 1


def _extend_body(ent: Span) -> Span:
    """ "Belfast" + "Telegraph" is a newspaper; "Taskforce" + "50" is one body's name."""
    doc = ent.doc
    end = ent.end
    if end >= len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].ent_type_:
        return ent
    following = doc[end]
    if ent.label_ in {"GPE", "ORG"} and following.is_title and following.lower_ in OUTLET_HEADS:
        return Span(doc, ent.start, end + 1, "ORG")
    if ent.label_ == "ORG" and following.like_num and following.is_digit and len(following) <= 3:
        return Span(doc, ent.start, end + 1, ent.label)
    if ent.label_ == "ORG" and (joined_end := _joined_portfolio_end(ent)) is not None:
        return Span(doc, ent.start, joined_end, ent.label)
    if ent.label_ == "ORG" and (unit_end := _unit_end(doc, end)) is not None:
        return Span(doc, _joint_start(doc, ent.start), unit_end, ent.label)
    return ent


def _joined_portfolio_end(ent: Span) -> int | None:
    """ "Ministry of Foreign" + "and Diaspora Affairs": a name cut after an adjective, before
    "and" and the capitalised rest of its portfolio."""
    doc = ent.doc
    end = ent.end
    cut = len(ent) >= 3 and ent[-2].lower_ == "of" and ent[-1].lower_ in TITLE_WORDS
    if not (cut or ent[-1].pos_ == "ADJ") or end + 1 >= len(doc) or doc[end].lower_ != "and":
        return None
    stop = end + 1
    while stop < len(doc) and stop - end <= UNIT_WORDS_MAX and doc[stop].is_title:
        stop += 1
    return stop if stop > end + 1 else None


def _joint_start(doc: Doc, start: int) -> int:
    """Where a joint body's name starts: "UK-" + "EU Joint Committee"."""
    if start >= 2 and doc[start - 1].text in HYPHENS and doc[start - 2].text[:1].isupper():
        return start - 2
    return start


def _unit_end(doc: Doc, start: int) -> int | None:
    """The end of a unit's name right after its body's ("White House" + "Domestic Policy
    Council"): capitalised words up to a body word, none of them a name of their own, and
    more than the body word ("KRG Cabinet" is the body itself)."""
    for i in range(start, min(start + UNIT_WORDS_MAX, len(doc))):
        word = doc[i]
        if not (word.is_title and word.is_alpha) or word.ent_type_ or word.is_sent_start:
            return None
        if word.lower_ in BODY_WORDS:
            return i + 1 if i > start else None
        if "\n" in word.whitespace_:
            return None
    return None
