"""/ingest url|file|text and /store delete|redate|alias|stats: admins of the home servers (or
the application's owner) only, answers ephemeral."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.admin import store_ops
from bot.answers import Reparse
from bot.discord.cog_base import ActorName, ArticleId, StoreCog, actor_choices, admin_group
from bot.discord.transformers import Published
from bot.render import embeds

if TYPE_CHECKING:
    from bot.discord.client import Briefbot

PUBLISHED = "Publication date when the text has none, e.g. 2024-02-27"
Text = app_commands.Range[str, 1, 4000]
Short = app_commands.Range[str, 1, 300]


class Admin(StoreCog):
    ingest = admin_group("ingest", "Add an article to the store (admins)")
    manage = admin_group("store", "Manage the stored articles and actors (admins)")

    @ingest.command(name="url", description="Fetch a web page and store its article")
    @app_commands.describe(url="An http:// or https:// address", published=PUBLISHED)
    async def ingest_url(
        self, interaction: discord.Interaction, url: Short, published: Published | None = None
    ) -> None:
        async with self.reply(interaction, ephemeral=True, defer_now=True) as reply:
            outcome = await self.bot.ingestor.ingest_url(url, published)
            await reply.send(embeds.outcome(outcome))

    @ingest.command(name="file", description="Store an uploaded .txt, .md or .html article")
    @app_commands.describe(file="The article file (.txt, .md or .html)", published=PUBLISHED)
    async def ingest_file(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment,
        published: Published | None = None,
    ) -> None:
        async with self.reply(interaction, ephemeral=True, defer_now=True) as reply:
            outcome = await self.bot.ingestor.ingest_upload(
                file.filename, file.size, file.read, published
            )
            await reply.send(embeds.outcome(outcome))

    @ingest.command(name="text", description="Store pasted article text")
    @app_commands.describe(
        text="The article text",
        title="Its headline (else the first line)",
        published=PUBLISHED,
        source="The outlet, e.g. Rudaw",
    )
    async def ingest_text(
        self,
        interaction: discord.Interaction,
        text: Text,
        title: Short | None = None,
        published: Published | None = None,
        source: Short | None = None,
    ) -> None:
        async with self.reply(interaction, ephemeral=True, defer_now=True) as reply:
            outcome = await self.bot.ingestor.ingest_text(
                text, title=title, published=published, source=source
            )
            await reply.send(embeds.outcome(outcome))

    @manage.command(name="delete", description="Delete an article and everything parsed from it")
    @app_commands.describe(article_id="The article's number, as in #12")
    async def delete(self, interaction: discord.Interaction, article_id: ArticleId) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            await reply.send(embeds.deleted(await store_ops.delete(self.store, article_id)))

    @manage.command(name="redate", description="Set an article's publication date and re-resolve")
    @app_commands.describe(
        article_id="The article's number, as in #12", published="e.g. 2024-02-27"
    )
    async def redate(
        self,
        interaction: discord.Interaction,
        article_id: ArticleId,
        published: Published,
    ) -> None:
        async with self.reply(interaction, ephemeral=True, defer_now=True) as reply:
            await reply.send(
                embeds.redated(await store_ops.redate(self.bot.ingestor, article_id, published))
            )

    @manage.command(name="alias", description="Teach another name of an actor (merges, re-parses)")
    @app_commands.describe(actor="The actor", alias="Another name for it, e.g. Kak Masrour")
    @app_commands.autocomplete(actor=actor_choices)
    async def alias(
        self,
        interaction: discord.Interaction,
        actor: ActorName,
        alias: app_commands.Range[str, 1, store_ops.ALIAS_MAX],
    ) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            added = await store_ops.add_alias(self.store, actor, alias)
            await reply.send(embeds.alias_added(added))
        if added.article_ids:
            job = Reparse(added)
            work = store_ops.reparse(self.bot.ingestor, job)
            self.bot.jobs.start(interaction, work, lambda: embeds.reparsed(job))

    @manage.command(name="stats", description="What the store holds")
    async def stats(self, interaction: discord.Interaction) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            await reply.send(embeds.stats(await store_ops.stats(self.store)))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Admin(bot))
