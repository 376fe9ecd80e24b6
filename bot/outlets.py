"""Who publishes the news, as opposed to who is in it: the known outlets and news agencies
(`bot/data/outlets.json` and those of the beat packs in use), and a story's own outlet."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from bot.knowledge import active_beats, known_outlets
from bot.normalize import norm

# Last words that make a name a news organisation's: Yonhap News Agency, Fox News
NEWS_ENDINGS = ("news agency", "press agency", "news service", "news")
# Words an outlet adds to its own name: Rudaw English, Kurdistan 24 TV
OUTLET_WORDS = frozenset(
    "news agency press service tv television radio english media network".split()
)


def _spellings() -> dict[str, frozenset[str]]:
    """Each matching key (`norm`) of a known outlet's spelling -> the keys of all its spellings."""
    return _spellings_of(active_beats())


@cache
def _spellings_of(beats: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """`_spellings` for the packs `beats` (the cache key; `known_outlets` reads the same)."""
    by_outlet: defaultdict[str, set[str]] = defaultdict(set)
    for spelling, canonical in known_outlets().items():
        by_outlet[canonical].update({norm(spelling), norm(canonical)})
    found: dict[str, frozenset[str]] = {}
    for keys in by_outlet.values():
        kept = frozenset(keys - {""})
        found.update(dict.fromkeys(kept, kept))
    return found


def is_outlet(name: str, source: str | None = None) -> bool:
    """Whether the actor `name` is a news outlet or agency rather than someone in the story:
    a known outlet, a name ending like a news organisation's, or the article's own `source`
    under any spelling, with outlet words after it ("Yonhap News Agency" for Yonhap)."""
    key = norm(name)
    if not key:
        return False
    if key in _spellings() or any(key == end or key.endswith(" " + end) for end in NEWS_ENDINGS):
        return True
    own = norm(source or "")
    if not own:
        return False
    for spelling in _spellings().get(own, frozenset({own})):
        if key == spelling or (
            key.startswith(spelling + " ") and OUTLET_WORDS.issuperset(key[len(spelling) :].split())
        ):
            return True
    return False
