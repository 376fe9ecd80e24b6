"""Temporal expressions in articles: find them and resolve them to day intervals.

Spans come from a small regex grammar (more precise than the model's DATE entities, which only
fill gaps). Relative expressions resolve against the publication date, with the tense of the
governing verb choosing between the past and the future occurrence.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from bot.models import DateMention, Interval
from bot.parse.nlp import text_of

PAST, PRESENT, FUTURE = "past", "present", "future"

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
MONTH_PARTS = {  # day ranges inside a month; None is the month's last day
    "early": (1, 10), "beginning": (1, 10), "start": (1, 10),
    "mid": (11, 20), "middle": (11, 20),
    "late": (21, None), "end": (21, None),
}  # fmt: skip
YEAR_PARTS = {  # month ranges inside a year
    "early": (1, 4), "beginning": (1, 1), "start": (1, 1),
    "mid": (5, 8), "middle": (5, 8),
    "late": (9, 12), "end": (12, 12),
}  # fmt: skip
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}

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

_MONTH_ANY = (
    r"(?P<mon>(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?)"
)
_MONTH_FULL = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b"
)
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:19|20)\d\d)\b"
_WEEKDAY_PREFIX = (
    r"(?:\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?,?\s+)?"
)
_WEEKDAY = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_COUNT = r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_PART = (
    r"\b(?:(?P<part>early|mid|late)(?:-|\s+)"
    r"|(?:the\s+)?(?P<part2>end|beginning|start|middle)\s+of\s+)"
)
_NUMERIC_START = r"(?<![\w$£€.,/-])"
_NUMERIC_END = r"(?![\w%]|[-/.,:]\d)"


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One rule of the grammar: a regex, its resolver, and whether it may be glued to a name."""

    name: str
    regex: re.Pattern[str]
    resolve: Callable[[re.Match[str], date | None, str], Interval | None]
    name_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class _Found:
    """A grammar match in a text, before resolution."""

    start: int
    end: int
    rule: _Pattern
    match: re.Match[str]


# -- interval helpers -------------------------------------------------------------------------


def day_interval(day: date) -> Interval:
    """The single-day interval of `day`."""
    return Interval(day, day)


