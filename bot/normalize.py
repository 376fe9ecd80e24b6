"""The matching key of a name: one fold shared by the parser, the store and name lookups."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

_PUNCT = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'", "ʼ": "'",
        "“": '"', "”": '"', "„": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    }
)  # fmt: skip
_DROP = re.compile(r"['.]")  # "U.S." == "US", "O'Brien" == "OBrien"
_SPLIT = re.compile(r"[\W_]+")  # everything else (hyphens, commas, quotes, spaces) splits tokens


@lru_cache(maxsize=1 << 16)
def norm(name: str) -> str:
    """The matching key of a name: casefolded, no accents, punctuation unified, no leading
    'the'. Cached: the parser asks for the same few names again and again."""
    text = unicodedata.normalize("NFKD", name.translate(_PUNCT))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    tokens = _SPLIT.sub(" ", _DROP.sub("", text)).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


# Words after a surname that are no part of it ("Jr.", "III"), as `norm` leaves them.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def without_initials(key: str) -> str:
    """A name key without its middle initials: "ann b cole" -> "ann cole"."""
    tokens = key.split()
    return " ".join(t for i, t in enumerate(tokens) if len(t) > 1 or i in (0, len(tokens) - 1))


_BROKEN_HYPHEN = re.compile(r"(?<=\w)-\s+(?=[a-z])")
_INITIAL = re.compile(r"[^\W\d_]\.?")


def common_name(name: str) -> str:
    """A person's name as news commonly gives it: without middle initials ("Ann B. Cole" ->
    "Ann Cole"; a name that opens with initials keeps them all: "J. D. Cole"), a syllable
    broken off at its hyphen joined again ("Seo Jae- in" -> "Seo Jae-in")."""
    words = _BROKEN_HYPHEN.sub("-", name).split()
    if not words or _INITIAL.fullmatch(words[0]):
        return " ".join(words)
    kept = [w for i, w in enumerate(words) if i == len(words) - 1 or not _INITIAL.fullmatch(w)]
    return " ".join(kept)


TYPO_WORD_MIN = 5  # letters of the shortest word a typo may be told in ("Lifeng", "Lipeng")


def a_letter_apart(key: str, other: str) -> bool:
    """Whether two name keys differ in one word only, by one letter (a typo or another
    transliteration: "tam lipeng", "tam lifeng"), not two ("sun kemarlo" is not "sun marlo")."""
    words, other_words = key.split(), other.split()
    if len(words) != len(other_words):
        return False
    apart = [(a, b) for a, b in zip(words, other_words, strict=True) if a != b]
    if len(apart) != 1 or min(map(len, apart[0])) < TYPO_WORD_MIN:
        return False
    return Levenshtein.distance(*apart[0]) <= 1
