"""Actors: named entities resolved to canonical people, organisations, places and groups.

Within an article, short forms ("Mr Barzani", "Austin") resolve to the full name the article
uses; titles and the article date pick among namesakes ("Prime Minister Barzani" in 2022 is
Masrour). The gazetteer corrects what the statistical model gets wrong on this beat.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from bot.knowledge import Entry, beat_terms, read_data
from bot.models import ActorKind, ActorRef
from bot.normalize import NAME_SUFFIXES, a_letter_apart, common_name, norm
from bot.parse.bodies import (
    CAPITALS,
    country_of,
    ministry_name,
    names_a_country,
    names_a_country_or_capital,
    names_given_name_first,
)
from bot.parse.entity_spans import HYPHENS
from bot.parse.gazetteer import Gazetteer
from bot.parse.name_checks import (
    CLOCK_WORDS as MORE_CLOCK_WORDS,
)
from bot.parse.name_checks import (
    common_noun_use,
    conjuncts,
    cut_from_longer_name,
    dateline_city,
    described_as_place,
    has_digits,
    in_credit,
    in_credit_list,
    in_opening_appeal,
    is_furniture,
    located_by_preposition,
    names_a_place,
    names_a_thing,
    names_an_outlet,
    organ_fragment,
    paired_with_a_person,
    person_after_rank,
    portfolio_in_title,
    topic_words,
)
from bot.parse.person_signals import person_signal
from bot.parse.title_references import title_references
from bot.roles import (
    BODY_WORDS,
    HONORIFICS,
    NAME_PARTICLES,
    PLACE_HEADS,
    PORTFOLIOS,
    RANK_SPELLINGS,
    RANKS,
    RELATIONAL_RANKS,
    TITLE_WORDS,
)

LABEL_KINDS = {
    "PERSON": ActorKind.PERSON,
    "ORG": ActorKind.ORGANIZATION,
    "GPE": ActorKind.PLACE,
    "LOC": ActorKind.PLACE,
    "FAC": ActorKind.PLACE,
}
FUZZY_NAME_SCORE = 85  # rapidfuzz ratio for a typo'd full name to match a known person
ACRONYM_MAX = 4  # letters of an upper-case place name that may be an acronym ("UAE", "DRC")
# Words that end the name of a building or a site ("State House", "Capitol Hill").
PLACE_WORDS = PLACE_HEADS | frozenset({"house", "hill"})
# Words of the portfolios titles carry ("National Security Adviser", "Trade Minister").
PORTFOLIO_WORDS = frozenset(w for p in PORTFOLIOS for w in p.split()) | frozenset(
    read_data("countries")["ministry_portfolios"]
)
# Words that mark an organisation or a generic noun, never part of a person's name.
GENERIC_WORDS = frozenset(
    (
        "group council ministry forces force command army party government department office "
        "committee commission university institute news agency parliament state region "
        "coalition brigade militia north south east west photo photos video read more comments"
    ).split()
)
# Page clocks and datelines ("TUE, 18 JUN 2019 09:14 GMT"): calendar and clock words, never names.
CLOCK_WORDS = (
    frozenset(
        (
            "mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct "
            "nov dec am pm gmt utc bst cet cest est edt pst pdt ast"
        ).split()
    )
    | MORE_CLOCK_WORDS
)
FUZZY_GIVEN_SCORE = 80  # ratio for two given names of one surname to be one person's
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(slots=True)
class Mention:
    """One resolved mention: token span in the doc and the canonical actor it refers to."""

    start: int  # token index
    end: int
    surface: str
    name: str
    kind: ActorKind
    title: str | None = None


@dataclass(slots=True)
class _Candidate:
    span: Span  # the name alone, titles and determiners stripped
    kind: ActorKind | None
    title: str | None
    entry: Entry | None = None

    @property
    def text(self) -> str:
        return _surface(self.span)

    @property
    def core(self) -> list[str]:
        return _core([t.text for t in self.span])

    @property
    def surface(self) -> str:
        """How the article names the actor; short forms keep the title right before them."""
        if len(self.core) == 1 and self.title:
            last = self.title.split()[-1]
            if _is_rank(last):
                return f"{last} {self.text}"
        return self.text


@dataclass(slots=True)
class ActorTable:
    """The article's actors: every mention in order, and the aggregate per canonical actor."""

    mentions: list[Mention] = field(default_factory=list)
    actors: dict[str, ActorRef] = field(default_factory=dict)

    def add(self, mention: Mention, role: str | None) -> None:
        self.mentions.append(mention)
        ref = self.actors.setdefault(mention.name, ActorRef(mention.name, mention.kind))
        ref.count += 1
        if mention.surface not in ref.mentions:
            ref.mentions.append(mention.surface)
        if role and role not in ref.roles:
            ref.roles.append(role)

    def add_reference(self, mention: Mention) -> None:
        """A mention by title alone ("the Foreign Secretary"), in text order among the others;
        it adds nothing to how the actor is named."""
        bisect.insort(self.mentions, mention, key=lambda m: m.start)
        self.actors[mention.name].count += 1

    def at_token(self, index: int) -> Mention | None:
        for mention in self.mentions:
            if mention.start <= index < mention.end:
                return mention
        return None


