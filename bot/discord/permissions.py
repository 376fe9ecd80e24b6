"""Who may use the admin commands, and on what.

- A server's admins: members with Manage Server, or with the role `BRIEFBOT_ADMIN_ROLE` names
  (by name, any case, or id), a role of the server the command is used in.
- The store every server shares (`/ingest`, `/store`, and any command that changes it) is
  changed only in the home servers (`BRIEFBOT_HOME_GUILDS`; unset, the one server the bot
  is in, and none when it is in several), or by the application's owner, anywhere.
- A server's admins act on that server's channels only (digests, watches).
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)
HOME_SETTING = "BRIEFBOT_HOME_GUILDS"
_CHANNEL_OPTIONS = (app_commands.AppCommandChannel, app_commands.AppCommandThread)


class NotAdmin(app_commands.CheckFailure):
    """A member without Manage Server (or the admin role) used an admin command."""


class NotHome(app_commands.CheckFailure):
    """A command that changes the shared store was used outside the home servers."""


class NotThisServer(app_commands.CheckFailure):
    """A command named a channel of another server."""


def is_admin(interaction: discord.Interaction, admin_role: str | None) -> bool:
    """Manage Server in this channel, or the role `admin_role` of this server."""
    member = interaction.user
    if not isinstance(member, discord.Member):
        return False  # admin commands are guild-only
    if interaction.permissions.manage_guild:
        return True
    return any(member.get_role(role.id) for role in server_roles(member.guild, admin_role))


def server_roles(guild: discord.Guild, wanted: str | None) -> list[discord.Role]:
    """The roles of `guild` that `wanted` names: its id, or its name in any case."""
    key = (wanted or "").strip().casefold()
    return [role for role in guild.roles if key and key in (role.name.casefold(), str(role.id))]


def require_admin(interaction: discord.Interaction, admin_role: str | None) -> bool:
    """`is_admin`, or raise NotAdmin (answered as an ephemeral refusal)."""
    if not is_admin(interaction, admin_role):
        raise NotAdmin("This command is for server admins (Manage Server).")
    return True


def not_home(guild_id: int | None, home_guilds: tuple[int, ...], servers: int) -> str | None:
    """Why the server `guild_id` may not change the shared store (the bot being in `servers`
    servers); None if it may."""
    if home_guilds:
        if guild_id in home_guilds:
            return None
        return (
            "Every server shares briefbot's articles, so only its home servers "
            f"({HOME_SETTING}) may change them; this server is not one of them."
        )
    if servers == 1:
        return None
    return (
        f"briefbot is in {servers} servers and {HOME_SETTING} is not set, so none may change "
        f"the articles they share: set {HOME_SETTING} to the ids of the servers that own them."
    )


async def require_store_access(
    interaction: discord.Interaction[commands.Bot],
    admin_role: str | None,
    home_guilds: tuple[int, ...],
) -> bool:
    """An admin of a home server, or the application's owner; else NotAdmin or NotHome."""
    client = interaction.client
    refusal = not_home(interaction.guild_id, home_guilds, len(client.guilds))
    if refusal is None and is_admin(interaction, admin_role):
        return True
    if await client.is_owner(interaction.user):
        return True
    require_admin(interaction, admin_role)
    raise NotHome(refusal)


def require_own_channels(interaction: discord.Interaction) -> bool:
    """Every channel option of the command is a channel of this server, else NotThisServer.
    (Discord resolves channel options without their server: the bot's cache knows it.)"""
    for _, value in interaction.namespace:
        if not isinstance(value, _CHANNEL_OPTIONS):
            continue
        channel = interaction.client.get_channel(value.id)
        if getattr(getattr(channel, "guild", None), "id", None) != interaction.guild_id:
            raise NotThisServer(
                f"#{value.name} is not a channel of this server: a server's admins manage "
                "its own channels only."
            )
    return True
