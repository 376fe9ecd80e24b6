"""/watch add|remove|list: alerts in a channel for new articles about an actor or keyword."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.admin import watch_ops
from bot.discord import delivery
from bot.discord.cog_base import ActorName, AdminCog, actor_choices, admin_group
from bot.render import watch_embeds

if TYPE_CHECKING:
    from bot.discord.client import Briefbot

Keyword = app_commands.Range[str, 1, 100]
CHANNEL = "The channel the alerts go to"
ACTOR = "Alert on articles mentioning this actor (as the parser resolved the name)"
KEYWORD = "Or: alert on articles matching these words, as /search matches them"


class Watches(AdminCog):
    watch = admin_group("watch", "Alerts in a channel for new articles (admins)")

    @watch.command(
        name="add", description="Alert a channel of new articles about an actor or words"
    )
    @app_commands.describe(
        channel=CHANNEL, actor=ACTOR, keyword=KEYWORD, role="The one role an alert may ping"
    )
    @app_commands.autocomplete(actor=actor_choices)
    async def add(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        actor: ActorName | None = None,
        keyword: Keyword | None = None,
        role: discord.Role | None = None,
    ) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            delivery.check_can_post(channel)
            pingable = delivery.alert_role(channel, role)
            watch = await watch_ops.add(
                self.store,
                guild_id=interaction.guild_id,
                channel_guild_id=channel.guild.id,
                channel_id=channel.id,
                actor=actor,
                keyword=keyword,
                role_id=role.id if role else None,
                now=self.bot.watches.clock(),
            )
            await reply.send(watch_embeds.added(watch, pingable))

    @watch.command(name="remove", description="Stop a channel's alerts for an actor or words")
    @app_commands.describe(channel=CHANNEL, actor="The watched actor", keyword="The watched words")
    @app_commands.autocomplete(actor=actor_choices)
    async def remove(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        actor: ActorName | None = None,
        keyword: Keyword | None = None,
    ) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            removed = await watch_ops.remove(
                self.store,
                guild_id=interaction.guild_id,
                channel_guild_id=channel.guild.id,
                channel_id=channel.id,
                actor=actor,
                keyword=keyword,
            )
            await reply.send(watch_embeds.removed(removed))

    @watch.command(name="list", description="This server's watches, and any that are failing")
    async def list_(self, interaction: discord.Interaction) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            watches = await watch_ops.listing(self.store, interaction.guild_id)
            await reply.send(watch_embeds.listing(watches))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Watches(bot))