def title_key(title: str | None, gazetteer_keys: frozenset[str]) -> str | None:
    """The gazetteer role key a title names: "US Defense Secretary" -> "defense secretary"."""
    if not title:
        return None
    words = norm(title).split()
    words = [RANK_SPELLINGS.get(w, w) for w in words]
    text = " ".join(words)
    best = None
    for key in gazetteer_keys:
        if re.search(rf"(?:^|\s){re.escape(key)}(?:$|\s)", text) and (
            best is None or len(key) > len(best)
        ):
            best = key
    if best == "president" and "vice president" in text:
        return "vice president"
    return best


def _is_title_token(text: str) -> bool:
    key = norm(text)  # norm drops dots and accents: "U.S." -> "us"
    return key in TITLE_WORDS or key in beat_terms("title_modifiers")


def _is_rank(text: str) -> bool:
    return norm(text) in RANKS


def _title_before(span: Span) -> str | None:
    """The role phrase right before a name ("US Secretary of State"), if it holds a rank."""
    doc = span.doc
    i = span.start
    while i > 0:
        tok = doc[i - 1]
        country = i < len(doc) and names_a_country(f"{tok.text} {doc[i].text}")  # "South Korean"
        if tok.is_sent_start and not (_is_title_token(tok.text) or country):
            break
        if (
            _is_title_token(tok.text)
            or (
                tok.text[:1].isupper()
                and tok.pos_ in {"PROPN", "NOUN", "ADJ"}
                and tok.ent_type_ != "PERSON"
            )
            or (tok.lower_ in {"of", "for", "and", "the", "'s", "’s"} and i - 1 > 0)
            or (tok.text in HYPHENS and i - 1 > 0 and doc[i - 2].is_title)  # "Vice-President"
        ):
            i -= 1
            continue
        break
    while i < span.start and doc[i].lower_ in {"of", "for", "and", "the", "'s", "’s"}:
        i += 1
    phrase = doc[i : span.start]
    return phrase.text if any(_is_rank(t.text) for t in phrase) else None


def _appositive_role(span: Span) -> str | None:
    """A role given after the name: "Masrour Barzani, Prime Minister of the KRG"."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            words = list(child.subtree)
            if len(words) <= 14 and any(_is_rank(t.text) for t in words):
                return span.doc[words[0].i : words[-1].i + 1].text
    return None


def _trim(span: Span) -> Span:
    """Drop determiners, stray punctuation, a parenthetical and a possessive from an entity."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    for i in range(start, end):
        if doc[i].text == "(":
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in {"'s", "’s"}):
        end -= 1
    return doc[start:end]


