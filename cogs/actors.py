"""/actor, /actors, /timeline, /between: who the actors are and what they did."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot import briefing
from bot.discord.cog_base import ACTOR, SINCE, UNTIL, ActorName, BriefbotCog, actor_choices
from bot.discord.transformers import Since, Until
from bot.models import ActorKind
from bot.render import embeds
from bot.render.text import period

if TYPE_CHECKING:
    from bot.discord.client import Briefbot

KINDS = [app_commands.Choice(name=kind.value, value=kind.value) for kind in ActorKind]


class Actors(BriefbotCog):
    @app_commands.command(description="Who an actor is: roles, mentions, company, events, quotes")
    @app_commands.describe(name=ACTOR)
    @app_commands.autocomplete(name=actor_choices)
    async def actor(self, interaction: discord.Interaction, name: ActorName) -> None:
        async with self.reply(interaction) as reply:
            await reply.send(embeds.profile(await briefing.actor_profile(self.store, name)))

    @app_commands.command(description="The most mentioned actors in a period")
    @app_commands.describe(
        since=SINCE,
        until=UNTIL,
        kind="Only people, organisations, places or groups",
    )
    @app_commands.choices(kind=KINDS)
    async def actors(
        self,
        interaction: discord.Interaction,
        since: Since | None = None,
        until: Until | None = None,
        kind: app_commands.Choice[str] | None = None,
    ) -> None:
        async with self.reply(interaction) as reply:
            answer = await briefing.top_actors(
                self.store, since=since, until=until, kind=kind.value if kind else None
            )
            heading = f"Most mentioned {kind.value if kind else 'actor'}s"
            span = period(since, until)
            await reply.send(embeds.top_actors(answer, heading + (f" ({span})" if span else "")))

    @app_commands.command(description="An actor's dated events, oldest first")
    @app_commands.describe(actor=ACTOR, since=SINCE, until=UNTIL)
    @app_commands.autocomplete(actor=actor_choices)
    async def timeline(
        self,
        interaction: discord.Interaction,
        actor: ActorName,
        since: Since | None = None,
        until: Until | None = None,
    ) -> None:
        async with self.reply(interaction) as reply:
            answer = await briefing.timeline(self.store, actor, since=since, until=until)
            await reply.send(embeds.timeline(answer))

    @app_commands.command(description="What two actors did together: shared events and articles")
    @app_commands.describe(first="One actor", second="The other actor")
    @app_commands.autocomplete(first=actor_choices, second=actor_choices)
    async def between(
        self, interaction: discord.Interaction, first: ActorName, second: ActorName
    ) -> None:
        async with self.reply(interaction) as reply:
            await reply.send(embeds.between(await briefing.between(self.store, first, second)))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Actors(bot))
