"""Publication dates read from date lines and stamps at the top or bottom of an article.

Only a line that is nothing but a date (with an optional keyword, weekday, time, zone, a
short "| outlet" tail or a "by Author" byline) counts; dates inside sentences and captions are
never used. Numeric dates whose day and month are both <= 12 are read day-first, as the
region's outlets write them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|urday)?\.?,?"
_DATE = (
    rf"(?P<ymd>(?P<y1>\d{{4}})[-/.](?P<m1>\d{{1,2}})[-/.](?P<d1>\d{{1,2}}))"
    rf"(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|(?P<dmy>(?P<a2>\d{{1,2}})[-/.](?P<b2>\d{{1,2}})[-/.](?P<y2>\d{{4}}))"
    rf"|(?P<mdy>(?P<mon3>{_MONTH})\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}}))"
    rf"|(?P<dmy_name>(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon4>{_MONTH}),?\s+(?P<y4>\d{{4}}))"
)
_KEYWORD = (
    r"(?P<kw>first published|published|last updated|updated|last modified|modified|posted|date)"
    r"(?:\s+(?:on|at))?\s*:?"
)
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
_ZONE = r"(?:\(?(?:gmt|utc|[a-z]{1,4}t)?\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)"
_SEP = r"[\s,|/·•@–—-]*(?:at\s+)?"
_STAMP_RE = re.compile(
    rf"^(?:{_KEYWORD}\s*)?(?:{_WEEKDAY}\s*)?(?:{_DATE})"
    rf"(?P<rest>.*)$",
    re.IGNORECASE,
)
# After the date: a time, a zone, then a "| outlet" tail or a "by Author" byline.
_REST_RE = re.compile(
    rf"^{_SEP}(?:{_TIME})?\s*{_ZONE}\s*"
    rf"(?:[|·•]\s*(?P<tail>[^|\d]{{1,40}})|by\s+[^|\d]{{1,60}})?$",
    re.IGNORECASE,
)
# A page's "current time" widget, e.g. "TUE, 18 JUN 2019 10:26 Erbil, GMT +3": crawl time.
_CLOCK_RE = re.compile(
    rf"^{_SEP}{_TIME}\s+[A-Z][\w' -]{{1,30}},\s*(?:GMT|UTC)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?$"
)
_RELATIVE_RE = re.compile(
    r"^(?:(?:last )?updated|published|posted)?\s*:?\s*\d+\s+"
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\.?$",
    re.IGNORECASE,
)
_ORIGINAL_KEYWORDS = {"published", "first published", "posted", "date"}
_EARLIEST = date(1990, 1, 1)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A line that is only a date stamp; `day` is None when the line must not be trusted."""

    day: date | None
    keyword: str | None = None  # lower case: "published", "updated", ...
    tail: str | None = None  # text after a "|", often the outlet or section


def parse_stamp(line: str, *, today: date | None = None) -> Stamp | None:
    """The stamp a line consists of, else None (the line is prose, a caption, a title...)."""
    line = line.strip()
    if _RELATIVE_RE.match(line):
        return Stamp(None)
    match = _STAMP_RE.match(line)
    if match is None:
        return None
    rest = match["rest"]
    keyword = match["kw"].lower() if match["kw"] else None
    if _CLOCK_RE.match(rest):
        return Stamp(None, keyword)
    rest_match = _REST_RE.match(rest)
    if rest_match is None:
        return None
    tail = rest_match["tail"].strip() if rest_match["tail"] else None
    return Stamp(_plausible(_to_date(match), today), keyword, tail or None)


def _to_date(match: re.Match[str]) -> date | None:
    """The calendar date of a `_DATE` match, None when it is not a real date."""
    if match["ymd"]:
        year, month, day = int(match["y1"]), int(match["m1"]), int(match["d1"])
    elif match["dmy"]:
        first, second, year = int(match["a2"]), int(match["b2"]), int(match["y2"])
        # Day-first unless that is impossible ("11/20/2021" can only be month-first).
        day, month = (second, first) if second > 12 >= first else (first, second)
    elif match["mdy"]:
        month, day, year = _month(match["mon3"]), int(match["d3"]), int(match["y3"])
    else:
        day, month, year = int(match["d4"]), _month(match["mon4"]), int(match["y4"])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()[:3]]


def _plausible(day: date | None, today: date | None) -> date | None:
    """`day` unless it lies before 1990 or after tomorrow (a typo or a template placeholder)."""
    latest = (today or date.today()) + timedelta(days=1)
    if day is None or not _EARLIEST <= day <= latest:
        return None
    return day


def find_published(
    top: Sequence[str], bottom: Sequence[str] = (), *, today: date | None = None
) -> tuple[date, str] | None:
    """(date, basis) from the stamp lines above (basis "dateline") or below ("stamp") an article.

    An explicit "Published"/"Posted" stamp beats a bare date, which beats an "Updated" one;
    among equals the first line wins.
    """
    candidates: list[tuple[int, date, str]] = []
    for region, basis in ((top, "dateline"), (bottom, "stamp")):
        for line in region:
            stamp = parse_stamp(line, today=today)
            if stamp is None or stamp.day is None:
                continue
            if stamp.keyword in _ORIGINAL_KEYWORDS:
                rank = 0
            elif stamp.keyword is None:
                rank = 1 if basis == "dateline" else 2
            else:
                rank = 3
            candidates.append((rank, stamp.day, basis))
    if not candidates:
        return None
    _, day, basis = min(candidates, key=lambda candidate: candidate[0])
    return day, basis
