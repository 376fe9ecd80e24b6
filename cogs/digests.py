"""/digest subscribe|unsubscribe|list|send: scheduled digests in channels (admins)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.admin import digest_ops
from bot.digests import EVERY, timezones
from bot.discord import delivery
from bot.discord.cog_base import ActorName, AdminCog, actor_choices, admin_group
from bot.render.digest_embeds import listing, posted, stopped, subscribed

if TYPE_CHECKING:
    from bot.discord.client import Briefbot

EVERY_CHOICES = [app_commands.Choice(name=every, value=every) for every in EVERY]


async def timezone_choices(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """IANA names containing what was typed (Europe/Ber… or berlin)."""
    typed = current.strip().casefold().replace(" ", "_")
    found = [zone for zone in timezones() if typed in zone.casefold()]
    found.sort(key=lambda zone: (not zone.casefold().startswith(typed), zone))
    return [app_commands.Choice(name=zone, value=zone) for zone in found[:25]]


class Digests(AdminCog):
    digest = admin_group("digest", "Scheduled digests of new articles in channels (admins)")

    @digest.command(name="subscribe", description="Post a digest of new articles in a channel")
    @app_commands.describe(
        channel="Where to post",
        time="Time of day, HH:MM (24 h)",
        timezone="IANA timezone of that time, e.g. Europe/Berlin (default UTC)",
        every="daily, or weekly on Mondays (default daily)",
        actor="Only articles about this actor",
        post_empty="Post a digest even when nothing is new (default: skip it)",
    )
    @app_commands.choices(every=EVERY_CHOICES)
    @app_commands.autocomplete(timezone=timezone_choices, actor=actor_choices)
    async def subscribe(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: app_commands.Range[str, 1, 5],
        timezone: app_commands.Range[str, 1, 64] = "UTC",
        every: app_commands.Choice[str] | None = None,
        actor: ActorName | None = None,
        post_empty: bool = False,
    ) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            delivery.check_can_post(channel)
            answer = await digest_ops.subscribe(
                self.bot.digests,
                guild_id=channel.guild.id,
                channel_id=channel.id,
                time=time,
                timezone=timezone,
                every=every.value if every else "daily",
                actor=actor,
                post_empty=post_empty,
            )
            await reply.send(subscribed(answer.subscription, answer.due))

    @digest.command(name="unsubscribe", description="Stop a channel's digest")
    @app_commands.describe(channel="The channel that receives it")
    async def unsubscribe(
        self, interaction: discord.Interaction, channel: discord.TextChannel
    ) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            await reply.send(stopped(await digest_ops.unsubscribe(self.bot.digests, channel.id)))

    @digest.command(name="list", description="This server's digests: when, next run, last sent")
    async def list_(self, interaction: discord.Interaction) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            answer = await digest_ops.digest_list(self.bot.digests, interaction.guild_id)
            await reply.send(listing(answer.subscriptions, answer.due))

    @digest.command(
        name="send", description="Post a channel's digest now (new articles since the last)"
    )
    @app_commands.describe(channel="The channel that receives it")
    async def send(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        async with self.reply(interaction, ephemeral=True, defer_now=True) as reply:
            sent = await digest_ops.send_digest(self.bot.digests, channel.id)
            await reply.send(posted(channel.mention, sent.answer, shown=sent.posted))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Digests(bot))
