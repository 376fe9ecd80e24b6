"""Admin operations on watches (add, remove, list): each server's admins manage the watches
of their own channels only."""

from __future__ import annotations

from datetime import datetime

from bot.admin.digest_ops import channel
from bot.errors import BadQuery, NotFound, echo
from bot.names import resolve_actor
from storage.store import Store
from storage.watch_queries import ACTOR, KEYWORD, Watch, keyword_query

KEYWORD_MAX = 100
EXACT = ("exact", "alias")


def check_own_channel(guild_id: int | None, channel_guild_id: int, channel_id: int) -> int:
    """The server's id, when the channel is one of its own; BadQuery otherwise."""
    if guild_id is None or channel_guild_id != guild_id:
        raise BadQuery(f"{channel(channel_id)} is not a channel of this server.")
    return guild_id


async def watched(store: Store, actor: str | None, keyword: str | None) -> tuple[str, str]:
    """(kind, target) of a watch: the actor's canonical name (an unknown or unsure name is
    refused with suggestions), or the keyword in lower case; exactly one of them."""
    if (actor is None) == (keyword is None):
        raise BadQuery("Give either an actor or a keyword (one of them).")
    if keyword is not None:
        cleaned = " ".join(keyword.split()).casefold()
        if keyword_query(cleaned) is None or len(cleaned) > KEYWORD_MAX:
            raise BadQuery(f"'{echo(keyword)}' has no word to search for.")
        return KEYWORD, cleaned
    assert actor is not None
    match = await resolve_actor(store, actor)
    if match.how not in EXACT:
        raise NotFound(
            f"No actor called '{echo(actor)}'.", suggestions=[match.actor.name, *match.also]
        )
    return ACTOR, match.actor.name


async def add(
    store: Store,
    *,
    guild_id: int | None,
    channel_guild_id: int,
    channel_id: int,
    actor: str | None,
    keyword: str | None,
    role_id: int | None,
    now: datetime,
) -> Watch:
    """Alert the channel of each new article about `actor` or matching `keyword`, pinging
    `role_id` if given; adding a watch again changes its role."""
    guild = check_own_channel(guild_id, channel_guild_id, channel_id)
    kind, target = await watched(store, actor, keyword)
    return await store.add_watch(
        guild_id=guild, channel_id=channel_id, kind=kind, target=target, role_id=role_id, now=now
    )


async def remove(
    store: Store,
    *,
    guild_id: int | None,
    channel_guild_id: int,
    channel_id: int,
    actor: str | None,
    keyword: str | None,
) -> Watch:
    """Stop a channel's watch; NotFound if it has none of that actor or keyword."""
    check_own_channel(guild_id, channel_guild_id, channel_id)
    if actor is not None and keyword is None:  # the name as stored, even if the actor is gone
        removed = await store.remove_watch(channel_id, ACTOR, actor.strip())
        if removed is not None:
            return removed
    kind, target = await watched(store, actor, keyword)
    removed = await store.remove_watch(channel_id, kind, target)
    if removed is None:
        raise NotFound(f"{channel(channel_id)} has no watch of the {kind} '{echo(target)}'.")
    return removed


async def listing(store: Store, guild_id: int | None) -> list[Watch]:
    """This server's watches (none outside a server)."""
    return await store.watches(guild_id) if guild_id is not None else []
