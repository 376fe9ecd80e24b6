"""Day intervals named as people write them: "27 February 2024", "February 2024", "2024",
"1–15 February 2024", "January–March 2024", "2020–2024"."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from bot.models import Interval

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def interval_name(interval: Interval) -> str:
    """The shortest usual name of the interval: whole years, whole months, or days."""
    start, end = interval.start, interval.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return _dashed(_year(start), _year(end)) if start.year != end.year else _year(start)
    if start.day == 1 and end.day == monthrange(end.year, end.month)[1]:
        if start.year != end.year:
            return _dashed(_month(start), _month(end))
        if start.month == end.month:
            return _month(start)
        return f"{_dashed(MONTH_NAMES[start.month - 1], MONTH_NAMES[end.month - 1])} {_year(end)}"
    if start == end:
        return _day(start)
    if start.year != end.year:
        return _dashed(_day(start), _day(end))
    if start.month != end.month:
        first = f"{start.day} {MONTH_NAMES[start.month - 1]}"
        return f"{_dashed(first, f'{end.day} {MONTH_NAMES[end.month - 1]}')} {_year(end)}"
    return f"{start.day}–{_day(end)}"


def interval_title(interval: Interval) -> str:
    """`On 27 February 2024` for a day, the bare name for anything longer."""
    return (
        f"On {interval_name(interval)}"
        if interval.start == interval.end
        else interval_name(interval)
    )


def interval_phrase(interval: Interval) -> str:
    """`on 27 February 2024` for a day, `in February 2024` for anything longer."""
    return f"{'on' if interval.start == interval.end else 'in'} {interval_name(interval)}"


def _dashed(first: str, last: str) -> str:
    """An en dash, spaced when either side has spaces: `2020–2024`, `5 May – 3 June 2024`."""
    return f"{first} – {last}" if " " in first + last else f"{first}–{last}"


def _year(day: date) -> str:
    return f"{day.year:04d}"


def _month(day: date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {_year(day)}"


def _day(day: date) -> str:
    return f"{day.day} {_month(day)}"
