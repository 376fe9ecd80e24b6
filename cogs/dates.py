"""/date: what happened on, and what was written about, a day, month, year or range."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot import briefing
from bot.discord.cog_base import BriefbotCog
from bot.discord.transformers import When
from bot.render import embeds

if TYPE_CHECKING:
    from bot.discord.client import Briefbot


class Dates(BriefbotCog):
    @app_commands.command(description="Events and articles on a date or in a period")
    @app_commands.describe(
        when="2021-11-20, 20 November 2021, November 2021, 2021, 2021-01..2021-06, yesterday…"
    )
    async def date(self, interaction: discord.Interaction, when: When) -> None:
        async with self.reply(interaction) as reply:
            await reply.send(embeds.on_date(await briefing.on_date(self.store, when)))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Dates(bot))
