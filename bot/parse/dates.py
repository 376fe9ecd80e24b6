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
from bot.models import DateMention, Interval
from bot.parse.events.lexicon import NOUN_TRIGGERS, PLANNED_MODIFIERS
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
# Words that put an event a month names ahead: "the upcoming April summit", "the next one".
_AHEAD_MARKS = PLANNED_MODIFIERS | {"next"}


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
_ALTERNATIVE_JOIN = re.compile(r"\s+or\s+", re.IGNORECASE)
_RESTATED = re.compile(r"\s*\(\s*")  # "today (31 January)": the date restated in brackets
_RELATIVE_DAYS = frozenset({"weekday", "day_word", "this_daytime"})
_TODAY = frozenset({"today", "tonight"})
_CONTEXT_RULES = frozenset({"neighbour_day", "same_day"})  # dated from the day talked about
_SIGNED_POST = re.compile(
    r"[—–-]\s*[^\n—–]{1,80}\(@\w{1,30}\)\s*(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})\s*$",
    re.MULTILINE,
)
_WORD_BEFORE = re.compile(r"\b([^\W\d_]+) $")
_CLOCK_AFTER = re.compile(r"\s*(?:GMT|UTC|hrs\b|hours\b|local\s+time)")
_NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})


def _is_plausible(found: _Found, text: str) -> bool:
    """Reject lowercase month/weekday names ("may") and dates glued to a name ("Kurdistan 24")."""
    groups = found.match.groupdict()
    for key in ("mon", "wd"):
        if groups.get(key) and not groups[key][0].isupper():
            return False
    # Only a capitalised match can belong to a name ("Iraq Today", "Kurdistan 24"); a
    # lower-case one after a name is a date ("met Keller today").
    name_like = not found.match.group()[:1].islower()
    if found.rule.name == "year" and _CLOCK_AFTER.match(text, found.end):
        return False  # "9 a.m. local time (1900 GMT)": a clock time
    return not (found.rule.name_sensitive and name_like and _follows_name(text, found.start))


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
        if token.pos_ in ("VERB", "AUX"):
            tense = _verb_tense(token)
        else:  # "are due in Malta on Friday", "is set for Monday"
            tense = FUTURE if token.pos_ == "ADJ" and token.lemma_ in _FUTURE_LEMMAS else None
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


@dataclass(frozen=True, slots=True)
class _Group:
    """One date mention: a single match, a range ("between A and B"), alternatives ("May or
    early June", a vague span) or a relative word restated by a date ("today (31 January)")."""

    start: int
    end: int
    parts: tuple[_Found, ...]
    kind: str = "single"


def _group(text: str, found: list[_Found]) -> list[_Group]:
    """Join neighbouring matches that make one mention; other matches stay alone."""
    groups: list[_Group] = []
    i = 0
    while i < len(found):
        first = found[i]
        last = found[i + 1] if i + 1 < len(found) else None
        group = _Group(first.start, first.end, (first,))
        if last is not None:
            opener = _RANGE_OPEN.search(text, max(0, first.start - 10), first.start)
            between = text[first.end : last.start]
            restated = _RESTATED.match(text, first.end)
            if opener and _RANGE_JOIN.fullmatch(between):
                group = _Group(opener.start(), last.end, (first, last), "range")
            elif _ALTERNATIVE_JOIN.fullmatch(between):
                group = _Group(first.start, last.end, (first, last), "alternatives")
            elif restated and restated.end() == last.start and first.rule.name in _RELATIVE_DAYS:
                close = text.find(")", last.end, last.end + 3)
                if close != -1:
                    group = _Group(first.start, close + 1, (first, last), "restated")
        groups.append(group)
        i += len(group.parts)
    return groups


def _tense(doc: Doc, text: str, start: int, end: int) -> str:
    """The tense a date is read in: "since" points back, "until" and a possessive ("Thursday's
    launches") name a day near the text whatever the clause's tense; else the verb's tense."""
    word = _WORD_BEFORE.search(text, max(0, start - 20), start)
    before = word.group(1).lower() if word else ""
    if before == "since":
        return PAST
    if before in ("until", "till") or text[end : end + 2] in ("'s", "’s"):
        return PRESENT
    tense = tense_at(doc, start, end)
    return PAST if tense == PRESENT and _names_an_event_told(doc, start, end) else tense