def month_interval(year: int, month: int) -> Interval:
    """The whole calendar month."""
    return Interval(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def year_interval(year: int) -> Interval:
    """The whole calendar year."""
    return Interval(date(year, 1, 1), date(year, 12, 31))


def week_interval(day: date) -> Interval:
    """The Monday-to-Sunday week containing `day`."""
    monday = day - timedelta(days=day.weekday())
    return Interval(monday, monday + timedelta(days=6))


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) `delta` months away."""
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _month_span(year: int, first: int, last: int) -> Interval:
    """Months `first`..`last` of `year`; `last` may run into the next year (13 = January)."""
    end_year, end_month = shift_month(year, last, 0) if last <= 12 else (year + 1, last - 12)
    return Interval(month_interval(year, first).start, month_interval(end_year, end_month).end)


def _month_part(year: int, month: int, part: str) -> Interval:
    """Early/mid/late (or beginning/end) days of a month."""
    first, last = MONTH_PARTS[part]
    end = month_interval(year, month).end if last is None else date(year, month, last)
    return Interval(date(year, month, first), end)


def _distance(interval: Interval, day: date) -> int:
    """Days between `day` and the nearest day of `interval` (0 inside it)."""
    if day < interval.start:
        return (interval.start - day).days
    return max(0, (day - interval.end).days)


def choose(candidates: list[Interval], anchor: date, tense: str) -> Interval:
    """The candidate the tense points to: the latest begun (past), the earliest unfinished
    (future), or the nearest (present)."""
    if tense == PAST:
        begun = [c for c in candidates if c.start <= anchor]
        if begun:
            return max(begun, key=lambda c: c.start)
    if tense == FUTURE:
        pending = [c for c in candidates if c.end >= anchor]
        if pending:
            return min(pending, key=lambda c: c.start)
    return min(candidates, key=lambda c: (_distance(c, anchor), c.start))


def _choose_relative(candidates: list[Interval], anchor: date, rel: str, tense: str) -> Interval:
    """Apply last/next/this to candidates: strictly before, strictly after, or the nearest."""
    if rel == "last":
        return max((c for c in candidates if c.end < anchor), key=lambda c: c.start)
    if rel == "next":
        return min((c for c in candidates if c.start > anchor), key=lambda c: c.start)
    return choose(candidates, anchor, tense if rel == "" else PRESENT)


def _safe_day(year: int, month: int, day: int) -> Interval | None:
    """A day interval, or None for impossible dates like 31 February."""
    try:
        return day_interval(date(year, month, day))
    except ValueError:
        return None


def _month_of(match: re.Match[str]) -> int:
    return MONTHS[match.group("mon").lower().rstrip(".")]


def _part_of(match: re.Match[str]) -> str:
    return (match.group("part") or match.group("part2")).lower()


def _each_year(anchor: date, make: Callable[[int], Interval | None]) -> list[Interval]:
    """`make(year)` for the years around the anchor, skipping impossible ones."""
    found = (make(year) for year in (anchor.year - 1, anchor.year, anchor.year + 1))
    return [interval for interval in found if interval is not None]


# -- resolvers: (match, anchor, tense) -> Interval | None -------------------------------------


def _full_date(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return _safe_day(int(match.group("year")), _month_of(match), int(match.group("day")))


def _iso_date(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return _safe_day(int(match.group("year")), int(match.group("month")), int(match.group("day")))


def _numeric_date(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """dd-mm-yyyy or mm/dd/yyyy: the reading that is possible, else the one nearest the anchor."""
    first, second, year = (int(match.group(g)) for g in ("first", "second", "year"))
    readings = [r for r in (_safe_day(year, second, first), _safe_day(year, first, second)) if r]
    if not readings:
        return None
    if anchor is None:
        return readings[0]
    return min(readings, key=lambda r: _distance(r, anchor))


def _iso_month(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return month_interval(int(match.group("year")), int(match.group("month")))


def _month_day(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    month, day = _month_of(match), int(match.group("day"))
    candidates = _each_year(anchor, lambda year: _safe_day(year, month, day))
    return choose(candidates, anchor, tense) if candidates else None


def _month_year(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return month_interval(int(match.group("year")), _month_of(match))


def _month_part_match(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    month, part = _month_of(match), _part_of(match)
    if match.group("year"):
        return _month_part(int(match.group("year")), month, part)
    if anchor is None:
        return None
    return choose(_each_year(anchor, lambda year: _month_part(year, month, part)), anchor, tense)


def _year_part(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    part = _part_of(match)
    if match.group("year"):
        return _month_span(int(match.group("year")), *YEAR_PARTS[part])
    if anchor is None:
        return None
    delta = {"last": -1, "next": 1}.get(match.group("rel").lower(), 0)
    if match.group("unit").lower() == "year":
        return _month_span(anchor.year + delta, *YEAR_PARTS[part])
    year, month = shift_month(anchor.year, anchor.month, delta)
    return _month_part(year, month, part)


def _relative_month(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    month, rel = _month_of(match), match.group("rel").lower().split()[-1]
    candidates = _each_year(anchor, lambda year: month_interval(year, month))
    return _choose_relative(candidates, anchor, rel, tense)


def _bare_month(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    month = _month_of(match)
    return choose(_each_year(anchor, lambda year: month_interval(year, month)), anchor, tense)


def _weekday(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    weekday = WEEKDAYS[match.group("wd").lower()]
    nearest = anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    candidates = [day_interval(nearest + timedelta(days=7 * k)) for k in (-1, 0, 1)]
    rel = (match.group("rel") or "").lower()
    rel = {"past": "last", "previous": "last", "coming": "next"}.get(rel, rel)
    return _choose_relative(candidates, anchor, rel, tense)


def _day_word(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    offset = {"yesterday": -1, "tomorrow": 1}.get(match.group("word").lower(), 0)
    return day_interval(anchor + timedelta(days=offset))


def _daytime(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """ "this morning" is the anchor day, "last night" the day before."""
    if anchor is None:
        return None
    return day_interval(anchor - timedelta(days=1 if match.group("last") else 0))


def _relative_unit(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """last/this/next week, month or year; "this week" and weekends stay unresolved."""
    rel, unit = match.group("rel").lower(), match.group("unit").lower()
    delta = {"last": -1, "previous": -1, "this": 0, "next": 1}.get(rel)
    if anchor is None or delta is None or unit == "weekend" or (unit == "week" and delta == 0):
        return None
    if unit == "week":
        return week_interval(anchor + timedelta(weeks=delta))
    if unit == "month":
        return month_interval(*shift_month(anchor.year, anchor.month, delta))
    return year_interval(anchor.year + delta)


def _ago(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """N days/weeks/months/years ago; vague counts and crawl-relative hours stay unresolved."""
    count = match.group("n").lower()
    n = int(count) if count.isdigit() else NUMBER_WORDS.get(count)
    unit = match.group("unit").lower()
    if anchor is None or n is None:
        return None
    if unit == "day":
        return day_interval(anchor - timedelta(days=n))
    if unit == "week":
        return week_interval(anchor - timedelta(weeks=n))
    if unit == "month":
        return month_interval(*shift_month(anchor.year, anchor.month, -n))
    if unit == "year":
        return year_interval(anchor.year - n)
    return None


def _unresolved(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return None


def _year_range(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    first, last = match.group("year"), match.group("last")
    end = int(last) if len(last) == 4 else int(first[:2] + last)
    if end <= int(first):
        return None
    return Interval(date(int(first), 1, 1), date(end, 12, 31))


def _decade(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    start = int(match.group("decade"))
    return Interval(date(start, 1, 1), date(start + 9, 12, 31))


def _season(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return _month_span(int(match.group("year")), *SEASONS[match.group("season").lower()])


def _year(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return year_interval(int(match.group("year")))


def _rule(name: str, pattern: str, resolve: Callable, name_sensitive: bool = False) -> _Pattern:
    return _Pattern(name, re.compile(pattern, re.IGNORECASE), resolve, name_sensitive)


# Order breaks ties between equally long matches: earlier rules win.
RULES: tuple[_Pattern, ...] = (
    _rule("full_mdy", _WEEKDAY_PREFIX + rf"\b{_MONTH_ANY},?\s+{_DAY},?\s+{_YEAR}", _full_date),
    _rule(
        "full_dmy", _WEEKDAY_PREFIX + rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_ANY},?\s+{_YEAR}", _full_date
    ),
    _rule(
        "iso_date",
        _NUMERIC_START + r"(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
        r"(?P<day>3[01]|[12]\d|0?[1-9])" + _NUMERIC_END,
        _iso_date,
    ),
    _rule(
        "numeric_date",
        _NUMERIC_START + r"(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})(?P=sep)"
        r"(?P<year>(?:19|20)\d\d)" + _NUMERIC_END,
        _numeric_date,
    ),
    _rule(
        "iso_month",
        _NUMERIC_START + r"(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])" + _NUMERIC_END,
        _iso_month,
    ),
    _rule("month_day", _WEEKDAY_PREFIX + rf"\b{_MONTH_ANY}\s+{_DAY}(?!:\d)", _month_day, True),
    _rule("day_month", _WEEKDAY_PREFIX + rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_ANY}", _month_day, True),
    _rule("month_year", rf"\b{_MONTH_ANY},?\s+(?:of\s+)?{_YEAR}", _month_year),
    _rule(
        "month_part",
        _PART + rf"{_MONTH_FULL}(?:,?\s+{_YEAR})?",
        _month_part_match,
    ),
    _rule(
        "year_part",
        _PART + rf"(?:{_YEAR}|(?P<rel>this|last|next|the)\s+(?P<unit>year|month)\b)",
        _year_part,
    ),
    _rule(
        "relative_month",
        rf"\b(?P<rel>last|next|this|earlier\s+this|later\s+this)\s+{_MONTH_FULL}",
        _relative_month,
    ),
    _rule("month", rf"\b{_MONTH_FULL}", _bare_month, True),
    _rule(
        "weekday",
        r"(?:\b(?:(?:earlier|later)\s+(?:on\s+)?|on\s+(?:(?:late|early)\s+)?|(?:late|early)\s+"
        r"|(?P<rel>last|next|this|past|previous|coming)\s+))?"
        rf"\b{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night)\b)?",
        _weekday,
    ),
    _rule(
        "day_word",
        r"\b(?:(?:earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow)\b"
        r"(?:\s+(?:morning|afternoon|evening|night)\b)?",
        _day_word,
        True,
    ),
    _rule(
        "this_daytime",
        r"\b(?:(?:earlier|later)\s+)?(?P<word>this)\s+(?:morning|afternoon|evening)\b"
        r"|\b(?P<last>last)\s+night\b",
        _daytime,
    ),
    _rule(
        "relative_unit",
        r"(?<!\bthe\s)\b(?:(?:earlier|later)\s+)?(?P<rel>last|next|this|previous|coming|past)\s+"
        r"(?P<unit>week|weekend|month|year)\b",
        _relative_unit,
    ),
    _rule(
        "ago",
        rf"\b(?P<n>{_COUNT}|(?:a\s+)?few|several|(?:a\s+)?couple\s+of)\s+"
        r"(?P<unit>minute|hour|day|week|month|year|decade)s?\s+ago\b",
        _ago,
    ),
    _rule(
        "vague",
        r"\b(?:over|in|during|within|throughout)\s+the\s+(?:last|past|coming|next|previous)\s+"
        rf"(?:(?:few|several|couple\s+of|{_COUNT})\s+)?(?:day|week|month|year|decade)s?\b"
        r"|\b(?:in\s+)?recent\s+(?:days|weeks|months|years)\b"
        r"|\b(?:over\s+)?the\s+weekend\b",
        _unresolved,
    ),
    _rule(
        "year_range",
        _NUMERIC_START
        + r"(?P<year>(?:19|20)\d\d)\s*[-–—]\s*(?P<last>(?:19|20)\d\d|\d\d)"
        + _NUMERIC_END,
        _year_range,
    ),
    _rule("decade", r"\b(?:the\s+)?(?P<decade>(?:19|20)\d0)s\b", _decade),
    _rule(
        "season",
        rf"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}",
        _season,
    ),
    _rule("year", _NUMERIC_START + r"(?P<year>(?:19|20)\d\d)" + _NUMERIC_END, _year, True),
)
_WEEKDAY_RULES = frozenset({"weekday"})
_ABSOLUTE_DAY_RULES = frozenset({"full_mdy", "full_dmy", "iso_date", "numeric_date"})
_LEADING_WORD = re.compile(
    r"^(?:in|on|since|by|until|till|before|after|during|at|for|of|as\s+of)\s+", re.IGNORECASE
)
_RANGE = re.compile(
    r"^(?:between|from)\s+(?P<first>.+?)\s*(?:\band\b|\bto\b|\buntil\b|\btill\b|\bthrough\b|[-–—])"
    r"\s*(?P<last>.+)$",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|till|through|[-–—])\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORD_BEFORE = re.compile(r"\b([^\W\d_]+) $")
_NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})


# -- resolution of a single expression --------------------------------------------------------


def resolve_expression(text: str, anchor: date | None, tense: str = PAST) -> Interval | None:
    """Resolve one temporal expression (e.g. "on Monday", "late July", "2014") against `anchor`."""
    text = _LEADING_WORD.sub("", " ".join(text.split()))
    ranged = _RANGE.match(text)
    if ranged:
        return _resolve_range(ranged.group("first"), ranged.group("last"), anchor, tense)
    for rule in RULES:
        match = rule.regex.fullmatch(text)
        if match:
            return rule.resolve(match, anchor, tense)
    return None


def _resolve_range(first: str, last: str, anchor: date | None, tense: str) -> Interval | None:
    """One interval from the start of `first` to the end of `last`; `first` may borrow its year."""
    end = resolve_expression(last, anchor, tense)
    if end is None:
        return None
    first_anchor = anchor if _YEAR_IN_TEXT.search(first) else end.start
    start = resolve_expression(first, first_anchor, PAST)
    if start is None or start.start > end.end:
        return None
    return Interval(start.start, end.end)


def matches_gold(interval: Interval | None, value: str | None) -> bool:
    """Whether `interval` equals a gold value: YYYY-MM-DD, YYYY-MM, YYYY, or None (unresolved)."""
    if value is None or interval is None:
        return value is None and interval is None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        expected = day_interval(date(*parts))
    elif len(parts) == 2:
        expected = month_interval(*parts)
    else:
        expected = year_interval(parts[0])
    return interval == expected


# -- finding expressions in a document --------------------------------------------------------


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
    found = [
        _Found(m.start(), m.end(), rule, m)
        for rule in RULES
        for m in rule.regex.finditer(text)
        if m.end() > m.start()
    ]
    order = {rule.name: i for i, rule in enumerate(RULES)}
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
            interval = _resolve_range(first.match.group(), last.match.group(), anchor, tense)
        else:
            interval = parts[0].rule.resolve(parts[0].match, anchor, tense)
        mentions.append(DateMention(text[start:end], start, end, interval))
    extras = _model_extras(doc, [(m.char_start, m.char_end) for m in mentions], anchor)
    return sorted(mentions + extras, key=lambda m: m.char_start)
