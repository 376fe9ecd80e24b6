"""/search, /article, /brief: finding and reading articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot import briefing
from bot.discord.cog_base import SINCE, UNTIL, ActorName, ArticleId, BriefbotCog, actor_choices
from bot.discord.transformers import Since, Until
from bot.render import embeds

if TYPE_CHECKING:
    from bot.discord.client import Briefbot


class Articles(BriefbotCog):
    @app_commands.command(description="Full-text search of the articles")
    @app_commands.describe(query='Words to find; "quoted words" as a phrase')
    async def search(
        self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 200]
    ) -> None:
        async with self.reply(interaction) as reply:
            await reply.send(embeds.search(await briefing.search(self.store, query), query))

    @app_commands.command(description="One article: source, date, summary, actors, events, quotes")
    @app_commands.describe(id="The article's number, as in #12")
    async def article(self, interaction: discord.Interaction, id: ArticleId) -> None:
        async with self.reply(interaction) as reply:
            await reply.send(embeds.article(await briefing.article(self.store, id)))

    @app_commands.command(description="A briefing of the articles in a period, digest style")
    @app_commands.describe(
        since=SINCE,
        until=UNTIL,
        actor="Only articles about this actor",
    )
    @app_commands.autocomplete(actor=actor_choices)
    async def brief(
        self,
        interaction: discord.Interaction,
        since: Since | None = None,
        until: Until | None = None,
        actor: ActorName | None = None,
    ) -> None:
        async with self.reply(interaction) as reply:
            answer = await briefing.brief(self.store, since=since, until=until, actor=actor)
            await reply.send(embeds.briefing(answer))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Articles(bot))