def _strip_titles(span: Span) -> tuple[Span, str | None]:
    """Split leading title words off a name: "Mr Barzani" -> ("Barzani", "Mr"), "Indian PM
    Okafor" -> ("Okafor", "Indian PM"), "National Security Adviser Tom Hale" -> ("Tom
    Hale", "National Security Adviser")."""
    start = span.start
    while start < span.end - 1 and _is_title_token(span.doc[start].text):
        start += 1
    rank_end = _qualified_rank_end(span)
    start = max(start, rank_end or start)
    title = span.doc[span.start : start].text or None
    return span.doc[start : span.end], title


def _only_a_title(span: Span) -> bool:
    """A title the model tagged as a name: "National Security Advisor", "Indian PM"."""
    words = list(span)
    return (
        len(words) > 1
        and _is_rank(words[-1].text)
        and all(_qualifies_a_rank(t.text) for t in words[:-1])
    )


def _qualifies_a_rank(word: str) -> bool:
    """A title word, a portfolio's word or a country's: "Indian", "Trade", "Deputy"."""
    return _is_title_token(word) or norm(word) in PORTFOLIO_WORDS or names_a_country(word)


def _qualified_rank_end(span: Span) -> int | None:
    """Where a title that a country or a portfolio qualifies ends, when the span opens with
    one ("Indian PM", "National Security Adviser") and a name follows it."""
    end = None
    for token in span[:-1]:
        if _is_rank(token.text):
            end = token.i + 1
        elif not _qualifies_a_rank(token.text):
            break
    return end


def _surface(span: Span) -> str:
    """The span's text with a trailing possessive removed."""
    return _POSSESSIVE.sub("", span.text) if span.text.endswith(("'s", "’s")) else span.text


