"""Posting watch alerts into a Discord channel: the watches' roles are the only mentions
that may ping."""

from __future__ import annotations

import discord

from bot.discord.delivery import messageable, posting
from bot.render import watch_embeds
from bot.render.paging import messages
from bot.watches import Alert


def pings(alerts: list[Alert]) -> tuple[str, discord.AllowedMentions]:
    """The content mentioning the alerts' roles, and the allowed mentions naming those roles
    alone: no user, no @everyone, no other role."""
    roles = list(dict.fromkeys(a.watch.role_id for a in alerts if a.watch.role_id))
    allowed = discord.AllowedMentions(
        everyone=False,
        users=False,
        roles=[discord.Object(role) for role in roles],
        replied_user=False,
    )
    return " ".join(f"<@&{role}>" for role in roles), allowed


async def post_alerts(
    client: discord.Client, channel_id: int, alerts: list[Alert], folded: bool
) -> None:
    """One alert, or a burst folded into one message (more if Discord's limits need it)."""
    channel = await messageable(client, channel_id)
    pages = watch_embeds.folded(alerts) if folded else watch_embeds.alert(alerts[0])
    content, allowed = pings(alerts)
    with posting():
        for number, bundle in enumerate(messages(pages)):
            first = number == 0
            await channel.send(
                content=(content or None) if first else None,
                embeds=bundle,
                allowed_mentions=allowed if first else discord.AllowedMentions.none(),
            )
