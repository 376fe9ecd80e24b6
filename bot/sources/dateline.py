"""Datelines ("ERBIL, Kurdistan Region -", "ERBIL (Kurdistan 24) –") and the outlet a text names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge import known_outlets, known_words

_DASH = r"\s*[-–—]+\s+"
# Upper-case words that open sentences without being a dateline city: labels ("UPDATE: ...",
# "BREAKING - ..."), besides the acronyms known not to be places (`known_words("non_places")`).
_LABELS = frozenset(
    {"UPDATE", "UPDATED", "BREAKING", "BREAKING NEWS", "EXCLUSIVE", "ANALYSIS", "OPINION"}
    | {"CORRECTION", "LIVE", "WATCH", "VIDEO", "PHOTOS", "NOTE", "EDITOR'S NOTE", "READ MORE"}
)
_PLACE = r"(?P<place>[A-Z][A-Za-z'’.]+(?:[ -][A-Z][A-Za-z'’.]+){0,2})"
_REGION = r"(?P<region>[A-Z][A-Za-z]+(?:,?\s+(?:of\s+|the\s+)*[A-Z][A-Za-z]+){0,4})"
_CREDIT = r"\((?P<credit>[^()\n]{2,40})\)"
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April"
    r"|June|July|August|September|October|November|December"
)
# The date a dateline may carry: "Nov. 16", "09 July 2022", "May 10, 2025".
_DAY = rf"(?P<date>(?:(?:{_MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTH}))(?:,?\s+\d{{4}})?)"
# "ERBIL, Kurdistan Region (Kurdistan24) – ", "Erbil, Kurdistan Region — ", "ERBIL (AP) — ",
# with a date "SEOUL, July 8 — ", and before a colon after a date or an upper-case city:
# "BALI, 09 July 2022, (TON): ", "PALM BEACH, United States: ".
_DATELINE_RE = re.compile(
    rf"^{_PLACE}(?:,\s*{_REGION})?(?:,\s*{_DAY},?)?\s*(?:{_CREDIT})?(?:{_DASH}|\s*(?P<colon>:)\s+)"
)
# A dateline of a date alone: "May 11, 2023 (EIRNS)—", "March 3, 2021: ".
_DATE_ONLY_RE = re.compile(rf"^{_DAY}[\s,\d]*(?:{_CREDIT})?\s*(?:[-–—]+|:)\s*(?=\S)")
# "Shafaq News/ " or "Shafaq News / " opening the first paragraph.
_OUTLET_PREFIX_RE = re.compile(r"^(?P<outlet>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,3})\s?/\s")
_BYLINE_RE = re.compile(r"^[Bb]y\s+(?P<name>.+)$")
# Site boilerplate that names its outlet, e.g. Rudaw's comment policy.
_SIGNATURE_RE = re.compile(
    r"^(?P<outlet>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,3}) moderates (?:all )?comments"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """What an opening dateline says; `end` is where the article sentence starts."""

    place: str | None
    outlet: str | None
    end: int


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening `paragraph`, else None. An upper-case city alone needs no region."""
    match = _DATELINE_RE.match(paragraph)
    if match is not None:
        place, region, credit = match["place"], match["region"], match["credit"]
        city = place.isupper() and place not in _LABELS and place not in known_words("non_places")
        if (city or region or credit or match["date"]) and (
            not match["colon"] or city or match["date"]
        ):
            return Dateline(_title_case(place), _outlet_of(credit), match.end())
    match = _DATE_ONLY_RE.match(paragraph)
    if match is not None:
        return Dateline(None, _outlet_of(match["credit"]), match.end())
    prefix = _OUTLET_PREFIX_RE.match(paragraph)
    if prefix is not None and (outlet := canonical_outlet(prefix["outlet"])):
        return Dateline(None, outlet, prefix.end())
    return None


def canonical_outlet(name: str | None) -> str | None:
    """The canonical name of a known outlet spelling ("Kurdistan24" -> "Kurdistan 24")."""
    if not name:
        return None
    return known_outlets().get(name.strip().casefold())


def find_outlet(lines: Sequence[str], *, head: int = 8) -> str | None:
    """The outlet named by a dateline, a credit or a masthead line near the top, else by site
    boilerplate such as a comment policy. Outlets merely quoted in sentences do not count."""
    for line in [line for line in lines if line.strip()][:head]:
        dateline = parse_dateline(line)
        if dateline is not None and dateline.outlet:
            return dateline.outlet
        credit = _BYLINE_RE.match(line)
        if outlet := canonical_outlet(credit["name"] if credit else line):
            return outlet
    for line in lines:
        signature = _SIGNATURE_RE.match(line)
        if signature is not None and (outlet := canonical_outlet(signature["outlet"])):
            return outlet
    return None


def find_dateline(paragraphs: Sequence[str], *, within: int = 3) -> Dateline | None:
    """The first dateline opening one of the first `within` paragraphs."""
    for paragraph in paragraphs[:within]:
        dateline = parse_dateline(paragraph)
        if dateline is not None:
            return dateline
    return None


def _outlet_of(credit: str | None) -> str | None:
    """The outlet a dateline's credit names, known or kept as written."""
    return (canonical_outlet(credit) or _credit_name(credit)) if credit else None


def _credit_name(credit: str) -> str | None:
    """An unknown credit kept as the outlet when it looks like a name, not a remark."""
    credit = credit.strip()
    words = credit.split()
    if 1 <= len(words) <= 4 and all(word[:1].isupper() or word[:1].isdigit() for word in words):
        return credit
    return None


def _title_case(place: str) -> str:
    """ "ERBIL" -> "Erbil", "NEW YORK" -> "New York"; mixed case is kept."""
    if not place.isupper():
        return place
    return re.sub(r"[A-Za-z]+", lambda word: word[0].capitalize(), place.lower())