class ActorResolver:
    """Resolves a doc's entities to canonical actors, using the gazetteer and the article date."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        known = [*gazetteer.entries, *gazetteer.learned]
        self._learned = {id(entry) for entry in gazetteer.learned}
        self.keys = frozenset(k for e in known for r in e.roles for k in r.keys)
        self._people_by_first: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
        self._people_by_last: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
        for entry in gazetteer.people():
            for surface in (entry.name, *entry.aliases):
                key = norm(surface)
                self._people_by_first[key.split()[0]].append((key, entry))
                self._people_by_last[key.split()[-1]].append((key, entry))

    def resolve(self, doc: Doc, published: date | None) -> ActorTable:
        ents = [ent for ent in doc.ents if not _furniture_name(ent)]
        candidates = _places_once_placed([c for c in map(self._candidate, ents) if c is not None])
        full_persons = self._full_persons(candidates)
        table = ActorTable()
        acronyms = self._acronyms(doc, candidates)
        spelled = _spelled_out(candidates)
        topics = topic_words(doc)
        bodies = _bodies_by_last_word(candidates)
        signalled = _signalled_words(candidates)
        for cand in candidates:
            name, kind = self._canonical(cand, full_persons, acronyms, published)
            if name is None or kind is None or _is_topic(cand, kind, name, topics):
                continue
            if kind is ActorKind.PERSON and _bare_word_unsupported(cand, name, signalled):
                continue
            if kind is ActorKind.ORGANIZATION and cand.entry is None:
                if _pair_of_persons(cand.text, full_persons):
                    continue
                name = bodies.get(norm(name), name)
            name = spelled.get(name, name)
            name = self.gazetteer.rename(name)
            role = None
            if kind is ActorKind.PERSON:
                role = self._role(cand)
            mention = Mention(cand.span.start, cand.span.end, cand.surface, name, kind, cand.title)
            table.add(mention, role)
            if kind is ActorKind.PERSON:
                full_persons.touch(name, cand.span.start)
        for phrase, name in list(title_references(doc, table.mentions)):
            table.add_reference(Mention(phrase.start, phrase.end, name, name, ActorKind.PERSON))
        return table

    def _candidate(self, ent: Span) -> _Candidate | None:
        if ent.label_ not in LABEL_KINDS and ent.label_ != "NORP":
            return None
        if _not_a_body(ent):
            return None
        span, entry, inner_title = self._name(ent)
        if entry is None and (ministry := ministry_name(ent)):
            span, entry = _trim(ent), Entry(ministry, ActorKind.ORGANIZATION, ())
        if not self._names_an_actor(span, entry, ent.label_) or _only_a_title(_trim(ent)):
            return None
        kind = entry.kind if entry else _kind_in_context(ent, span)
        if kind is ActorKind.ORGANIZATION and portfolio_in_title(ent):
            return None
        if kind is ActorKind.ORGANIZATION and entry is None and names_a_place(span):
            kind = ActorKind.PLACE
        title = inner_title
        if kind is ActorKind.PERSON or (entry is None and len(span) == 1):
            before = _title_before(ent)
            title = " ".join(t for t in (before, inner_title) if t) or None
        return _Candidate(span, kind, title, entry)

    def _name(self, ent: Span) -> tuple[Span, Entry | None, str | None]:
        """The entity's name without determiners (and, unless the gazetteer knows the name
        with them, without leading titles), its gazetteer entry and the titles stripped."""
        span = _trim(ent)
        if not len(span):
            return span, None, None
        entry = self.gazetteer.lookup(_surface(span))
        if entry is not None:
            return span, entry, None
        name, inner_title = _strip_titles(span)
        if len(name) == 1 and norm(name.text) in PLACE_WORDS:
            return span, None, None  # "State House": no title, the name's own first word
        return name, self.gazetteer.lookup(_surface(name)), inner_title

    def _names_an_actor(self, span: Span, entry: Entry | None, label: str) -> bool:
        """Capitalised text that is no generic word, and a nationality ("Kurdish") only when
        the gazetteer lists it as a group or body."""
        text = _surface(span) if len(span) else ""
        if len(text) < 2 or text.isdigit() or not text[:1].isupper():
            return False
        if entry is None and self._not_a_name(span, label):
            return False
        if entry is None and label == "GPE" and _demonym_only(text):
            return False  # "Ukrainian grain" tagged as a place
        return not (label == "NORP" and (entry is None or entry.kind is ActorKind.PERSON))

    @staticmethod
    def _not_a_name(span: Span, label: str) -> bool:
        """Generic words the model tags as names ("State", "Parliament", "Group North"); a
        country is a name even where it also qualifies titles ("US")."""
        words = {norm(t.text) for t in span}
        if (
            len(span) == 1
            and not names_a_country_or_capital(span.text)
            and (_is_title_token(span.text) or norm(span.text) in GENERIC_WORDS | CLOCK_WORDS)
        ):
            return True
        return label == "PERSON" and bool(words & GENERIC_WORDS)

    def _full_persons(self, candidates: list[_Candidate]) -> _PersonIndex:
        """The people the article names in full: a known person's name, else the name in
        English order ("Taro Hoshino") or as news commonly gives it ("Ann Cole"), each
        spelling of it kept as an alias."""
        index = _PersonIndex()
        for cand in candidates:
            if cand.kind is not ActorKind.PERSON or len(cand.core) < 2:
                continue
            entry = cand.entry or self._fuzzy_person(cand.text)
            if entry is not None:
                index.add(entry.name, entry)
                continue
            name = _in_english_order(cand, candidates) or common_name(cand.text)
            index.add(name, None)
            if name != cand.text:
                index.alias(cand.text, name)
        return index.merged()

    def _fuzzy_person(self, name: str) -> Entry | None:
        """A known person whose name differs from `name` by a typo: an entry's, same first
        name and the rest close ("Haider al-Adabi"); a learned one's, a letter apart (the store
        learns namesakes: "Sun Marlo" is not "Sun Kemarlo"). Or whose given names `name` gives
        as initials ("S Okonkwo"), when only one known person fits."""
        text = norm(name)
        words = text.split()
        if len(words[0]) == 1:  # "S Okonkwo"
            known = self._people_by_last.get(words[-1], [])
            fits = {entry.name: entry for key, entry in known if _same_person(key, text)}
            return next(iter(fits.values())) if len(fits) == 1 else None
        candidates = self._people_by_first.get(words[0], [])
        scored = [
            (fuzz.ratio(key, text), entry)
            for key, entry in candidates
            if id(entry) not in self._learned or a_letter_apart(key, text)
        ]
        score, entry = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        return entry if score >= FUZZY_NAME_SCORE else None

    def _acronyms(self, doc: Doc, candidates: list[_Candidate]) -> dict[str, tuple[str, ActorKind]]:
        """Acronyms the article defines, with what they name: "Kurdistan Regional Government
        (KRG)" a body, "People's Republic of China (PRC)" a country."""
        found: dict[str, tuple[str, ActorKind]] = {}
        for cand in candidates:
            end = cand.span.end
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
                acronym = doc[end + 1].text
                if acronym.isupper() and 1 < len(acronym) <= 8:
                    found[acronym] = _spelled_name(cand)
        return found

    def _canonical(
        self,
        cand: _Candidate,
        persons: _PersonIndex,
        acronyms: dict[str, tuple[str, ActorKind]],
        published: date | None,
    ) -> tuple[str | None, ActorKind | None]:
        text = cand.text
        core = cand.core
        if cand.entry is not None and not (cand.entry.kind is ActorKind.PERSON and len(core) < 2):
            return cand.entry.name, cand.entry.kind
        if text in acronyms:
            return acronyms[text]
        # A short form of a person named in full in this article ("Hale" tagged as a place too).
        if len(core) == 1 and (cand.kind is ActorKind.PERSON or persons.has_short(core[0])):
            return self._short_person(core[0], cand, persons, published), ActorKind.PERSON
        if persons.has_short(text):  # a surname with particles ("Van der Berg")
            return self._short_person(text, cand, persons, published), ActorKind.PERSON
        if cand.kind is ActorKind.PERSON:
            entry = self._fuzzy_person(text)
            return persons.same_person(entry.name if entry else text), ActorKind.PERSON
        if cand.kind is None or (text.isupper() and len(text) > 5):
            return None, None
        if cand.kind is ActorKind.PLACE:
            return _place_name(text), cand.kind
        return text, cand.kind

    def _short_person(
        self, short: str, cand: _Candidate, persons: _PersonIndex, published: date | None
    ) -> str:
        key = title_key(cand.title, self.keys)
        matches = persons.with_short(short)
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            fitting = [n for n in matches if self._fits(persons.entry(n), key, published)]
            if len(fitting) == 1:
                return fitting[0]
            return persons.likeliest(fitting or matches, cand.span.start)
        entry = self.gazetteer.holder(short, key, published)
        if entry is None:  # as the article's last resolved mention of that name, if any
            return persons.picked(short) or short
        persons.pick(short, entry.name)
        return entry.name

    @staticmethod
    def _fits(entry: Entry | None, key: str | None, day: date | None) -> bool:
        if entry is None or key is None:
            return False
        return entry.role_on(day, key) is not None

    def _role(self, cand: _Candidate) -> str | None:
        words = (cand.title or "").split()
        relation = max((i for i, w in enumerate(words) if norm(w) in RELATIONAL_RANKS), default=-1)
        words = words[relation + 1 :]  # "Kenyan counterpart President": the office after it
        if words and norm(words[-1]) in HONORIFICS:
            words = []  # "Mr": no office
        title = " ".join(words) or None
        role = title if title and len(title) > 3 else _appositive_role(cand.span)
        return " ".join(role.split()).strip(" ,") if role else None  # one line, no edges