def _names_an_event_told(doc: Doc, start: int, end: int) -> bool:
    """A date that only qualifies an event noun ("reports from an April meeting", "the March
    summit"): in a present-tense clause, an event the text looks back on."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    noun = root.head
    return (
        root.dep_ in {"compound", "nmod", "amod"}
        and noun.pos_ == "NOUN"
        and noun.lemma_.lower() in NOUN_TRIGGERS
        and not any(c.lower_ in _AHEAD_MARKS for c in noun.children)
    )


def _in_quote(text: str, position: int) -> bool:
    """Whether `position` lies inside a quotation opened on its own line."""
    before = text[text.rfind("\n", 0, position) + 1 : position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _line_anchors(text: str) -> dict[int, date]:
    """Lines that carry their own date (an embedded post signed "— Name (@handle) May 9,
    2018"), by the offset where the line starts: their relative words count from it."""
    anchors: dict[int, date] = {}
    for match in _SIGNED_POST.finditer(text):
        interval = resolve_expression(match.group("date"), None)
        if interval is not None:
            anchors[text.rfind("\n", 0, match.start()) + 1] = interval.start
    return anchors


def _vague_in_articles(found: _Found) -> bool:
    """Decades and week-level words: articles' date mentions leave them unresolved."""
    if found.rule.name == "decade":
        return True
    return found.rule.name == "relative_unit" and found.match.group("unit").lower() == "week"


class _Resolver:
    """Resolves an article's date mentions in text order, remembering what the text has dated:
    the last day on each line, the day each weekday named, and the story's day."""

    def __init__(self, doc: Doc, anchor: date | None) -> None:
        self.doc, self.text, self.anchor = doc, text_of(doc), anchor
        self.line_anchors = _line_anchors(self.text)
        self.last_day: dict[int, date] = {}  # line start -> last single day dated on it
        self.weekdays: dict[int, Interval | None] = {}  # weekday -> the day it first named
        self.story_day: date | None = None

    def resolve(self, group: _Group) -> Interval | None:
        line = self.text.rfind("\n", 0, group.start) + 1
        anchor = self.line_anchors.get(line, self.anchor)
        interval = self._resolve(group, anchor, line)
        if interval is not None and interval.start == interval.end:
            self.last_day[line] = interval.start
            if self.story_day is None and self._tells_the_story_day(group):
                self.story_day = interval.start
        return interval

    def _tells_the_story_day(self, group: _Group) -> bool:
        """A relative day word in the narrative (not in a quote) dates the story."""
        relative = group.parts[0].rule.name in _RELATIVE_DAYS
        return relative and not _in_quote(self.text, group.start)

    def _quoted_today(self, group: _Group) -> bool:
        """ "today" inside a quotation: the day the words were spoken, the story's day."""
        first = group.parts[0]
        if first.rule.name != "day_word" or first.match.group("word").lower() not in _TODAY:
            return False
        return _in_quote(self.text, group.start)

    def _resolve(self, group: _Group, anchor: date | None, line: int) -> Interval | None:
        first, last = group.parts[0], group.parts[-1]
        tense = _tense(self.doc, self.text, group.start, group.end)
        if group.kind == "alternatives" or _vague_in_articles(first):
            return None
        if group.kind == "range":
            return resolve_range(first.match.group(), last.match.group(), anchor, tense)
        if group.kind == "restated":  # the date given in brackets wins over the word
            stated = last.rule.resolve(last.match, anchor, PRESENT)
            return stated or first.rule.resolve(first.match, anchor, tense)
        name = first.rule.name
        if name in _CONTEXT_RULES:
            return first.rule.resolve(first.match, self.last_day.get(line, anchor), tense)
        if self._quoted_today(group) and self.story_day is not None:
            return first.rule.resolve(first.match, self.story_day, tense)
        if name == "weekday" and not first.match.group("rel"):
            # The same weekday named again is the same day ("Thursday ... later Thursday"),
            # unless it lies ahead of a day already past ("died on Friday", then "are due in
            # Malta on Friday").
            weekday = WEEKDAYS[first.match.group("wd").lower()]
            earlier = self.weekdays.get(weekday)
            if earlier is None or (tense == FUTURE and _days_past(earlier, anchor)):
                resolved = first.rule.resolve(first.match, anchor, tense)
                self.weekdays.setdefault(weekday, resolved)
                return resolved
            return earlier
        return first.rule.resolve(first.match, anchor, tense)


def _days_past(day: Interval, anchor: date | None) -> bool:
    """Whether `day` ended days before the article's own day (not just the day before it)."""
    return anchor is not None and (anchor - day.end).days > 1


def _model_extras(doc: Doc, taken: list[tuple[int, int]], anchor: date | None) -> list[DateMention]:
    """DATE entities the grammar missed, kept only when they resolve to something."""
    extras = []
    for ent in doc.ents:
        overlaps = any(ent.start_char < end and start < ent.end_char for start, end in taken)
        text = text_of(doc)
        if ent.label_ != "DATE" or overlaps or _follows_name(text, ent.start_char):
            continue
        if _CLOCK_AFTER.match(text, ent.end_char):
            continue  # "(1900 GMT)": a clock time
        tense = tense_at(doc, ent.start_char, ent.end_char)
        interval = resolve_expression(ent.text, anchor, tense)
        if interval is not None:
            extras.append(DateMention(ent.text, ent.start_char, ent.end_char, interval))
    return extras


def extract_dates(doc: Doc, published: date | None) -> list[DateMention]:
    """Every temporal expression in the article, resolved against the publication date."""
    text = text_of(doc)
    found = [f for f in _find(text) if not _in_numeric_entity(doc, f)]
    resolver = _Resolver(doc, published or _infer_anchor(found))
    mentions = [
        DateMention(text[group.start : group.end], group.start, group.end, resolver.resolve(group))
        for group in _group(text, found)
    ]
    extras = _model_extras(doc, [(m.char_start, m.char_end) for m in mentions], resolver.anchor)
    return sorted(mentions + extras, key=lambda m: m.char_start)
