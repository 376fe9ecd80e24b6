"""Government bodies named by pattern: countries, their capitals and demonyms, and ministries.

A ministry gets one canonical form whatever the article's wording, "Ministry of <portfolio> of
<country>": "China's Foreign Ministry", "Chinese Ministry of Foreign Affairs" and "the Foreign
Ministry of China" are all "Ministry of Foreign Affairs of China". A ministry whose country the
text does not give ("the Foreign Ministry") is left unnamed: the country is a guess.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from bot.knowledge import read_data
from bot.normalize import norm

_DATA = read_data("countries")
_PORTFOLIOS: dict[str, str] = _DATA["ministry_portfolios"]
_OWN_NAMES: dict[str, dict[str, str]] = _DATA["ministry_names"]
_POSSESSIVES = {"'s", "’s", "'", "’"}
_LINKS = {"of", "the", "and", "for"}
_ARTICLES = {"the", "a", "an"}


def _index(*fields: str) -> dict[str, str]:
    """Normalised surface -> canonical country, over the given fields of each country."""
    found: dict[str, str] = {}
    for country in _DATA["countries"]:
        for surface in [country["name"]] * ("name" in fields) + [
            s for f in fields if f != "name" for s in country[f]
        ]:
            found.setdefault(norm(surface), country["name"])
    return found


COUNTRY_NAMES = _index("name", "aliases")  # "dprk" -> "North Korea"
CAPITALS = _index("capitals")  # "seoul" -> "South Korea"
_QUALIFIERS = _index("name", "aliases", "demonyms", "capitals")  # what names a body's country


GIVEN_NAME_FIRST = frozenset(_DATA["given_name_first"])
# A state's formal name: "the Federal Democratic Republic of Ethiopia", "the State of Qatar".
_FORMAL_NAME_RE = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}(?:Republic|Kingdom|Federation|State|Sultanate"
    r"|Emirate|Commonwealth|Principality|Confederation)\s+of\s+(?:the\s+)?(?P<country>.+)$"
)


def country_of(text: str) -> str | None:
    """The country a name names, however written: "U.S.", "America", "the Federal Democratic
    Republic of Ethiopia"."""
    country = COUNTRY_NAMES.get(norm(_strip_possessive(text)))
    match = None if country else _FORMAL_NAME_RE.match(text)
    return COUNTRY_NAMES.get(norm(match["country"])) if match else country


def names_given_name_first(title: str) -> bool:
    """Whether a title's words name a country whose people English news names given name
    first ("Japanese Prime Minister")."""
    words = norm(title).split()
    return any(_QUALIFIERS.get(word) in GIVEN_NAME_FIRST for word in words)


def names_a_country_or_capital(text: str) -> bool:
    return country_of(text) is not None or norm(_strip_possessive(text)) in CAPITALS


def ministry_name(ent: Span) -> str | None:
    """ "China's Foreign Ministry" -> "Ministry of Foreign Affairs of China"; None when the
    entity is no ministry or its country is not given next to it."""
    words = [t.text for t in ent if t.lower_ not in _ARTICLES and t.text not in _POSSESSIVES]
    lowered = [w.lower() for w in words]
    if "ministry" not in lowered:
        return None
    at = lowered.index("ministry")
    before, after = words[:at], words[at + 1 :]
    portfolio, country = _portfolio_and_country(before, after)
    country = country or country_before(ent) or _country_after(ent)
    if not portfolio or not country:
        return None
    portfolio = _OWN_NAMES.get(country, {}).get(portfolio, portfolio)
    return f"Ministry of {portfolio} of {country}"


def _portfolio_and_country(before: list[str], after: list[str]) -> tuple[str | None, str | None]:
    """Split "South Korean Foreign" + "Ministry" or "Ministry" + "of Commerce of China"."""
    country = None
    if after and after[0].lower() == "of" and country_named(_join(after[1:])):
        after, country = [], country_named(_join(after[1:]))  # "the Foreign Ministry of Japan"
    if after and after[0].lower() == "of":
        rest = after[1:]
        cut = next((i for i, w in enumerate(rest) if w.lower() == "of"), len(rest))
        portfolio_words, tail = rest[:cut], rest[cut + 1 :]
        country = country_named(_join(tail))
        prefix = _longest_country(before)
        if prefix is None and before:
            return None, None  # "Budget Ministry of ..." : not the pattern
        country = country or prefix
        portfolio = " ".join(portfolio_words)
    elif after:
        return None, None
    else:
        prefix_len, prefix = _leading_country(before)
        country = country or prefix
        portfolio = " ".join(before[prefix_len:])
        portfolio = _PORTFOLIOS.get(norm(portfolio), portfolio)
    if not portfolio or not all(w[:1].isupper() or w.lower() in _LINKS for w in portfolio.split()):
        return None, country
    return portfolio, country


def _join(words: list[str]) -> str:
    return " ".join(w for w in words if w.lower() != "the")


def _leading_country(words: list[str]) -> tuple[int, str | None]:
    """The longest run of leading words naming a country ("South Korean", "China's")."""
    for end in range(len(words), 0, -1):
        country = country_named(" ".join(words[:end]))
        if country:
            return end, country
    return 0, None


def _longest_country(words: list[str]) -> str | None:
    count, country = _leading_country(words)
    return country if count == len(words) else None


def names_a_country(word: str) -> bool:
    """Whether a word names a country, its people or its capital ("Indian", "Seoul")."""
    return country_named(word) is not None


def country_named(text: str) -> str | None:
    """The country a word or phrase names, by name, people or capital ("Chinese" -> China)."""
    return _QUALIFIERS.get(norm(_strip_possessive(text))) if text else None


def _strip_possessive(text: str) -> str:
    for mark in ("'s", "’s", "'", "’"):
        if text.endswith(mark):
            return text[: -len(mark)]
    return text


def country_before(ent: Span) -> str | None:
    """A possessive country just before a name: "South Korea's" + "Unification Ministry",
    "Peru's" + "Ana Costa"."""
    doc = ent.doc
    i = ent.start
    if i == 0 or doc[i - 1].text not in _POSSESSIVES:
        return None
    j = i - 1
    while j > 0 and doc[j - 1].text[:1].isupper() and i - j < 4:
        j -= 1
        country = country_named(doc[j : i - 1].text)
        if country:
            return country
    return None


def _country_after(ent: Span) -> str | None:
    """ "Foreign Ministry" + "of China" right after the entity, or "Ministry of Foreign Affairs
    of" + "the Islamic Republic of Iran" when the model cut the name after "of"."""
    doc = ent.doc
    end = ent.end
    if ent[-1].lower_ == "of":
        start = end
    elif end + 1 < len(doc) and doc[end].lower_ == "of":
        start = end + 1
    else:
        return None
    start += start < len(doc) and doc[start].lower_ == "the"
    for stop in range(min(start + 6, len(doc)), start, -1):
        country = country_named(doc[start:stop].text)
        if country:
            return country
    return None
