"""Temporal expressions in articles: find them and resolve them to day intervals.

Spans come from the regex grammar of `bot.date_expressions` (more precise than the model's
DATE entities, which only fill gaps). Relative expressions resolve against the publication
date, with the tense of the governing verb (from the spaCy parse) choosing between the past
and the future occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from bot.calendar import FUTURE, MONTHS, PAST, PRESENT, WEEKDAYS
from bot.date_expressions import Rule, resolve_expression, resolve_range, rules
from bot.models import DateMention
from bot.parse.nlp import text_of

# Capitalised words that may directly precede a date without making it part of a name.
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\w+",
        "in on since by until till from during before after between through and of at for to or "
        "the every each around about as early mid late last next this updated posted published "
        "date dated but also then now only so yet while when that both even just",
    )
).union(MONTHS, WEEKDAYS)

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_LEMMAS = frozenset({"schedule", "plan", "expect", "set", "slate", "intend", "due"})
_FUTURE_GOVERNORS = _FUTURE_LEMMAS | {"go"}


@dataclass(frozen=True, slots=True)
class _Found:
    """A grammar match in a text, before resolution."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]


_WEEKDAY_RULES = frozenset({"weekday"})
_ABSOLUTE_DAY_RULES = frozenset({"full_mdy", "full_dmy", "iso_date", "numeric_date"})
_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|till|through|[-–—])\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"\b([^\W\d_]+) $")
_NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})


def _is_plausible(found: _Found, text: str) -> bool:
    """Reject lowercase month/weekday names ("may") and dates glued to a name ("Kurdistan 24")."""
    groups = found.match.groupdict()
    for key in ("mon", "wd"):
        if groups.get(key) and not groups[key][0].isupper():
            return False
    return not (found.rule.name_sensitive and _follows_name(text, found.start))


def _follows_name(text: str, start: int) -> bool:
    """Whether a capitalised word other than a function word directly precedes `start`."""
    word = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if word is None:
        return False
    return word.group(1)[0].isupper() and word.group(1).lower() not in _FUNCTION_WORDS


def _find(text: str) -> list[_Found]:
    """All plausible grammar matches, longest first, without overlaps, in text order."""
    grammar = rules()
    found = [
        _Found(m.start(), m.end(), rule, m)
        for rule in grammar
        for m in rule.regex.finditer(text)
        if m.end() > m.start()
    ]
    order = {rule.name: i for i, rule in enumerate(grammar)}
    found.sort(key=lambda f: (f.start - f.end, order[f.rule.name], f.start))
    taken: list[_Found] = []
    for candidate in found:
        if _is_plausible(candidate, text) and not any(
            candidate.start < other.end and other.start < candidate.end for other in taken
        ):
            taken.append(candidate)
    return sorted(taken, key=lambda f: f.start)


def _in_numeric_entity(doc: Doc, found: _Found) -> bool:
    """A bare year inside a CARDINAL/MONEY/... entity ("2000 troops") is a number, not a date."""
    if found.rule.name != "year":
        return False
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in _NUMERIC_LABELS for t in span)


def tense_at(doc: Doc, start: int, end: int) -> str:
    """The tense of the verb governing the characters start..end: past, present or future."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return PAST
    token = span.root
    for _ in range(8):
        tense = _verb_tense(token) if token.pos_ in ("VERB", "AUX") else None
        if tense is not None:
            return tense
        if token.head.i == token.i:
            break
        token = token.head
    return PAST


def _verb_tense(verb: Token) -> str | None:
    """Future for will/shall and "scheduled/set/going to"; past for VBD/VBN; present for finite
    present forms; None for infinitives and bare -ing forms, which take their head's tense."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(aux.lower_ in _FUTURE_AUX for aux in auxiliaries):
        return FUTURE
    if verb.lemma_ in _FUTURE_LEMMAS or (
        verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_GOVERNORS
    ):
        return FUTURE
    if verb.tag_ in ("VBD", "VBN"):
        return PAST
    if verb.tag_ in ("VB", "VBG") and not any(aux.tag_ != "TO" for aux in auxiliaries):
        return None
    return PRESENT


def _infer_anchor(found: list[_Found]) -> date | None:
    """Without a publication date: the first full date (a caption) that falls on a weekday the
    text names ("on Tuesday"), since that date is most likely the reported day."""
    weekdays = {WEEKDAYS[f.match["wd"].lower()] for f in found if f.rule.name in _WEEKDAY_RULES}
    for f in found:
        if f.rule.name in _ABSOLUTE_DAY_RULES:
            interval = f.rule.resolve(f.match, None, PAST)
            if interval is not None and interval.start.weekday() in weekdays:
                return interval.start
    return None


def _merge_ranges(text: str, found: list[_Found]) -> list[tuple[int, int, list[_Found]]]:
    """Group "between A and B" / "from A to B" into one span; other matches stay alone."""
    groups: list[tuple[int, int, list[_Found]]] = []
    i = 0
    while i < len(found):
        first = found[i]
        opener = _RANGE_OPEN.search(text, max(0, first.start - 10), first.start)
        if opener and i + 1 < len(found):
            last = found[i + 1]
            if _RANGE_JOIN.fullmatch(text, first.end, last.start):
                groups.append((opener.start(), last.end, [first, last]))
                i += 2
                continue
        groups.append((first.start, first.end, [first]))
        i += 1
    return groups


def _model_extras(doc: Doc, taken: list[tuple[int, int]], anchor: date | None) -> list[DateMention]:
    """DATE entities the grammar missed, kept only when they resolve to something."""
    extras = []
    for ent in doc.ents:
        overlaps = any(ent.start_char < end and start < ent.end_char for start, end in taken)
        if ent.label_ != "DATE" or overlaps or _follows_name(text_of(doc), ent.start_char):
            continue
        tense = tense_at(doc, ent.start_char, ent.end_char)
        interval = resolve_expression(ent.text, anchor, tense)
        if interval is not None:
            extras.append(DateMention(ent.text, ent.start_char, ent.end_char, interval))
    return extras


def extract_dates(doc: Doc, published: date | None) -> list[DateMention]:
    """Every temporal expression in the article, resolved against the publication date."""
    text = text_of(doc)
    found = [f for f in _find(text) if not _in_numeric_entity(doc, f)]
    anchor = published or _infer_anchor(found)
    mentions = []
    for start, end, parts in _merge_ranges(text, found):
        tense = tense_at(doc, start, end)
        if len(parts) == 2:
            first, last = parts
            interval = resolve_range(first.match.group(), last.match.group(), anchor, tense)
        else:
            interval = parts[0].rule.resolve(parts[0].match, anchor, tense)
        mentions.append(DateMention(text[start:end], start, end, interval))
    extras = _model_extras(doc, [(m.char_start, m.char_end) for m in mentions], anchor)
    return sorted(mentions + extras, key=lambda m: m.char_start)
