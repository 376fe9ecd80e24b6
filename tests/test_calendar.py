"""Calendar arithmetic and single date expressions, without the language model."""

from __future__ import annotations

from datetime import date

import pytest

from bot.calendar import iso_interval, latest_weekday, shifted_unit
from bot.date_expressions import resolve_expression
from bot.evaluation import gold_interval
from bot.models import Interval

TODAY = date(2024, 2, 27)  # a Tuesday in a leap year


def _days(start: str, end: str | None = None) -> Interval:
    return Interval(date.fromisoformat(start), date.fromisoformat(end or start))


@pytest.mark.parametrize(
    ("unit", "delta", "expected"),
    [
        ("day", -1, _days("2024-02-26")),
        ("day", 3, _days("2024-03-01")),
        ("week", 0, _days("2024-02-26", "2024-03-03")),
        ("week", -1, _days("2024-02-19", "2024-02-25")),
        ("month", 0, _days("2024-02-01", "2024-02-29")),
        ("month", -2, _days("2023-12-01", "2023-12-31")),
        ("month", 11, _days("2025-01-01", "2025-01-31")),
        ("year", -1, _days("2023-01-01", "2023-12-31")),
    ],
)
def test_shifted_unit(unit: str, delta: int, expected: Interval) -> None:
    assert shifted_unit(TODAY, unit, delta) == expected


def test_shifted_unit_refuses_other_units() -> None:
    with pytest.raises(ValueError, match="decade"):
        shifted_unit(TODAY, "decade", -1)


@pytest.mark.parametrize(
    ("weekday", "expected"),
    [
        (1, date(2024, 2, 27)),
        (0, date(2024, 2, 26)),
        (2, date(2024, 2, 21)),
        (6, date(2024, 2, 25)),
    ],
)
def test_latest_weekday_is_on_or_before_the_day(weekday: int, expected: date) -> None:
    assert latest_weekday(TODAY, weekday) == expected


def test_iso_interval() -> None:
    assert iso_interval("2024-02-29") == _days("2024-02-29")
    assert iso_interval("2024-02") == _days("2024-02-01", "2024-02-29")
    assert iso_interval("2023") == _days("2023-01-01", "2023-12-31")


@pytest.mark.parametrize(
    ("expression", "anchor", "tense", "expected"),
    [
        ("mid-October 2017", None, "past", _days("2017-10-11", "2017-10-20")),
        ("the end of September 2025", None, "past", _days("2025-09-21", "2025-09-30")),
        ("from 2014 to 2017", None, "past", _days("2014-01-01", "2017-12-31")),
        ("mid-2017", None, "past", _days("2017-05-01", "2017-08-31")),
        ("on Monday", None, "past", None),
        ("on Monday", date(2024, 2, 27), "future", _days("2024-03-04")),
        ("last Monday", date(2024, 2, 26), "past", _days("2024-02-19")),
        ("two months ago", date(2024, 2, 27), "past", _days("2023-12-01", "2023-12-31")),
        ("three hours ago", date(2024, 2, 27), "past", None),
        ("in the coming months", date(2024, 2, 27), "future", None),
        ("Sept. 25", date(2018, 11, 14), "past", _days("2018-09-25")),
    ],
)
def test_resolve_expression(
    expression: str, anchor: date | None, tense: str, expected: Interval | None
) -> None:
    assert resolve_expression(expression, anchor, tense) == expected


def test_gold_values_name_intervals() -> None:
    assert _days("2017-11-01", "2017-11-30") == gold_interval("2017-11")
    assert _days("2017-01-01", "2017-12-31") == gold_interval("2017")
    assert gold_interval(None) is None
    assert _days("2017-11-01") != gold_interval(None)
    assert _days("2017-11-01") != gold_interval("2017-11")
