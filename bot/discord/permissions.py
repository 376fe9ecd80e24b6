"""Who may use the admin commands: Manage Server, or the configured admin role."""

from __future__ import annotations

import discord
from discord import app_commands

ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)


class NotAdmin(app_commands.CheckFailure):
    """A member without Manage Server (or the admin role) used an admin command."""


def is_admin(interaction: discord.Interaction, admin_role: str | None) -> bool:
    """Manage Server in this channel, or the role `admin_role` (a name, any case, or an id)."""
    member = interaction.user
    if not isinstance(member, discord.Member):
        return False  # admin commands are guild-only
    if interaction.permissions.manage_guild:
        return True
    wanted = (admin_role or "").casefold()
    return bool(wanted) and any(
        wanted in (role.name.casefold(), str(role.id)) for role in member.roles
    )


def require_admin(interaction: discord.Interaction, admin_role: str | None) -> bool:
    """`is_admin`, or raise NotAdmin (answered as an ephemeral refusal)."""
    if not is_admin(interaction, admin_role):
        raise NotAdmin("This command is for server admins (Manage Server).")
    return True
