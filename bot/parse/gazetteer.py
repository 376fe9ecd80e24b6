"""The beat's knowledge base: canonical actors, their aliases and their roles over time, and
the data files of `bot/data/` (general word lists and the beat's own, `beat_terms`)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from bot.models import ActorKind
from bot.normalize import norm

_SECTION_KINDS = {
    "persons": ActorKind.PERSON,
    "organizations": ActorKind.ORGANIZATION,
    "places": ActorKind.PLACE,
    "groups": ActorKind.GROUP,
}


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    keys: frozenset[str]
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    kind: ActorKind
    aliases: tuple[str, ...]
    roles: tuple[Role, ...] = ()

    @property
    def surname(self) -> str:
        parts = [p for p in self.name.split() if p.rstrip(".").lower() not in {"jr", "iv", "iii"}]
        return parts[-1]

    def role_on(self, day: date | None, key: str | None = None) -> Role | None:
        """The role held on `day` (matching the title `key` when given)."""
        for role in self.roles:
            if key is not None and key not in role.keys:
                continue
            if day is None or role.held_on(day):
                return role
        return None


def _parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@cache
def read_data(name: str) -> dict[str, Any]:
    """The JSON object `bot/data/<name>.json` (read once per process; do not modify it)."""
    return json.loads(resources.files("bot").joinpath(f"data/{name}.json").read_text("utf-8"))


def beat_terms(name: str) -> Any:
    """One of the beat's own word lists (`beat_terms` in gazetteer.json), e.g. its outlets."""
    return read_data("gazetteer")["beat_terms"][name]


def known_words(name: str) -> list[str]:
    """The general list of `bot/data/<name>.json`, then the beat's own list of that name."""
    return [*read_data(name)[name], *beat_terms(name)]


def known_outlets() -> dict[str, list[str]]:
    """Canonical outlet name -> its spellings: the general outlets, then the beat's."""
    return {**read_data("outlets")["outlets"], **beat_terms("outlets")}


def _entries(data: dict[str, Any]) -> list[Entry]:
    """The entries of one data file in the gazetteer's format (sections by kind)."""
    return [
        Entry(
            name=item["name"],
            kind=kind,
            aliases=tuple(item.get("aliases", ())),
            roles=tuple(
                Role(
                    r["title"],
                    frozenset(norm(key) for key in r["keys"]),
                    _parse_day(r["from"]),
                    _parse_day(r["to"]),
                )
                for r in item.get("roles", ())
            ),
        )
        for section, kind in _SECTION_KINDS.items()
        for item in data.get(section, ())
    ]


class Gazetteer:
    """Lookups over the curated entries plus the aliases admins added to the store."""

    def __init__(self, entries: list[Entry], extra_aliases: dict[str, str] | None = None) -> None:
        self.entries = entries
        self._by_key: dict[str, Entry] = {}
        self._by_surname: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            for surface in (entry.name, *entry.aliases):
                self._by_key.setdefault(norm(surface), entry)
            if entry.kind is ActorKind.PERSON:
                self._by_surname[norm(entry.surname)].append(entry)
        self._renames = {norm(alias): name for alias, name in (extra_aliases or {}).items()}

    @classmethod
    def load(cls, extra_aliases: dict[str, str] | None = None) -> Gazetteer:
        """The beat's entries (`bot/data/gazetteer.json`), then the institutions any beat
        meets (`bot/data/institutions.json`); the beat's entry wins a shared name."""
        entries = [*_entries(read_data("gazetteer")), *_entries(read_data("institutions"))]
        return cls(entries, extra_aliases)

    def with_aliases(self, extra_aliases: dict[str, str]) -> Gazetteer:
        """The same entries with another set of admin aliases."""
        return Gazetteer(self.entries, extra_aliases)

    def lookup(self, text: str) -> Entry | None:
        return self._by_key.get(norm(self.rename(text)))

    def rename(self, name: str) -> str:
        """The canonical name an admin's alias gives `name`, else `name` itself."""
        return self._renames.get(norm(name), name)

    def persons_named(self, surname: str) -> list[Entry]:
        return self._by_surname.get(norm(surname), [])

    def holder(self, surname: str, title_key: str | None, day: date | None) -> Entry | None:
        """The one person of that surname whose role fits the title and the date, if unique."""
        candidates = self.persons_named(surname)
        if len(candidates) == 1:
            return candidates[0]
        if title_key is None and day is None:
            return None
        fitting = [c for c in candidates if c.role_on(day, title_key)]
        return fitting[0] if len(fitting) == 1 else None
