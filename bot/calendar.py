"""Calendar arithmetic on day intervals, with no language model: whole days, weeks, months and
years, shifts ("two months ago", "last week"), parts of months and years, weekdays, and the
choice between candidate occurrences that a tense or last/next/this points to.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta

from bot.models import Interval

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
# Full month names, title-cased ("May", "June"), as a surname is written; abbreviations
# ("Jun") are no surnames.
MONTH_NAMES = frozenset(
    max((n for n in MONTHS if MONTHS[n] == number), key=len).title()
    for number in set(MONTHS.values())
)
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
SEASONS = {  # month ranges; 14 is February of the next year
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}
UNITS = ("day", "week", "month", "year")


# -- whole periods ----------------------------------------------------------------------------


def day_interval(day: date) -> Interval:
    """The single-day interval of `day`."""
    return Interval(day, day)


def month_interval(year: int, month: int) -> Interval:
    """The whole calendar month."""
    return Interval(date(year, month, 1), date(year, month, monthrange(year, month)[1]))


def year_interval(year: int) -> Interval:
    """The whole calendar year."""
    return Interval(date(year, 1, 1), date(year, 12, 31))


def week_interval(day: date) -> Interval:
    """The Monday-to-Sunday week containing `day`."""
    monday = day - timedelta(days=day.weekday())
    return Interval(monday, monday + timedelta(days=6))


def iso_interval(value: str) -> Interval:
    """ "2024-02-26", "2024-02" or "2024" as the day, month or year it names."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return day_interval(date(*parts))
    if len(parts) == 2:
        return month_interval(*parts)
    return year_interval(parts[0])


def safe_day(year: int, month: int, day: int) -> Interval | None:
    """A day interval, or None for impossible dates like 31 February."""
    try:
        return day_interval(date(year, month, day))
    except ValueError:
        return None


# -- shifts and parts -------------------------------------------------------------------------


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) `delta` months away."""
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def shifted_unit(day: date, unit: str, delta: int) -> Interval:
    """The day, week, month or year (`unit`) `delta` units from the one containing `day`:
    ("month", -2) is two months ago, ("week", 0) this week, ("day", -1) yesterday."""
    if unit == "day":
        return day_interval(day + timedelta(days=delta))
    if unit == "week":
        return week_interval(day + timedelta(weeks=delta))
    if unit == "month":
        return month_interval(*shift_month(day.year, day.month, delta))
    if unit == "year":
        return year_interval(day.year + delta)
    raise ValueError(f"not a calendar unit: {unit!r}")


def latest_weekday(day: date, weekday: int) -> date:
    """The latest date on or before `day` that falls on `weekday` (0 is Monday)."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def month_span(year: int, first: int, last: int) -> Interval:
    """Months `first`..`last` of `year`; `last` may run into the next year (13 = January)."""
    end_year, end_month = shift_month(year, last, 0) if last <= 12 else (year + 1, last - 12)
    return Interval(month_interval(year, first).start, month_interval(end_year, end_month).end)


def month_part(year: int, month: int, part: str) -> Interval:
    """Early/mid/late (or beginning/end) days of a month."""
    first, last = MONTH_PARTS[part]
    end = month_interval(year, month).end if last is None else date(year, month, last)
    return Interval(date(year, month, first), end)


# -- choosing an occurrence -------------------------------------------------------------------


def each_year(anchor: date, make: Callable[[int], Interval | None]) -> list[Interval]:
    """`make(year)` for the years around the anchor, skipping impossible ones."""
    found = (make(year) for year in (anchor.year - 1, anchor.year, anchor.year + 1))
    return [interval for interval in found if interval is not None]


def distance(interval: Interval, day: date) -> int:
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
    return min(candidates, key=lambda c: (distance(c, anchor), c.start))


def choose_relative(candidates: list[Interval], anchor: date, rel: str, tense: str) -> Interval:
    """Apply last/next/this to candidates: strictly before, strictly after, or the nearest."""
    if rel == "last":
        return max((c for c in candidates if c.end < anchor), key=lambda c: c.start)
    if rel == "next":
        return min((c for c in candidates if c.start > anchor), key=lambda c: c.start)
    return choose(candidates, anchor, tense if rel == "" else PRESENT)