def _demonym_only(text: str) -> bool:
    """A people's adjective ("Ukrainian") that is not also a country's name ("US")."""
    return names_a_country(text) and not names_a_country_or_capital(text)


def _spelled_name(cand: _Candidate) -> tuple[str, ActorKind]:
    """What a spelled-out name defining an acronym names: a known entry, a country, else a body."""
    if cand.entry is not None:
        return cand.entry.name, cand.entry.kind
    country = country_of(cand.text)
    return (country, ActorKind.PLACE) if country else (cand.text, ActorKind.ORGANIZATION)


def _place_name(text: str) -> str:
    """A place's name as the article would print it in running text: the country's name
    ("U.S." -> "United States"), a dateline's capitals in title case ("SEOUL" -> "Seoul")."""
    country = country_of(text)
    if country:
        return country
    return text.title() if text.isupper() and len(text) > ACRONYM_MAX else text


def _furniture_name(ent: Span) -> bool:
    """A name in a photo credit, a credit list or the appeal a page opens with."""
    return in_credit(ent) or in_credit_list(ent) or in_opening_appeal(ent)


def _not_a_body(ent: Span) -> bool:
    """Furniture, documents, events and scraps of longer names the model tags as bodies (or,
    documents and events, as places)."""
    span = _trim(ent)
    if ent.label_ not in {"ORG", "PERSON"}:
        return len(span) > 1 and names_a_thing(span)  # "the US-Mexico-Canada Agreement"
    if not len(span) or is_furniture(_surface(span)) or names_a_thing(span):
        return True
    return ent.label_ == "ORG" and (
        organ_fragment(span) or cut_from_longer_name(span) or common_noun_use(span)
    )


