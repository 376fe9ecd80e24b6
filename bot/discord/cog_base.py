"""What every cog shares: the bot's store and ingestor, replies, actor autocomplete."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.permissions import (
    ADMIN_PERMISSIONS,
    require_admin,
    require_own_channels,
    require_store_access,
)
from bot.discord.replies import Reply
from bot.names import complete_actors
from bot.render.paging import clip

if TYPE_CHECKING:
    from bot.discord.client import Briefbot
    from storage.store import Store

CHOICE_MAX = 100  # characters of an autocomplete choice's name and value
CHOICES_MAX = 25

# Option types and descriptions several commands share
ActorName = app_commands.Range[str, 1, 100]
ArticleId = app_commands.Range[int, 1, 2**53 - 1]  # Discord's integers stop at 2^53
ACTOR = "A person, organisation, group or place"
SINCE = "From this date: 2021-11-20, November 2021, 2021, last week…"
UNTIL = "Up to this date (same forms)"


class BriefbotCog(commands.Cog):
    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot

    @property
    def store(self) -> Store:
        return self.bot.store

    def reply(
        self, interaction: discord.Interaction, *, ephemeral: bool = False, defer_now: bool = False
    ) -> Reply:
        return Reply(
            interaction,
            ephemeral=ephemeral,
            defer_now=defer_now,
            page_timeout=self.bot.page_timeout,
        )


class AdminCog(BriefbotCog):
    """Admin commands: hidden from members without Manage Server, and checked at run time
    too (server settings can open commands to others); they act on this server's channels
    only (`bot/discord/permissions.py`)."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return require_admin(interaction, self.bot.settings.admin_role) and require_own_channels(
            interaction
        )


class StoreCog(AdminCog):
    """Admin commands that change the store every server shares: for the admins of the home
    servers, or the application's owner."""

    async def interaction_check(self, interaction: discord.Interaction[Briefbot]) -> bool:
        settings = self.bot.settings
        return await require_store_access(
            interaction, settings.admin_role, settings.home_guilds
        ) and require_own_channels(interaction)


def admin_group(name: str, description: str) -> app_commands.Group:
    """A guild-only command group for admins."""
    return app_commands.Group(
        name=name,
        description=description,
        default_permissions=ADMIN_PERMISSIONS,
        guild_only=True,
    )


async def actor_choices(
    interaction: discord.Interaction[Briefbot], current: str
) -> list[app_commands.Choice[str]]:
    """Actor names from the store for an autocompleted option: prefix matches, then fuzzy."""
    names = await complete_actors(interaction.client.store, current, CHOICES_MAX)
    return [app_commands.Choice(name=clip(n, CHOICE_MAX), value=clip(n, CHOICE_MAX)) for n in names]
