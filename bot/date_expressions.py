"""One temporal expression ("on Monday", "late July", "2014", "between May and June") resolved
to a day interval against a reference date: a regex grammar over `bot.calendar`, with no
language model. `bot.parse.dates` finds such expressions in articles; `bot.when` reads the
user's date options with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, wraps

from bot.calendar import (
    MONTHS,
    PAST,
    SEASONS,
    UNITS,
    WEEKDAYS,
    YEAR_PARTS,
    choose,
    choose_relative,
    day_interval,
    distance,
    each_year,
    latest_weekday,
    month_interval,
    month_part,
    month_span,
    safe_day,
    shift_month,
    shifted_unit,
    year_interval,
)
from bot.models import Interval

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

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


Resolver = Callable[[re.Match[str], date | None, str], Interval | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the grammar: a regex, its resolver, and whether it may be glued to a name."""

    name: str
    regex: re.Pattern[str]
    resolve: Resolver
    name_sensitive: bool = False


def _month_of(match: re.Match[str]) -> int:
    return MONTHS[match.group("mon").lower().rstrip(".")]


def _part_of(match: re.Match[str]) -> str:
    return (match.group("part") or match.group("part2")).lower()


# -- resolvers: (match, anchor, tense) -> Interval | None -------------------------------------


def _full_date(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return safe_day(int(match.group("year")), _month_of(match), int(match.group("day")))


def _iso_date(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return safe_day(int(match.group("year")), int(match.group("month")), int(match.group("day")))


def _numeric_date(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """dd-mm-yyyy or mm/dd/yyyy: the reading that is possible, else the one nearest the anchor."""
    first, second, year = (int(match.group(g)) for g in ("first", "second", "year"))
    readings = [r for r in (safe_day(year, second, first), safe_day(year, first, second)) if r]
    if not readings:
        return None
    if anchor is None:
        return readings[0]
    return min(readings, key=lambda r: distance(r, anchor))


def _iso_month(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return month_interval(int(match.group("year")), int(match.group("month")))


def _month_day(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    month, day = _month_of(match), int(match.group("day"))
    candidates = each_year(anchor, lambda year: safe_day(year, month, day))
    return choose(candidates, anchor, tense) if candidates else None


def _month_year(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return month_interval(int(match.group("year")), _month_of(match))


def _month_part_match(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    month, part = _month_of(match), _part_of(match)
    if match.group("year"):
        return month_part(int(match.group("year")), month, part)
    if anchor is None:
        return None
    return choose(each_year(anchor, lambda year: month_part(year, month, part)), anchor, tense)


def _year_part(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    part = _part_of(match)
    if match.group("year"):
        return month_span(int(match.group("year")), *YEAR_PARTS[part])
    if anchor is None:
        return None
    delta = {"last": -1, "next": 1}.get(match.group("rel").lower(), 0)
    if match.group("unit").lower() == "year":
        return month_span(anchor.year + delta, *YEAR_PARTS[part])
    year, month = shift_month(anchor.year, anchor.month, delta)
    return month_part(year, month, part)


def _relative_month(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    month, rel = _month_of(match), match.group("rel").lower().split()[-1]
    candidates = each_year(anchor, lambda year: month_interval(year, month))
    return choose_relative(candidates, anchor, rel, tense)


def _bare_month(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    month = _month_of(match)
    return choose(each_year(anchor, lambda year: month_interval(year, month)), anchor, tense)


def _weekday(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    weekday = WEEKDAYS[match.group("wd").lower()]
    latest = latest_weekday(anchor, weekday)
    candidates = [day_interval(latest + timedelta(weeks=k)) for k in (-1, 0, 1)]
    rel = (match.group("rel") or "").lower()
    rel = {"past": "last", "previous": "last", "coming": "next"}.get(rel, rel)
    return choose_relative(candidates, anchor, rel, tense)


def _day_word(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    if anchor is None:
        return None
    offset = {"yesterday": -1, "tomorrow": 1}.get(match.group("word").lower(), 0)
    offset += {"before": -1, "after": 1}.get((match.group("beyond") or "").lower(), 0)
    return shifted_unit(anchor, "day", offset)


def _daytime(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """ "this morning" is the anchor day, "last night" the day before."""
    if anchor is None:
        return None
    return shifted_unit(anchor, "day", -1 if match.group("last") else 0)


def _relative_unit(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """last/this/next week, month or year; "this week" and weekends stay unresolved."""
    rel, unit = match.group("rel").lower(), match.group("unit").lower()
    delta = {"last": -1, "previous": -1, "this": 0, "next": 1}.get(rel)
    if anchor is None or delta is None or unit == "weekend" or (unit == "week" and delta == 0):
        return None
    return shifted_unit(anchor, unit, delta)


def _ago(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """N days/weeks/months/years ago; vague counts and crawl-relative hours stay unresolved."""
    count = match.group("n").lower()
    n = int(count) if count.isdigit() else NUMBER_WORDS.get(count)
    unit = match.group("unit").lower()
    if anchor is None or n is None or unit not in UNITS:
        return None
    return shifted_unit(anchor, unit, -n)


def _month_of_relative_year(
    match: re.Match[str], anchor: date | None, tense: str
) -> Interval | None:
    """ "April next year", "March last year": the month in the year before or after."""
    if anchor is None:
        return None
    delta = {"last": -1, "next": 1}.get(match.group("rel").lower(), 0)
    return month_interval(anchor.year + delta, _month_of(match))


def _neighbour_day(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """ "the day before", "the previous day", "the next day": a day from the anchor, which
    for these is the day the text is talking about."""
    if anchor is None:
        return None
    word = (match.group("side") or match.group("side2")).lower()
    return shifted_unit(anchor, "day", -1 if word in ("before", "previous", "preceding") else 1)


def _same_day(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    """ "earlier in the day", "in the afternoon", "the same day": the day talked about."""
    return None if anchor is None else day_interval(anchor)


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
    return month_span(int(match.group("year")), *SEASONS[match.group("season").lower()])


def _year(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
    return year_interval(int(match.group("year")))


def _rule(name: str, pattern: str, resolve: Resolver, name_sensitive: bool = False) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), _within_calendar(resolve), name_sensitive)


def _within_calendar(resolve: Resolver) -> Resolver:
    """`resolve`, leaving unresolved an expression whose days fall outside years 1..9999 (an
    anchor such as a publication date of 0001-01-01 with "on Monday")."""

    @wraps(resolve)
    def bounded(match: re.Match[str], anchor: date | None, tense: str) -> Interval | None:
        try:
            return resolve(match, anchor, tense)
        except (OverflowError, ValueError):  # a day or year past the calendar's ends
            return None

    return bounded


@cache
def rules() -> tuple[Rule, ...]:
    """The grammar, compiled on first use (some 15 ms that a command reading no date skips).
    Order breaks ties between equally long matches: earlier rules win."""
    return (
        _rule("full_mdy", _WEEKDAY_PREFIX + rf"\b{_MONTH_ANY},?\s+{_DAY},?\s+{_YEAR}", _full_date),
        _rule(
            "full_dmy",  # the day may be glued to a byline: "Jane Doe22 August 2019"
            _WEEKDAY_PREFIX + rf"(?:\b|(?<=[^\W\d_])){_DAY}\s+(?:of\s+)?{_MONTH_ANY},?\s+{_YEAR}",
            _full_date,
        ),
        _rule(
            "iso_date",
            _NUMERIC_START
            + r"(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
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
        _rule(
            "day_month", _WEEKDAY_PREFIX + rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_ANY}", _month_day, True
        ),
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
        _rule(
            "month_relative_year",
            rf"\b{_MONTH_FULL}\s+(?P<rel>last|next|this)\s+year\b",
            _month_of_relative_year,
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
            r"\b(?:(?:earlier|later)\s+)?(?:the\s+day\s+(?P<beyond>before|after)\s+)?"
            r"(?P<word>today|tonight|yesterday|tomorrow)\b"
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
            "neighbour_day",
            r"\bthe\s+(?:day\s+(?P<side>before|after)|(?P<side2>previous|preceding|next"
            r"|following)\s+day)\b(?!\s+(?:yesterday|tomorrow)\b)",
            _neighbour_day,
        ),
        _rule(
            "same_day",
            r"\b(?:earlier|later)\s+(?:in\s+|on\s+)?(?:the|that)\s+day\b"
            r"|\b(?:in|during)\s+the\s+(?:morning|afternoon|evening)\b"
            r"|\b(?:on\s+)?(?:that|the)\s+same\s+day\b",
            _same_day,
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


_LEADING_WORD = re.compile(
    r"^(?:in|on|since|by|until|till|before|after|during|at|for|of|as\s+of)\s+", re.IGNORECASE
)
_RANGE = re.compile(
    r"^(?:between|from)\s+(?P<first>.+?)\s*(?:\band\b|\bto\b|\buntil\b|\btill\b|\bthrough\b|[-–—])"
    r"\s*(?P<last>.+)$",
    re.IGNORECASE,
)
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


# -- resolution of a single expression --------------------------------------------------------


def resolve_expression(text: str, anchor: date | None, tense: str = PAST) -> Interval | None:
    """Resolve one temporal expression (e.g. "on Monday", "late July", "2014") against `anchor`."""
    text = _LEADING_WORD.sub("", " ".join(text.split()))
    ranged = _RANGE.match(text)
    if ranged:
        return resolve_range(ranged.group("first"), ranged.group("last"), anchor, tense)
    for rule in rules():
        match = rule.regex.fullmatch(text)
        if match:
            return rule.resolve(match, anchor, tense)
    return None


def resolve_range(first: str, last: str, anchor: date | None, tense: str) -> Interval | None:
    """One interval from the start of `first` to the end of `last`; `first` may borrow its year."""
    end = resolve_expression(last, anchor, tense)
    if end is None:
        return None
    first_anchor = anchor if _YEAR_IN_TEXT.search(first) else end.start
    start = resolve_expression(first, first_anchor, PAST)
    if start is None or start.start > end.end:
        return None
    return Interval(start.start, end.end)
