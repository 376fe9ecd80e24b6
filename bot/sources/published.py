"""Publication dates read from date lines and stamps at the top or bottom of an article.

Only a line that is nothing but a date (with an optional keyword, weekday, time, zone, a byline
or place in front, short "| source" tails, page notes ("3 min read") or a "by Author" byline
after) counts, and a dateline that carries its date at the start of the first paragraph; dates
inside sentences and captions are never used. Numeric dates whose day and month are both <= 12
are read day-first, as many outlets write them.
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
# "Tuesday, 02 June", also with the Arabic or full-width comma ("Tuesday، 02 June").
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|urday)?\.?[,،，]?"
_YEAR_SEP = r"(?:,\s*|\s+)"  # "10 July 2015", "10 July, 2015", "10 July,2015"
_DATE = (
    rf"(?P<ymd>(?P<y1>\d{{4}})[-/.](?P<m1>\d{{1,2}})[-/.](?P<d1>\d{{1,2}}))"
    rf"(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|(?P<dmy>(?P<a2>\d{{1,2}})[-/.](?P<b2>\d{{1,2}})[-/.](?P<y2>\d{{4}}))"
    rf"|(?P<mdy>(?P<mon3>{_MONTH})\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?{_YEAR_SEP}(?P<y3>\d{{4}}))"
    rf"|(?P<dmy_name>(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+|-)(?P<mon4>{_MONTH})(?:{_YEAR_SEP}|-)"
    rf"(?P<y4>\d{{4}}))"
)
_KEYWORD = (
    r"(?P<kw>first published|published|last updated|updated|last modified|modified|posted"
    r"|released|date)"
    r"(?:\s+(?:on|at))?\s*:?"
)
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
_ZONE = r"(?:\(?(?:gmt|utc|[a-z]{1,4}t)?\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)"
_SEP = r"[\s,|/·•@–—-]*(?:at\s+)?"
_CLOCK = rf"(?:{_TIME}\s*{_ZONE}\s*[,|·•]?\s*)"
# A byline, place or section label written in front of the date, in capitalised words:
# "Jane Doe22 August 2019", "Luxembourg, 16 September 2019", "All News 09:01 November 17, 2023";
# after "By", words of any case ("By staff reporters  November 12, 2017").
_LEAD = (
    r"(?-i:[Bb]y\s+[A-Za-z][A-Za-z'’.-]*(?:\s+[A-Za-z][A-Za-z'’.-]*){0,3}"  # "By Staff reporters"
    r"(?:,\s*[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){0,2})?"  # "By Jane Doe, Reuters"
    r"|[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){0,3})"
)
_LEAD_SEP = r"(?:\s*[,|·•–—:-]\s*|\s+|(?=\d))"
_STAMP = rf"(?:{_KEYWORD}\s*)?{_CLOCK}?(?:{_WEEKDAY}\s*)?(?:{_DATE})(?P<rest>.*)$"
_STAMP_RES = (  # tried in order, so a keyword is never taken for a byline
    re.compile(rf"^{_STAMP}", re.IGNORECASE),
    re.compile(rf"^{_LEAD}{_LEAD_SEP}{_STAMP}", re.IGNORECASE),
)
# Notes a page prints after its date: "· 3 min read", "/ Updated 3 hours ago".
_PAGE_NOTE = r"[|/·•]\s*(?:\d{1,3}\s*min(?:ute)?s?\s+read|updated\s+\d{1,3}\s+\w+\s+ago)\s*"
# After the date: a clock time and zone, up to three "| source"-like tails, a "by Author"
# byline or a "- Source: Outlet" label, or a second stamp ("Posted on : 2019-05-01 18:05 KST
# Modified on : 2019-05-01 18:05 KST").
_REST_RE = re.compile(
    rf"^{_SEP}(?:{_TIME})?\s*{_ZONE}\s*(?:{_PAGE_NOTE})?"
    rf"(?:(?:[|·•]\s*[^|\d]{{1,60}}){{0,3}}|by\s+[^|\d]{{1,60}}"
    rf"|[-–—]?\s*source\s*:\s*[^|\d]{{1,60}})"
    rf"(?:[|·•,;]?\s*(?P<more>(?:{_KEYWORD}).*))?$",
    re.IGNORECASE,
)
# Page widgets printed after a date line: "Xinhua, October 21, 2016 Adjust font size:".
_WIDGETS_RE = re.compile(
    r"(?:\s*(?:adjust\s+)?(?:font|text)\s+size\s*:?|\s*\b(?:print|share|e-?mail)\b)+\s*$",
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
# A dateline that carries the date and opens the article's first paragraph:
# "BALI, 09 July 2022, (TON): US ...", "Geneva, May 10, 2025: In ...", "May 11, 2023 (EIRNS)—In".
_PLACE = r"(?-i:[A-Z][A-Za-z'’.-]+(?:[ -][A-Z][A-Za-z'’.-]+){0,2})"
_DATED_DATELINE_RE = re.compile(
    rf"^(?:{_PLACE}(?:,\s*(?-i:[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){{0,3}}))?\s*,\s*)?"
    rf"(?:{_WEEKDAY}\s*)?(?:{_DATE})[\s,\d]*(?:\([^()\n]{{2,40}}\))?\s*(?::|[-–—]+)\s*\S",
    re.IGNORECASE,
)
STAMP_MAX_CHARS = 300  # a date stamp line, with its widgets, is never longer
_ORIGINAL_KEYWORDS = {"published", "first published", "posted", "date"}
_EARLIEST = date(1990, 1, 1)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A line that is only a date stamp; `day` is None when the line must not be trusted."""

    day: date | None
    keyword: str | None = None  # lower case: "published", "updated", ...


def parse_stamp(line: str, *, today: date | None = None) -> Stamp | None:
    """The stamp a line consists of, else None (the line is prose, a caption, a title...)."""
    if len(line) > STAMP_MAX_CHARS:
        return None  # prose; and the widget search would be quadratic on it
    line = _WIDGETS_RE.sub("", line).strip()
    if _RELATIVE_RE.match(line):
        return Stamp(None)
    for stamp_re in _STAMP_RES:
        match = stamp_re.match(line)
        if match is None:
            continue
        keyword = match["kw"].lower() if match["kw"] else None
        if _CLOCK_RE.match(match["rest"]):
            return Stamp(None, keyword)
        rest = _REST_RE.match(match["rest"])
        if rest is not None and (not rest["more"] or parse_stamp(rest["more"], today=today)):
            return Stamp(_plausible(_to_date(match), today), keyword)
    return None


def parse_dated_dateline(paragraph: str, *, today: date | None = None) -> date | None:
    """The date of a dateline that carries one ("BALI, 09 July 2022, (TON): ..."), else None."""
    match = _DATED_DATELINE_RE.match(paragraph)
    return _plausible(_to_date(match), today) if match is not None else None


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
    top: Sequence[str],
    bottom: Sequence[str] = (),
    *,
    opening: str | None = None,
    today: date | None = None,
) -> tuple[date, str] | None:
    """(date, basis) from the stamp lines above the article or a dated dateline opening its
    first paragraph (basis "dateline"), else from the stamp lines below it ("stamp").

    An explicit "Published"/"Posted" stamp beats a bare date or a dateline, which beat an
    "Updated" one; among equals the earliest date wins, since a page's crawl-time header
    ("Saturday December 21, 2024" above the headline) never precedes the publication.
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
    if opening and (day := parse_dated_dateline(opening, today=today)):
        candidates.append((1, day, "dateline"))
    if not candidates:
        return None
    _, day, basis = min(candidates, key=lambda candidate: candidate[:2])
    return day, basis
