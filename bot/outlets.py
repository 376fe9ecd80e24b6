"""Who publishes the news, as opposed to who is in it: the known outlets and news agencies
(`bot/data/outlets.json` and the beat's own in gazetteer.json), and a story's own outlet."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from bot.normalize import norm

# Last words that make a name a news organisation's: Yonhap News Agency, Fox News
NEWS_ENDINGS = ("news agency", "press agency", "news service", "news")
# Words an outlet adds to its own name: Rudaw English, Kurdistan 24 TV
OUTLET_WORDS = frozenset(
    "news agency press service tv television radio english media network".split()
)


def _data(name: str) -> dict:
    return json.loads(resources.files("bot").joinpath(f"data/{name}.json").read_text("utf-8"))


@cache
def _spellings() -> dict[str, frozenset[str]]:
    """Each matching key (`norm`) of a known outlet's spelling -> the keys of all its spellings."""
    outlets = {**_data("outlets")["outlets"], **_data("gazetteer")["beat_terms"]["outlets"]}
    found: dict[str, frozenset[str]] = {}
    for canonical, spellings in outlets.items():
        keys = frozenset(norm(name) for name in [canonical, *spellings]) - {""}
        found.update(dict.fromkeys(keys, keys))
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
