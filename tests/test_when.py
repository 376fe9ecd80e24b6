"""The user's date option: fixed forms, relative words and ranges."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import BadQuery
from bot.models import Interval
from bot.when import parse_when

TODAY = date(2024, 2, 27)  # a Tuesday


def _days(start: str, end: str | None = None) -> Interval:
    return Interval(date.fromisoformat(start), date.fromisoformat(end or start))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-11-20", _days("2021-11-20")),
        ("20 November 2021", _days("2021-11-20")),
        ("November 20, 2021", _days("2021-11-20")),
        ("November 2021", _days("2021-11-01", "2021-11-30")),
        ("november 2021", _days("2021-11-01", "2021-11-30")),
        ("2021-11", _days("2021-11-01", "2021-11-30")),
        ("2021", _days("2021-01-01", "2021-12-31")),
        ("2021-01..2021-06", _days("2021-01-01", "2021-06-30")),
        ("2021 .. November 2022", _days("2021-01-01", "2022-11-30")),
        ("today", _days("2024-02-27")),
        ("Yesterday", _days("2024-02-26")),
        ("this week", _days("2024-02-26", "2024-03-03")),
        ("last week", _days("2024-02-19", "2024-02-25")),
        ("this month", _days("2024-02-01", "2024-02-29")),
        ("last month", _days("2024-01-01", "2024-01-31")),
        ("this year", _days("2024-01-01", "2024-12-31")),
        ("last year", _days("2023-01-01", "2023-12-31")),
        ("last 7 days", _days("2024-02-21", "2024-02-27")),
        ("past 30 days", _days("2024-01-29", "2024-02-27")),
        ("monday", _days("2024-02-26")),
        ("tuesday", _days("2024-02-27")),
        ("last tuesday", _days("2024-02-20")),
        ("last week..today", _days("2024-02-19", "2024-02-27")),
    ],
)
def test_parse_when(text: str, expected: Interval) -> None:
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize("text", ["xyz", "", "2021-13-40", "..2021", "2021-02-30"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(BadQuery) as error:
        parse_when(text, TODAY)
    assert str(error.value) == (
        f"Could not understand the date '{text}'. "
        "Try 2021-11-20, November 2021, 2021 or 2021-01..2021-06."
    )
