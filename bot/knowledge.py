"""What briefbot knows besides its articles, as data: the general files of `bot/data/` (titles,
outlets, institutions...) and the beat packs of `bot/data/beats/` (a beat's people and their
roles over time, its local bodies and places, its word lists).

The pack format (sections `persons`, `organizations`, `places`, `groups` of entries with a
`name`, `aliases` and `roles`: `title`, `keys`, `from`, `to`) is also what `briefbot kb import`
reads and `briefbot kb export` writes. Which packs are in use is configuration
(`BRIEFBOT_BEATS`): each process sets it once with `use_beats`, and the word lists read it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from bot.models import ActorKind
from bot.normalize import NAME_SUFFIXES, norm

SECTION_KINDS = {
    "persons": ActorKind.PERSON,
    "organizations": ActorKind.ORGANIZATION,
    "places": ActorKind.PLACE,
    "groups": ActorKind.GROUP,
}
_BEATS = "data/beats"


@dataclass(frozen=True, slots=True)
class Role:
    """An office held from `start` to `end` (None: open); `keys` are the words a text uses
    for it ("prime minister", "pm"), as `norm` folds them."""

    title: str
    keys: frozenset[str]
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """A known actor: canonical name, kind, the other names texts use, roles over time."""

    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    @property
    def surname(self) -> str:
        parts = [p for p in self.name.split() if norm(p) not in NAME_SUFFIXES]
        return parts[-1]

    def role_on(self, day: date | None, key: str | None = None) -> Role | None:
        """The role held on `day` (matching the title `key` when given)."""
        for role in self.roles:
            if key is not None and key not in role.keys:
                continue
            if day is None or role.held_on(day):
                return role
        return None


@dataclass(frozen=True, slots=True)
class StoreKnowledge:
    """What the store gives the parser besides the packs: the admins' aliases (alias ->
    actor), the entries taught with `/kb`, and the people it learned from articles (their
    roles dated by the first and last articles that gave them)."""

    aliases: dict[str, str] = field(default_factory=dict)
    taught: tuple[Entry, ...] = ()
    learned: tuple[Entry, ...] = ()


@cache
def read_data(name: str) -> dict[str, Any]:
    """The JSON object `bot/data/<name>.json` (read once per process; do not modify it)."""
    return json.loads(resources.files("bot").joinpath(f"data/{name}.json").read_text("utf-8"))


@cache
def shipped_beats() -> tuple[str, ...]:
    """The names of the beat packs briefbot ships (`bot/data/beats/<name>.json`)."""
    folder = resources.files("bot").joinpath(_BEATS)
    return tuple(sorted(f.name.removesuffix(".json") for f in folder.iterdir() if _is_pack(f.name)))


def _is_pack(filename: str) -> bool:
    return filename.endswith(".json") and not filename.startswith(("_", "."))


@cache
def read_beat(name: str) -> dict[str, Any]:
    """The beat pack `name` (read once per process; do not modify it)."""
    return json.loads(resources.files("bot").joinpath(f"{_BEATS}/{name}.json").read_text("utf-8"))


_active: tuple[str, ...] | None = None  # None: every shipped pack


def use_beats(beats: Iterable[str]) -> None:
    """Set the beat packs this process uses (`Settings.beats`)."""
    global _active
    _active = tuple(beats)


def active_beats() -> tuple[str, ...]:
    """The beat packs in use: those set by `use_beats`, else every shipped one."""
    return shipped_beats() if _active is None else _active


@contextmanager
def beats_in_use(beats: Iterable[str]) -> Iterator[None]:
    """Use `beats` inside the block, then what was in use before (for a run like `evaluate`)."""
    global _active
    before = _active
    use_beats(beats)
    try:
        yield
    finally:
        _active = before


def beat_entries(beats: Iterable[str]) -> list[Entry]:
    """The actors of the packs `beats`, in their order."""
    return list(_beat_entries(tuple(beats)))


@cache
def _beat_entries(beats: tuple[str, ...]) -> tuple[Entry, ...]:
    return tuple(entry for beat in beats for entry in pack_entries(read_beat(beat)))


def pack_entry(name: str) -> tuple[str, Entry] | None:
    """(pack, entry) of the first pack in use with an actor called `name` or aliased so."""
    return _pack_index(active_beats()).get(norm(name))


def pack_names() -> list[str]:
    """The names of the actors of the packs in use."""
    return sorted({entry.name for _, entry in _pack_index(active_beats()).values()})


@cache
def _pack_index(beats: tuple[str, ...]) -> dict[str, tuple[str, Entry]]:
    index: dict[str, tuple[str, Entry]] = {}
    for beat in beats:
        for entry in pack_entries(read_beat(beat)):
            for surface in (entry.name, *entry.aliases):
                index.setdefault(norm(surface), (beat, entry))
    return index


@cache
def institutions() -> tuple[Entry, ...]:
    """The world and national bodies any beat meets (`bot/data/institutions.json`)."""
    return tuple(pack_entries(read_data("institutions")))


def beat_terms(name: str) -> frozenset[str]:
    """One of the beat word lists (`beat_terms` in a pack) of the packs in use, joined."""
    return _beat_terms(name, active_beats())


@cache
def _beat_terms(name: str, beats: tuple[str, ...]) -> frozenset[str]:
    return frozenset(term for beat in beats for term in read_beat(beat)["beat_terms"].get(name, ()))


def known_words(name: str, *, casefold: bool = False) -> frozenset[str]:
    """The general list of `bot/data/<name>.json` and the lists of that name of the packs in
    use (casefolded if asked)."""
    return _known_words(name, casefold, active_beats())


@cache
def _known_words(name: str, casefold: bool, beats: tuple[str, ...]) -> frozenset[str]:
    words = [*read_data(name)[name], *_beat_terms(name, beats)]
    return frozenset(word.casefold() for word in words) if casefold else frozenset(words)


def known_outlets() -> dict[str, str]:
    """Each spelling of a known outlet, casefolded -> the outlet's canonical name: the general
    outlets, then those of the packs in use."""
    return _known_outlets(active_beats())


@cache
def _known_outlets(beats: tuple[str, ...]) -> dict[str, str]:
    outlets = dict(read_data("outlets")["outlets"])
    for beat in beats:
        outlets.update(read_beat(beat)["beat_terms"].get("outlets", {}))
    return {spelling.casefold(): name for name, forms in outlets.items() for spelling in forms}


def pack_entries(data: dict[str, Any]) -> list[Entry]:
    """The entries of a file in the pack format (sections by kind)."""
    return [
        Entry(
            name=item["name"],
            kind=kind,
            aliases=tuple(item.get("aliases", ())),
            roles=tuple(
                Role(
                    r["title"],
                    frozenset(norm(key) for key in r.get("keys", ())),
                    _day(r.get("from")),
                    _day(r.get("to")),
                )
                for r in item.get("roles", ())
            ),
        )
        for section, kind in SECTION_KINDS.items()
        for item in data.get(section, ())
    ]


def to_pack(entries: Iterable[Entry]) -> dict[str, list[dict[str, Any]]]:
    """Entries in the pack format, each section in the order given."""
    sections: dict[str, list[dict[str, Any]]] = {section: [] for section in SECTION_KINDS}
    by_kind = {kind: section for section, kind in SECTION_KINDS.items()}
    for entry in entries:
        item: dict[str, Any] = {"name": entry.name, "aliases": list(entry.aliases)}
        if entry.roles:
            item["roles"] = [
                {
                    "title": role.title,
                    "keys": sorted(role.keys),
                    "from": role.start.isoformat() if role.start else None,
                    "to": role.end.isoformat() if role.end else None,
                }
                for role in entry.roles
            ]
        sections[by_kind[entry.kind]].append(item)
    return {section: items for section, items in sections.items() if items}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
