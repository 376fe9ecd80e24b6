"""Buttons no view of this bot instance serves (under an answer from before a restart, or
whose view has ended): answered politely, so Discord never shows "This interaction failed"."""

from __future__ import annotations

import logging

import discord

from bot.render.paging import NO_MENTIONS

log = logging.getLogger(__name__)

STALE = "These buttons belong to an older answer that briefbot no longer holds: ask again."


def is_served(client: discord.Client, interaction: discord.Interaction) -> bool:
    """Whether a view of this instance takes the component, looked up as discord.py's view
    store dispatches it: by message id, then among views sent without one, then among the
    dynamic items' patterns. discord.py has no public look-up, hence its store."""
    data = interaction.data or {}
    key = (data.get("component_type"), data.get("custom_id"))
    store = client._connection._view_store
    message_id = interaction.message.id if interaction.message is not None else None
    if key in store._views.get(message_id, {}) or key in store._views.get(None, {}):
        return True
    return any(pattern.fullmatch(str(key[1])) for pattern in store._dynamic_items)


async def answer_stale(client: discord.Client, interaction: discord.Interaction) -> None:
    """Tell the clicker, only them, that the buttons have expired (nothing else changes)."""
    if interaction.type is not discord.InteractionType.component or is_served(client, interaction):
        return
    try:
        await interaction.response.send_message(STALE, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as error:  # answered meanwhile, or too late
        log.debug("could not answer a stale button: %s", error)