def _kind_in_context(ent: Span, span: Span) -> ActorKind | None:
    """The model's label, corrected: a country, capital or dateline city is a place ("DPRK",
    "Seoul", "BALI,"), and so is a name described as one ("Tarsa, a Syrian town"); a two- or
    three-word name right after a rank is a person ("counterpart Taro Hoshino"), and so is
    any other place name right after one ("Vice President Okafor") and a name given a role
    ("Tom Hale, then the country's prime minister"); a newspaper's title is a body."""
    kind = LABEL_KINDS.get(ent.label_)
    surface = _surface(span)
    if kind in {ActorKind.ORGANIZATION, ActorKind.PERSON} and names_a_country_or_capital(surface):
        return ActorKind.PLACE
    if kind is ActorKind.ORGANIZATION and (
        dateline_city(span)
        or described_as_place(ent)
        or located_by_preposition(span)
        or _paired_with_a_capital(span)
    ):
        return ActorKind.PLACE
    if kind is ActorKind.ORGANIZATION and (
        person_after_rank(*_after_title(ent, span))
        or (_appositive_role(span) and norm(span[-1].text) not in BODY_WORDS)
        or paired_with_a_person(span)
    ):
        return ActorKind.PERSON
    if kind is ActorKind.PLACE and (
        person_after_rank(span, min_words=1)
        or (paired_with_a_person(span) and not names_a_country_or_capital(surface))
    ):
        return ActorKind.PERSON
    if kind is ActorKind.PERSON and names_an_outlet(span):
        return ActorKind.ORGANIZATION
    return kind


def _paired_with_a_capital(span: Span) -> bool:
    """A one-word name joined by "and" to a capital ("relations between Tarsa and Lima"): a
    city like it, not a body. Only a capital: bodies pair with countries ("Israel and Hamas")."""
    if len(span) != 1 or span[0].is_upper:
        return False
    return any(norm(p.text) in CAPITALS for p in conjuncts(span[0]))


def _after_title(ent: Span, span: Span) -> tuple[Span, int]:
    """The name to check for a person after a rank, and its least length: any name when the
    model ran the title into it ("Indian PM Okafor"), else two or three words."""
    return (span, 1) if span.start > ent.start else (ent, 2)


def _bodies_by_last_word(candidates: list[_Candidate]) -> dict[str, str]:
    """A body's short form in the article ("the Commission", "the Union"): its last word, when
    one body named in full in the article ends with it."""
    found: dict[str, set[str]] = defaultdict(set)
    for cand in candidates:
        if cand.kind is ActorKind.ORGANIZATION:
            name = cand.entry.name if cand.entry else cand.text
            words = name.split()
            if len(words) > 1 and words[-1][:1].isupper():
                found[norm(words[-1])].add(name)
    return {word: next(iter(names)) for word, names in found.items() if len(names) == 1}


def _pair_of_persons(text: str, persons: _PersonIndex) -> bool:
    """Two people named together ("Cole-Pak", "Reid and Hale"), not a body."""
    parts = [p for p in re.split(r"\s+and\s+|-|–", text) if p]
    return len(parts) > 1 and all(persons.has_short(p.strip()) for p in parts)


