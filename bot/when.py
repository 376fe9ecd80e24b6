"""The user's date option (`/date when`, `--since/--until`) as an interval of days."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.calendar import (
    PAST,
    WEEKDAYS,
    day_interval,
    latest_weekday,
    month_interval,
    shifted_unit,
    year_interval,
)
from bot.date_expressions import resolve_expression
from bot.errors import BadQuery, echo
from bot.models import Interval

_RECENT_DAYS = re.compile(r"(?:last|past)\s+(\d{1,4})\s+days?")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")
_WEEKDAY = re.compile(r"(last\s+)?(" + "|".join(WEEKDAYS) + r")")
_SHIFTS = {  # relative words as (calendar unit, units from today's)
    "today": ("day", 0),
    "yesterday": ("day", -1),
    "this week": ("week", 0),
    "last week": ("week", -1),
    "this month": ("month", 0),
    "last month": ("month", -1),
    "this year": ("year", 0),
    "last year": ("year", -1),
}


def _bad(text: str) -> BadQuery:
    return BadQuery(
        f"Could not understand the date '{echo(text)}'. "
        "Try 2021-11-20, November 2021, 2021 or 2021-01..2021-06."
    )


def parse_when(text: str, today: date) -> Interval:
    """Parse a date, month, year, relative word or `A..B` range; raise BadQuery otherwise."""
    cleaned = " ".join(text.strip().lower().split())
    if ".." in cleaned:
        first, _, last = (part.strip() for part in cleaned.partition(".."))
        start, end = _parse_single(first, today, text), _parse_single(last, today, text)
        if start.start > end.end:
            raise BadQuery(
                f"The range '{echo(text)}' ends before it starts: put the earlier date first."
            )
        return Interval(start.start, end.end)
    return _parse_single(cleaned, today, text)


def parse_since(text: str, today: date) -> date:
    """A `since` option: the first day of what it names."""
    return parse_when(text, today).start


def parse_until(text: str, today: date) -> date:
    """An `until` option: the last day of what it names."""
    return parse_when(text, today).end


def parse_period(
    since: str | None, until: str | None, today: date
) -> tuple[date | None, date | None]:
    """`since`/`until` options together (the briefing functions refuse a period that ends
    before it starts)."""
    start = parse_since(since, today) if since else None
    end = parse_until(until, today) if until else None
    return start, end


def parse_day(text: str, today: date) -> date:
    """A `published` option: exactly one day."""
    interval = parse_when(text, today)
    if interval.start != interval.end:
        raise BadQuery(f"A publication date is one day, e.g. 2024-02-27, not '{echo(text)}'.")
    return interval.start


def _parse_single(text: str, today: date, original: str) -> Interval:
    """One side of a query: a fixed form, a relative word, or anything the article grammar knows."""
    interval = _parse_fixed(text) if text else None
    interval = interval or _parse_relative(text, today)
    if interval is None and text:
        interval = resolve_expression(text, today, PAST)
    if interval is None:
        raise _bad(original)
    return interval


def _parse_fixed(text: str) -> Interval | None:
    """ISO day, ISO month or a bare year."""
    try:
        if match := _ISO_DAY.fullmatch(text):
            return day_interval(date(*map(int, match.groups())))
        if match := _ISO_MONTH.fullmatch(text):
            return month_interval(*map(int, match.groups()))
        if _YEAR.fullmatch(text):
            return year_interval(int(text))
    except ValueError:
        return None
    return None


def _parse_relative(text: str, today: date) -> Interval | None:
    """today, yesterday, this/last week|month|year, last N days, (last) weekday."""
    if text in _SHIFTS:
        return shifted_unit(today, *_SHIFTS[text])
    if match := _RECENT_DAYS.fullmatch(text):
        days = int(match.group(1))
        return Interval(today - timedelta(days=max(days, 1) - 1), today)
    if match := _WEEKDAY.fullmatch(text):
        newest = today - timedelta(days=1) if match.group(1) else today  # "last": not today
        return day_interval(latest_weekday(newest, WEEKDAYS[match.group(2)]))
    return None
