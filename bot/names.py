"""Forgiving actor names: resolving (exact, alias, token prefix, fuzzy), autocomplete.

Matching runs on an in-memory index of the store's name directory, rebuilt when the store
has been written to since (see `Store.generation`).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from bot.errors import BadQuery, NotFound, echo
from bot.normalize import norm

if TYPE_CHECKING:
    from storage.rows import ActorEntry, Directory
    from storage.store import Store

FUZZY_CUTOFF = 85  # rapidfuzz score a typo'd name must reach to count as a match
FUZZY_TIE = 5  # fuzzy candidates this close to the best are listed as alternatives
SUGGEST_CUTOFF = 60
SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class Match:
    """A resolved actor; `also` lists other actors the name could mean, most mentioned first."""

    actor: ActorEntry
    also: list[str]
    how: str  # "exact", "alias", "prefix" or "fuzzy"


class NameIndex:
    """Lookup structures over one snapshot of the store's name directory."""

    def __init__(self, directory: Directory) -> None:
        self.actors = directory.actors  # most mentioned first: list position is the rank
        position = {actor.id: i for i, actor in enumerate(self.actors)}
        self.by_name = {actor.name: i for i, actor in enumerate(self.actors)}
        self.by_norm: dict[str, list[int]] = {}
        for i, actor in enumerate(self.actors):
            self.by_norm.setdefault(actor.norm, []).append(i)
        self.by_alias = {a.alias_norm: position[a.actor_id] for a in directory.aliases}
        keys = [(actor.norm, i) for i, actor in enumerate(self.actors)]
        keys += list(self.by_alias.items())
        self.full_keys = [key for key, _ in keys]
        self.full_owner = [owner for _, owner in keys]
        self.tokens = sorted({(token, owner) for key, owner in keys for token in key.split()})
        self.token_keys = [token for token, _ in self.tokens]

    def prefix_matches(self, query: str) -> list[int]:
        """Actors having, for every token of `query`, a token starting with it; best first."""
        whole: dict[int, int] = {}
        found: set[int] | None = None
        for part in query.split():
            owners: set[int] = set()
            for i in range(bisect_left(self.token_keys, part), len(self.tokens)):
                token, owner = self.tokens[i]
                if not token.startswith(part):
                    break
                owners.add(owner)
                if token == part:
                    whole[owner] = whole.get(owner, 0) + 1
            found = owners if found is None else found & owners
            if not found:
                return []
        return sorted(found or (), key=lambda i: (-whole.get(i, 0), i))

    def fuzzy_scores(self, query: str, cutoff: float) -> dict[int, float]:
        """Best fuzzy score per actor at or above `cutoff`, over names, aliases and their tokens."""
        from rapidfuzz import fuzz, process  # here: a CLI query of an exact name skips 20 ms

        scores: dict[int, float] = {}

        def keep(owner: int, score: float) -> None:
            scores[owner] = max(score, scores.get(owner, 0.0))

        for _, score, at in process.extract(
            query, self.full_keys, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff, limit=50
        ):
            keep(self.full_owner[at], score)
        if " " not in query:  # "blinkin" against each token: "blinken"
            for _, score, at in process.extract(
                query, self.token_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=50
            ):
                keep(self.tokens[at][1], score)
        return scores

    def suggestions(self, query: str, exclude: int | None = None) -> list[str]:
        """Up to five names resembling `query`, for a NotFound."""
        from rapidfuzz import fuzz, process

        hits = process.extract(
            query, self.full_keys, scorer=fuzz.WRatio, score_cutoff=SUGGEST_CUTOFF, limit=30
        )
        names: list[str] = []
        for _, _, at in hits:
            owner = self.full_owner[at]
            name = self.actors[owner].name
            if owner != exclude and name not in names:
                names.append(name)
        return names[:SUGGESTIONS]

    def match(self, owners: list[int], how: str) -> Match:
        """The first of `owners` with the rest as alternatives."""
        best, *rest = owners
        return Match(self.actors[best], [self.actors[i].name for i in rest], how)


_indexes: WeakKeyDictionary[Store, tuple[int, NameIndex]] = WeakKeyDictionary()


async def name_index(store: Store) -> NameIndex:
    """The store's name index, rebuilt only after the store was written to."""
    cached = _indexes.get(store)
    if cached and cached[0] == store.generation:
        return cached[1]
    generation = store.generation
    index = NameIndex(await store.actor_directory())
    _indexes[store] = (generation, index)
    return index


async def resolve_actor(store: Store, name: str) -> Match:
    """The actor a user most likely means by `name`; NotFound with suggestions if none."""
    query = norm(name)
    if not query:
        raise BadQuery("Give an actor name.")
    index = await name_index(store)
    if name.strip() in index.by_name:
        return index.match([index.by_name[name.strip()]], "exact")
    if query in index.by_norm:
        return index.match(index.by_norm[query], "exact")
    if query in index.by_alias:
        return index.match([index.by_alias[query]], "alias")
    if owners := index.prefix_matches(query):
        return index.match(owners, "prefix")
    if scores := index.fuzzy_scores(query, FUZZY_CUTOFF):
        best = max(scores.values())
        close = [i for i, score in scores.items() if score >= best - FUZZY_TIE]
        close.sort(key=lambda i: (-scores[i], i))
        return index.match(close, "fuzzy")
    raise NotFound(f"No actor called '{echo(name)}'.", suggestions=index.suggestions(query))


async def complete_actors(store: Store, prefix: str, limit: int = 25) -> list[str]:
    """Names for autocomplete: token-prefix matches (most mentioned first), then fuzzy ones."""
    index = await name_index(store)
    query = norm(prefix)
    if not query:
        return [actor.name for actor in index.actors[:limit]]
    owners = index.prefix_matches(query)
    owners.sort(key=lambda i: (not index.actors[i].norm.startswith(query), i))
    if len(owners) < limit:
        scores = index.fuzzy_scores(query, SUGGEST_CUTOFF + 10)
        owners += sorted(set(scores) - set(owners), key=lambda i: (-scores[i], i))
    return [index.actors[i].name for i in owners[:limit]]