def _places_once_placed(candidates: list[_Candidate]) -> list[_Candidate]:
    """A name the article uses as a place somewhere ("received him in Tarsa") is that place
    where the model took it for a body too ("urged Lima and Tarsa to talk")."""
    places = {c.text for c in candidates if c.kind is ActorKind.PLACE and c.entry is None}
    return [
        replace(c, kind=ActorKind.PLACE)
        if c.kind is ActorKind.ORGANIZATION and c.entry is None and c.text in places
        else c
        for c in candidates
    ]


def _spelled_out(candidates: list[_Candidate]) -> dict[str, str]:
    """Bodies known by their acronym ("G20") that the article spells out ("Group of 20")."""
    spelled: dict[str, str] = {}
    for cand in candidates:
        entry = cand.entry
        if entry is not None and entry.name.isupper() and not cand.text.isupper():
            spelled.setdefault(entry.name, cand.text)
    return spelled


def _is_topic(cand: _Candidate, kind: ActorKind, name: str, topics: frozenset[str]) -> bool:
    """A one-word name the article uses as a topic ("post-Brexit", "COVID-19"), not an actor."""
    if kind is ActorKind.PLACE or cand.entry is not None or len(name.split()) > 1:
        return False
    return has_digits(name) or norm(name) in topics


def _in_english_order(cand: _Candidate, candidates: list[_Candidate]) -> str | None:
    """ "Hoshino Taro" as "Taro Hoshino": a two-part name written family name first (the
    article uses its first part alone) of a country whose people English names given name
    first (by the title: "Japanese Prime Minister")."""
    core = cand.core
    if len(core) != 2 or not cand.title or not names_given_name_first(cand.title):
        return None
    alone = {norm(c.text) for c in candidates if len(c.core) == 1}
    family, given = norm(core[0]), norm(core[1])
    return f"{core[1]} {core[0]}" if family in alone and given not in alone else None


def _signalled_words(candidates: list[_Candidate]) -> set[str]:
    """One-word names that read as a person's somewhere in the article: with a title, or
    with the grammar of a person (`person_signal`)."""
    return {
        norm(cand.text)
        for cand in candidates
        if len(cand.core) == 1 and (cand.title or person_signal(cand.span))
    }


def _bare_word_unsupported(cand: _Candidate, name: str, signalled: set[str]) -> bool:
    """A one-word "person" that resolved to no fuller name and never reads as a person in the
    article: a topic or a scrap of a place ("talk Brexit", "inside the Demilitarised")."""
    if cand.entry is not None or len(name.split()) > 1 or len(cand.core) != 1:
        return False
    return norm(cand.text) not in signalled


def _core(tokens: list[str]) -> list[str]:
    """Name tokens without suffixes like "Jr." (so "Hicks Jr." is a short form)."""
    return [t for t in tokens if t.lower().rstrip(".") not in NAME_SUFFIXES]


def _short_forms(name: str, entry: Entry | None) -> set[str]:
    """First names and surnames a full name may be shortened to ("al-Abadi" also "Abadi")."""
    shorts: set[str] = set()
    for form in (name, *(entry.aliases if entry else ())):
        parts = _core(form.split())
        if len(parts) >= 2:
            shorts.update({norm(parts[0]), norm(parts[-1])})
            if "-" in parts[-1]:
                shorts.add(norm(parts[-1].split("-", 1)[1]))
            particle = next((i for i, p in enumerate(parts[1:], 1) if p in NAME_PARTICLES), None)
            if particle is not None:
                shorts.add(norm(" ".join(parts[particle:])))
    return shorts


