"""The parser's lookups over what briefbot knows: the actors of the beat packs in use and the
institutions any beat meets (`bot.knowledge`), what admins taught (`/kb`, `/store alias`), and
the people the store learned from its articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from bot.calendar import MONTH_NAMES
from bot.knowledge import (
    Entry,
    StoreKnowledge,
    active_beats,
    beat_entries,
    institutions,
)
from bot.models import ActorKind
from bot.normalize import NAME_SUFFIXES, norm, without_initials

MAX_NAMESAKES = 3  # learned people sharing a bare name whose articles an ingest re-reads


class Gazetteer:
    """Lookups over the known entries (taught, then the packs', then the institutions; one name
    is one entry), the people the store learned, and the admins' aliases."""

    def __init__(self, base: list[Entry], knowledge: StoreKnowledge | None = None) -> None:
        self.base = base
        self.knowledge = knowledge or StoreKnowledge()
        self.entries = merge_entries([*self.knowledge.taught, *base])
        self._by_key: dict[str, Entry] = {}
        self._by_surname: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for surface in (entry.name, *entry.aliases):
                self._by_key.setdefault(norm(surface), entry)
            if entry.kind is ActorKind.PERSON:
                self._by_surname[norm(entry.surname)].append(entry)
        self.learned = [e for e in self.knowledge.learned if norm(e.name) not in self._by_key]
        self._learned_by_short: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.learned:
            for surface in (entry.name, *entry.aliases):
                self._by_key.setdefault(norm(surface), entry)
            for short in short_forms(entry.name):
                self._learned_by_short[short].append(entry)
        self._reversed = {
            key: entry for entry in self.people() if (key := _reversed(entry.name)) is not None
        }
        self._renames = {norm(alias): name for alias, name in self.knowledge.aliases.items()}

    @classmethod
    def load(
        cls, beats: Iterable[str] | None = None, knowledge: StoreKnowledge | None = None
    ) -> Gazetteer:
        """The entries of the packs `beats` (None: those in use), then the institutions any
        beat meets; a pack's entry wins a shared name, and what the store taught wins both."""
        beats = active_beats() if beats is None else beats
        return cls([*beat_entries(beats), *institutions()], knowledge)

    def with_knowledge(self, knowledge: StoreKnowledge) -> Gazetteer:
        """The same packs with another state of the store's knowledge."""
        return Gazetteer(self.base, knowledge)

    def people(self) -> list[Entry]:
        """Every known person: the entries', then those the store learned."""
        return [e for e in self.entries if e.kind is ActorKind.PERSON] + self.learned

    def month_surnames(self) -> frozenset[str]:
        """Month names that known people bear as surnames ("May")."""
        return frozenset(last for e in self.people() if (last := e.name.split()[-1]) in MONTH_NAMES)

    def learned_owners(self) -> dict[str, set[str]]:
        """Short form (or other spelling, or the name in the other order) -> the learned
        people it can mean; short forms a known person's surname takes are theirs."""
        owners: dict[str, set[str]] = defaultdict(set)
        for entry in self.learned:
            spellings = short_forms(entry.name) | {norm(alias) for alias in entry.aliases}
            if (other_order := _reversed(entry.name)) is not None:
                spellings.add(other_order)
            for short in spellings - self._by_surname.keys():
                owners[short].add(entry.name)
        return owners

    def lookup(self, text: str) -> Entry | None:
        """The entry named `text` (or a known person's name in the other order, or without
        its middle initials: "Hoshino Taro", "Ann B. Cole")."""
        key = norm(self.rename(text))
        found = self._by_key.get(key) or self._reversed.get(key)
        if found is None and (plain := without_initials(key)) != key:
            found = self._by_key.get(plain)
            return found if found is not None and found.kind is ActorKind.PERSON else None
        return found

    def rename(self, name: str) -> str:
        """The canonical name an admin's alias gives `name`, else `name` itself."""
        return self._renames.get(norm(name), name)

    def persons_named(self, surname: str) -> list[Entry]:
        return self._by_surname.get(norm(surname), [])

    def holder(self, surname: str, title_key: str | None, day: date | None) -> Entry | None:
        """The one person of that surname whose role fits the title and the date, if unique;
        among the people the store learned when no entry has that surname."""
        candidates = self.persons_named(surname)
        if not candidates:
            return self._learned_holder(surname, title_key, day)
        if len(candidates) == 1:
            return candidates[0]
        if title_key is None and day is None:
            return None
        fitting = [c for c in candidates if c.role_on(day, title_key)]
        return fitting[0] if len(fitting) == 1 else None

    def _learned_holder(self, short: str, title_key: str | None, day: date | None) -> Entry | None:
        """The learned person `short` (a surname or a given name) stands for: the only one,
        else the only one seen with that title, else the one seen with it nearest `day`."""
        candidates = self._learned_by_short.get(norm(short), [])
        if len(candidates) > 1 and title_key is not None:
            candidates = [c for c in candidates if any(title_key in r.keys for r in c.roles)]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates or day is None:
            return None
        ranked = sorted((_distance(c, title_key, day), i) for i, c in enumerate(candidates))
        (best, first), (second, _) = ranked[0], ranked[1]
        return candidates[first] if best < second else None


def newly_resolved_names(before: Gazetteer, after: Gazetteer) -> list[str]:
    """The keys of bare names ("støre") and other spellings ("donald j trump", "kishida
    fumio") whose learned owners changed from `before` to `after`, at most a few namesakes
    (a title or the date tells those apart): the mentions a re-parse may now resolve."""
    old, new = before.learned_owners(), after.learned_owners()
    return sorted(
        short
        for short, names in new.items()
        if len(names) <= MAX_NAMESAKES and names != old.get(short)
    )


def merge_entries(entries: Iterable[Entry]) -> list[Entry]:
    """One entry per name: a later entry of the same name adds its aliases and roles to the
    first one's (which keeps its spelling and kind)."""
    merged: dict[str, Entry] = {}
    for entry in entries:
        key = norm(entry.name)
        first = merged.get(key)
        if first is None:
            merged[key] = entry
            continue
        aliases = tuple(dict.fromkeys((*first.aliases, *entry.aliases)))
        roles = tuple(dict.fromkeys((*first.roles, *entry.roles)))
        merged[key] = Entry(first.name, first.kind, aliases, roles)
    return list(merged.values())


def short_forms(name: str) -> set[str]:
    """The keys of the words a person's full name may be cut to in another article: its first
    and its last ("Han" of "Han Min-jun", "Støre" of "Jonas Gahr Støre")."""
    parts = [p for p in norm(name).split() if p not in NAME_SUFFIXES]
    return {parts[0], parts[-1]} if len(parts) >= 2 else set()


def _reversed(name: str) -> str | None:
    """The key of a two-word name in the other order ("Hoshino Taro" for "Taro Hoshino")."""
    parts = name.split()
    return norm(f"{parts[1]} {parts[0]}") if len(parts) == 2 else None


def _distance(entry: Entry, title_key: str | None, day: date) -> int:
    """Days between `day` and the nearest stretch the person was seen in a role (with that
    title when given); a person seen in no such role is furthest."""
    days = [
        0 if role.held_on(day) else min(abs((day - d).days) for d in (role.start, role.end) if d)
        for role in entry.roles
        if (title_key is None or title_key in role.keys) and (role.start or role.end)
    ]
    return min(days, default=10**6)
