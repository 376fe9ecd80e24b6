"""/kb add|show: what the parser knows of actors beyond its beat packs (admins, ephemeral)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.admin import kb_ops, store_ops
from bot.answers import Reparse
from bot.discord.cog_base import CHOICE_MAX, CHOICES_MAX, ActorName, StoreCog, admin_group
from bot.discord.transformers import Since, Until
from bot.models import ActorKind
from bot.render import embeds
from bot.render.paging import clip

if TYPE_CHECKING:
    from bot.discord.client import Briefbot

KINDS = [app_commands.Choice(name=kind.value, value=kind.value) for kind in ActorKind]
Short = app_commands.Range[str, 1, 200]


async def known_names(
    interaction: discord.Interaction[Briefbot], current: str
) -> list[app_commands.Choice[str]]:
    """Names the knowledge base holds (taught, then the packs'), for an autocompleted option."""
    names = await kb_ops.names_like(interaction.client.store, current, CHOICES_MAX)
    return [app_commands.Choice(name=clip(n, CHOICE_MAX), value=clip(n, CHOICE_MAX)) for n in names]


class Knowledge(StoreCog):
    kb = admin_group("kb", "What the parser knows of actors beyond its beat packs (admins)")

    @kb.command(name="add", description="Teach an actor, its other names or a role (re-parses)")
    @app_commands.describe(
        name="The actor's full name, e.g. Jonas Gahr Støre",
        kind="What it is (default: as known, else a person)",
        role="A title it holds, e.g. Prime Minister of Norway",
        since="When it took the role: 2021-10-14, October 2021, 2021…",
        until="When it left the role (same forms)",
        aliases="Other names texts use, comma-separated",
    )
    @app_commands.choices(kind=KINDS)
    async def add(
        self,
        interaction: discord.Interaction,
        name: ActorName,
        kind: app_commands.Choice[str] | None = None,
        role: Short | None = None,
        since: Since | None = None,
        until: Until | None = None,
        aliases: Short | None = None,
    ) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            added = await kb_ops.add(
                self.store,
                name,
                kind=kind.value if kind else None,
                role=role,
                since=since,
                until=until,
                aliases=aliases.split(",") if aliases else [],
            )
            await reply.send(embeds.knowledge_added(added))
        if added.article_ids:
            job = Reparse(added)
            work = store_ops.reparse(self.bot.ingestor, job)
            self.bot.jobs.start(interaction, work, lambda: embeds.reparsed(job))

    @kb.command(name="show", description="What the parser knows of an actor")
    @app_commands.describe(name="A name the knowledge base holds")
    @app_commands.autocomplete(name=known_names)
    async def show(self, interaction: discord.Interaction, name: ActorName) -> None:
        async with self.reply(interaction, ephemeral=True) as reply:
            await reply.send(embeds.known_actor(await kb_ops.show(self.store, name)))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Knowledge(bot))
