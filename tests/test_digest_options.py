"""The /digest subscribe options: a time of day and an IANA timezone."""

from __future__ import annotations

import pytest

from bot.digests import parse_time, parse_timezone
from bot.errors import BadQuery


def test_time_and_timezone_options() -> None:
    assert parse_time("8:05") == "08:05" and parse_time(" 23:59 ") == "23:59"
    for bad in ("24:00", "8:5", "noon", "08:00:00"):
        with pytest.raises(BadQuery, match="HH:MM"):
            parse_time(bad)
    assert parse_timezone("Europe/Berlin") == "Europe/Berlin"
    assert parse_timezone(" europe/berlin ") == "Europe/Berlin"  # any case: the canonical name
    assert parse_timezone("AMERICA/NEW YORK") == "America/New_York"
    assert parse_timezone("utc") == "UTC"
    with pytest.raises(BadQuery, match=r"not a timezone.*Europe/Berlin"):
        parse_timezone("Europe/Berlyn")
    with pytest.raises(BadQuery):
        parse_timezone("../../etc/passwd")


@pytest.mark.parametrize("blank", [" ", "\x00", "\u200f"])
def test_a_blank_time_or_timezone_is_asked_for(blank: str) -> None:
    with pytest.raises(BadQuery, match=r"^Give a time of day as HH:MM"):
        parse_time(blank)
    with pytest.raises(BadQuery, match=r"^Give a timezone: an IANA name such as Europe/Berlin"):
        parse_timezone(blank)