def _same_person(name: str, other: str) -> bool:
    """Two spellings of one person: same key, or same surname and given names where one
    holds the other ("Claude" in "Jean-Claude", "Mohammed" in "Mohammed bin Jassim"), gives
    their initials ("S Okonkwo") or differs by a letter or two."""
    first, second = norm(name).split(), norm(other).split()
    if first == second:
        return True
    if len(first) < 2 or len(second) < 2 or first[-1] != second[-1]:
        return False
    given, other_given = first[:-1], second[:-1]
    if _initials_of(given, other_given) or _initials_of(other_given, given):
        return True
    held = set(given) <= set(other_given) or set(other_given) <= set(given)
    # one given name more, or any more after the same first one ("Tariq Al Hamed" of
    # "Tariq bin Karim bin Jassim Al Hamed")
    if held and (abs(len(given) - len(other_given)) <= 1 or given[0] == other_given[0]):
        return True
    a, b = " ".join(given), " ".join(other_given)
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= FUZZY_GIVEN_SCORE


def _initials_of(initials: list[str], given: list[str]) -> bool:
    """Whether `initials` are one-letter given names ("s") that begin `given` ("subrata")."""
    return (
        len(initials) == len(given)
        and all(len(i) == 1 for i in initials)
        and all(g.startswith(i) and len(g) > 1 for i, g in zip(initials, given, strict=True))
    )


class _PersonIndex:
    """Full person names of one article, by their short forms, with where each was last seen."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry | None] = {}
        self._shorts: dict[str, set[str]] = {}
        self._last_seen: dict[str, int] = {}  # person -> token of the last mention resolved
        self._mentioned: Counter[str] = Counter()  # person -> mentions resolved so far
        self._counts: Counter[str] = Counter()  # spelling in full -> times the article uses it
        self._same: dict[str, str] = {}
        self._picked: dict[str, str] = {}  # short form -> known person it last resolved to

    def add(self, name: str, entry: Entry | None) -> None:
        self._counts[name] += 1
        if name not in self._entries:
            self._entries[name] = entry
            self._shorts[name] = _short_forms(name, entry)

    def merged(self) -> _PersonIndex:
        """The index with spellings of one person folded into one name: "Pak Song-il" and
        "Pak Song Il", "Luc Marchal" into "Jean-Luc Marchal", "Daniele" into "Daniel"."""
        names = sorted(self._entries, key=self._rank)
        for name in names:
            if name in self._same:
                continue
            for other in names:
                if other not in self._same and other != name and _same_person(name, other):
                    self._same[other] = name
                    del self._entries[other], self._shorts[other]
        return self

    def _rank(self, name: str) -> tuple[bool, int, int]:
        """Known names first, then fuller names, then the spelling the article uses most."""
        return self._entries[name] is None, -len(norm(name).split()), -self._counts[name]

    def same_person(self, name: str) -> str:
        """The name this article's spelling `name` was folded into."""
        if name in self._same:
            return self._same[name]
        key = norm(name)
        for known in self._entries:
            if norm(known) == key or (self._entries[known] is None and _same_person(known, name)):
                return known
        return name

    def entry(self, name: str) -> Entry | None:
        return self._entries.get(name)

    def pick(self, short: str, name: str) -> None:
        """Record that `short` was resolved to the known person `name` (by title or date)."""
        self._picked[norm(short)] = name

    def picked(self, short: str) -> str | None:
        """The known person `short` was last resolved to in this article, if any."""
        return self._picked.get(norm(short))

    def alias(self, spelling: str, name: str) -> None:
        """Record that this article's `spelling` stands for the indexed `name`."""
        self._same[spelling] = name

    def touch(self, name: str, position: int) -> None:
        self._last_seen[name] = position
        self._mentioned[name] += 1

    def has_short(self, short: str) -> bool:
        return bool(self.with_short(short))

    def with_short(self, short: str) -> list[str]:
        key = norm(short)
        return [name for name, shorts in self._shorts.items() if key in shorts]

    def likeliest(self, names: list[str], before: int) -> str:
        """The name a bare surname before token `before` most likely means: the one mentioned
        most so far (news names a namesake in full, "his daughter Kim Su Ae", and leaves the
        bare name to the main person), then the one mentioned last, else the first."""
        seen = [
            (self._mentioned[n], self._last_seen[n], n)
            for n in names
            if self._last_seen.get(n, 10**9) < before
        ]
        return max(seen)[2] if seen else names[0]
