"""A small, faithful emulator of Discord's gateway and REST API for end-to-end tests.

The real, unmodified discord.py client connects to it (``run_bot`` / ``patch_discord``
only repoint ``Route.BASE`` and the default gateway URL)::

    async with DiscordEmulator() as discord, discord.run_bot(MyBot()):
        interaction = await discord.invoke("admin feeds add", {"url": "…"}, member=discord.admin)
        message = await interaction.wait_response()       # after deferrals and edits
        assert not message.could_ping and not discord.errors
        clicked = await discord.click(message, "confirm")  # MESSAGE_COMPONENT
        choices = await discord.autocomplete("search", "query", "par")

Everything Discord would refuse is answered with Discord's status/code/body and listed
in ``discord.errors``; all waits take a timeout and fail with an ``AssertionError``.
"""

from .interactions import InteractionRecord, Rejection
from .server import DiscordEmulator
from .state import Channel, Guild, Member, Message, MessageFlag, Permission, Role, User, Write

__all__ = [
    "Channel",
    "DiscordEmulator",
    "Guild",
    "InteractionRecord",
    "Member",
    "Message",
    "MessageFlag",
    "Permission",
    "Rejection",
    "Role",
    "User",
    "Write",
]
