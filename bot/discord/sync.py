"""Registering the slash commands with Discord only when they changed since the last sync.

Discord rate-limits command registration, so the tree's JSON is fingerprinted and the
fingerprint kept in the store per application and scope (global or one guild).
"""

from __future__ import annotations

import hashlib
import json
import logging

import discord
from discord import app_commands

from storage.store import Store

log = logging.getLogger(__name__)


def fingerprint(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> str:
    """A hash of exactly what `tree.sync(guild=guild)` would send."""
    payload = [command.to_dict(tree) for command in tree.get_commands(guild=guild)]
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


async def sync_commands(
    tree: app_commands.CommandTree, store: Store, application_id: int, guild_ids: tuple[int, ...]
) -> None:
    """Sync globally, or to `guild_ids` only (instant, for development).

    With guild ids the global commands are copied to each guild and not registered globally.
    """
    scopes: list[discord.Object | None] = [discord.Object(id=i) for i in guild_ids] or [None]
    for guild in scopes:
        if guild is not None:
            tree.copy_global_to(guild=guild)
        scope = f"guild {guild.id}" if guild else "global"
        key = f"commands:{application_id}:{scope}"
        current = fingerprint(tree, guild)
        if await store.get_meta(key) == current:
            log.info("commands unchanged (%s); not syncing", scope)
            continue
        await tree.sync(guild=guild)
        await store.set_meta(key, current)
        log.info("synced %d commands (%s)", len(tree.get_commands(guild=guild)), scope)
