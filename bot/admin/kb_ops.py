"""Admin operations on the knowledge base (`/kb`, `briefbot kb`): teach the parser an actor,
its other names and its roles; show what it knows of a name; import and export entries in the
beat packs' format. Each returns plain data for the renderers, or raises a BriefbotError.

What is taught is stored, merged with the packs in use when parsing, and the articles it may
change are re-parsed with `store_ops.reparse`."""

from __future__ import annotations

from datetime import date
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any

from bot.answers import KnowledgeAdded, KnowledgeImported, KnownActor
from bot.errors import BadQuery, NotFound
from bot.knowledge import SECTION_KINDS, Entry, Role, pack_entries, pack_entry, pack_names, to_pack
from bot.models import ActorKind
from bot.normalize import norm
from bot.roles import role_keys

if TYPE_CHECKING:
    from storage.store import Store

SUGGESTIONS = 5


async def add(
    store: Store,
    name: str,
    *,
    kind: str | None = None,
    role: str | None = None,
    since: date | None = None,
    until: date | None = None,
    aliases: list[str] | None = None,
) -> KnowledgeAdded:
    """Teach an actor (kind: as known, else a person), other names for it, and a role it
    holds from `since` to `until` (open when not given); find the articles to re-parse."""
    name = name.strip()
    if not name:
        raise BadQuery("Give a name.")
    if role is None and (since or until):
        raise BadQuery("Give the role that starts or ends then.")
    if since and until and since > until:
        raise BadQuery(f"The role cannot end ({until}) before it starts ({since}).")
    known = await store.taught_entry(name)
    if known is None and (found := pack_entry(name)) is not None:
        known = found[1]
    actor_kind = _kind(kind) if kind else (known.kind if known else ActorKind.PERSON)
    roles = (Role(role.strip(), role_keys(role), since, until),) if role and role.strip() else ()
    names = [a.strip() for a in aliases or () if a.strip()]
    taught = await store.teach(Entry(name, actor_kind, tuple(names), roles))
    article_ids = await _articles_about([taught.entry], store)
    return KnowledgeAdded(taught.entry, taught.created, article_ids)


async def show(store: Store, name: str) -> KnownActor:
    """What the parser knows of `name`: the server's teaching and the packs' entry, merged."""
    taught = await store.taught_entry(name)
    packed = pack_entry(name)
    if taught is None and packed is None:
        known = [*await store.taught_names(), *pack_names()]
        close = get_close_matches(name, known, n=SUGGESTIONS, cutoff=0.6)
        raise NotFound(f"Nothing is known about '{name.strip()}'.", close)
    entries = [e for e in (taught, packed[1] if packed else None) if e is not None]
    first = entries[0]
    return KnownActor(
        name=first.name,
        kind=str(first.kind),
        aliases=list(dict.fromkeys(a for e in entries for a in (e.name, *e.aliases)))[1:],
        roles=sorted(
            dict.fromkeys(r for e in entries for r in e.roles), key=lambda r: r.start or date.min
        ),
        sources=(["taught"] if taught else []) + ([f"pack {packed[0]}"] if packed else []),
    )


async def names_like(store: Store, current: str, limit: int) -> list[str]:
    """Known names (taught, then the packs') starting with `current`, then holding it."""
    key = norm(current)
    names = list(dict.fromkeys([*await store.taught_names(), *pack_names()]))
    starting = [n for n in names if norm(n).startswith(key)]
    holding = [n for n in names if key in norm(n) and n not in starting]
    return (starting + holding)[:limit]


async def import_entries(store: Store, data: Any) -> KnowledgeImported:
    """Teach every entry of `data`, an object in the packs' format (its word lists are not
    read); find the articles to re-parse."""
    if not isinstance(data, dict) or not any(section in data for section in SECTION_KINDS):
        sections = ", ".join(SECTION_KINDS)
        raise BadQuery(f"A knowledge file is a JSON object with one of: {sections}.")
    try:
        entries = [_with_keys(entry) for entry in pack_entries(data)]
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise BadQuery(f"Not an entry of the packs' format: {error}.") from None
    created = 0
    taught = []
    for entry in entries:
        result = await store.teach(entry)
        created += result.created
        taught.append(result.entry)
    return KnowledgeImported(len(entries), created, await _articles_about(taught, store))


async def export_entries(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Everything the server taught, in the packs' format."""
    return to_pack(await store.taught_entries())


def _kind(kind: str) -> ActorKind:
    try:
        return ActorKind(kind.strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in ActorKind)
        raise BadQuery(f"A kind is one of {kinds}, not '{kind}'.") from None


def _with_keys(entry: Entry) -> Entry:
    """The entry with the words texts use for each role where the file gave none."""
    roles = tuple(
        role if role.keys else Role(role.title, role_keys(role.title), role.start, role.end)
        for role in entry.roles
    )
    return Entry(entry.name, entry.kind, entry.aliases, roles)


async def _articles_about(entries: list[Entry], store: Store) -> list[int]:
    """The articles a re-parse may change for `entries`: those holding a name or alias of
    one, a person's surname, or a spelling of it the store has seen."""
    phrases: list[str] = []
    for entry in entries:
        phrases += [entry.name, *entry.aliases, *await store.actor_spellings(entry.name)]
        if entry.kind is ActorKind.PERSON and len(entry.name.split()) > 1:
            phrases.append(entry.surname)
    return await store.articles_containing(list(dict.fromkeys(phrases)))
