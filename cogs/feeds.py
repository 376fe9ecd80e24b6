"""/feed add|remove|list|check: RSS, Atom and RDF feeds the bot follows (admins)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.admin import feed_ops
from bot.discord.cog_base import CHOICE_MAX, CHOICES_MAX, StoreCog, admin_group
from bot.render import feed_embeds

if TYPE_CHECKING:
    from bot.discord.client import Briefbot

FeedUrl = app_commands.Range[str, 1, 500]
Every = app_commands.Range[int, feed_ops.MIN_EVERY, feed_ops.MAX_EVERY]


async def feed_choices(
    interaction: discord.Interaction[Briefbot], current: str
) -> list[app_commands.Choice[str]]:
    """This server's feed URLs containing what was typed."""
    typed = current.strip().casefold()
    feeds = await interaction.client.store.feeds(interaction.guild_id)
    urls = [feed.url for feed in feeds if typed in feed.url.casefold() and len(feed.url) <= 100]
    return [app_commands.Choice(name=url[:CHOICE_MAX], value=url) for url in urls[:CHOICES_MAX]]


class Feeds(StoreCog):
    feed = admin_group("feed", "RSS, Atom and RDF feeds whose new articles are stored (admins)")

    @feed.command(name="add", description="Follow a feed: its new articles are stored")
    @app_commands.describe(
        url="The feed's http:// or https:// address",
        every="Minutes between polls, 5 to 1440 (default 15)",
    )
    async def add(self, interaction: discord.Interaction, url: FeedUrl, every: Every = 15) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            answer = await feed_ops.add(
                self.store,
                url,
                every,
                now=discord.utils.utcnow(),
                guild_id=interaction.guild_id,
                channel_id=interaction.channel_id,
            )
            self.bot.feeds.schedule(answer.feed, first=discord.utils.utcnow())
            await reply.send(feed_embeds.added(answer.feed, answer.new))

    @feed.command(name="remove", description="Stop following a feed (its articles stay)")
    @app_commands.describe(url="The feed's address")
    @app_commands.autocomplete(url=feed_choices)
    async def remove(self, interaction: discord.Interaction, url: FeedUrl) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            removed = await feed_ops.remove(self.store, url)
            self.bot.feeds.unschedule(removed.id)
            await reply.send(feed_embeds.removed(removed))

    @feed.command(name="list", description="The feeds: state, last check, last error, articles")
    async def list_(self, interaction: discord.Interaction) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            feeds = await feed_ops.feed_list(self.store, interaction.guild_id)
            await reply.send(feed_embeds.listing(feeds))

    @feed.command(name="check", description="Poll a feed now: what was stored, and why not")
    @app_commands.describe(url="The feed's address")
    @app_commands.autocomplete(url=feed_choices)
    async def check(self, interaction: discord.Interaction, url: FeedUrl) -> None:
        async with self.reply(interaction, ephemeral=True, defer_now=True) as reply:
            poll = await feed_ops.check(self.bot.feeds.poller, url)
            feed = await self.store.feed_by_url(poll.url)
            if feed is not None and feed.state != "disabled":
                self.bot.feeds.schedule(feed)  # a disabled feed that works again
            await reply.send(feed_embeds.checked(poll))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Feeds(bot))
