"""In-memory Discord world: users, guilds, channels, messages, commands."""

from __future__ import annotations

import enum
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .mentions import could_ping

DISCORD_EPOCH_MS = 1_420_070_400_000


class Permission(enum.IntFlag):
    """The permission bits the emulator cares about."""

    ADMINISTRATOR = 1 << 3
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    USE_EXTERNAL_EMOJIS = 1 << 18
    USE_APPLICATION_COMMANDS = 1 << 31


ALL_PERMISSIONS = (1 << 51) - 1
EVERYONE_PERMISSIONS = (
    Permission.VIEW_CHANNEL
    | Permission.SEND_MESSAGES
    | Permission.EMBED_LINKS
    | Permission.ATTACH_FILES
    | Permission.READ_MESSAGE_HISTORY
    | Permission.ADD_REACTIONS
    | Permission.USE_EXTERNAL_EMOJIS
    | Permission.USE_APPLICATION_COMMANDS
)


class MessageFlag(enum.IntFlag):
    """Message flags that change how the emulator treats a message."""

    SUPPRESS_EMBEDS = 1 << 2
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7
    SUPPRESS_NOTIFICATIONS = 1 << 12
    IS_COMPONENTS_V2 = 1 << 15


class Snowflakes:
    """Generates increasing, timestamp-based snowflake ids like Discord's."""

    def __init__(self) -> None:
        self._counter = itertools.count()

    def next(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (1 << 17) | (next(self._counter) & 0xFFF)


def snowflake_time(snowflake: int) -> float:
    """The UNIX timestamp embedded in a snowflake."""
    return ((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000


@dataclass
class User:
    id: int
    username: str
    bot: bool = False

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass
class Role:
    id: int
    name: str
    permissions: int
    position: int = 0


@dataclass
class Member:
    user: User
    guild_id: int
    roles: list[int] = field(default_factory=list)
    nick: str | None = None

    @property
    def id(self) -> int:
        return self.user.id


@dataclass
class Channel:
    id: int
    guild_id: int
    name: str
    type: int = 0  # GUILD_TEXT
    position: int = 0


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    # command name -> ids of members and roles a server admin let use it (Integrations settings)
    command_access: dict[str, set[int]] = field(default_factory=dict)

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    def permissions_of(self, member: Member) -> int:
        """Guild-level permissions (no channel overwrites are modelled)."""
        if member.id == self.owner_id:
            return ALL_PERMISSIONS
        value = self.everyone.permissions
        for role_id in member.roles:
            value |= self.roles[role_id].permissions
        return ALL_PERMISSIONS if value & Permission.ADMINISTRATOR else value


@dataclass
class Write:
    """One request that created or edited a message; kept for mention audits."""

    method: str
    path: str
    message_id: int | None
    content: str | None
    allowed_mentions: dict[str, Any] | None

    @property
    def could_ping(self) -> bool:
        return could_ping(self.content or "", self.allowed_mentions)


@dataclass
class Message:
    """A message as Discord stores it (interaction responses included)."""

    id: int
    channel_id: int
    guild_id: int | None
    author: User
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    allowed_mentions: dict[str, Any] | None = None
    interaction_metadata: dict[str, Any] | None = None
    webhook_id: int | None = None
    edited_at: float | None = None

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MessageFlag.EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & MessageFlag.LOADING)

    @property
    def could_ping(self) -> bool:
        """Whether the content, with the last allowed_mentions sent, could notify anyone."""
        return could_ping(self.content, self.allowed_mentions)

    def buttons(self) -> list[dict[str, Any]]:
        """All buttons of the message, in display order."""
        return [c for row in self.components for c in row.get("components", []) if c["type"] == 2]

    def apply(self, body: dict[str, Any]) -> None:
        """Apply the message fields of a create/edit request body.

        ``allowed_mentions`` is replaced on every write: when a write omits it, Discord
        parses all mentions of the content again.
        """
        if "content" in body:
            self.content = body["content"] or ""
        if "embeds" in body:
            self.embeds = body["embeds"] or []
        if "components" in body:
            self.components = body["components"] or []
        if "flags" in body:
            editable = MessageFlag.SUPPRESS_EMBEDS
            self.flags = (self.flags & ~editable) | (int(body["flags"] or 0) & editable)
        self.allowed_mentions = body.get("allowed_mentions")


@dataclass
class StoredFile:
    """An attachment body served on the emulator's CDN route."""

    data: bytes
    content_type: str


class World:
    """Everything the emulated Discord knows, shared by REST, gateway and tests."""

    def __init__(self, token: str) -> None:
        self.ids = Snowflakes()
        self.token = token
        self.application_id = self.ids.next()
        # Bots created since 2020 share their application's id.
        self.bot = User(self.application_id, "Emulated Bot", bot=True)
        self.guilds: dict[int, Guild] = {}
        # guild id (None for global) -> command id -> command payload as Discord returns it
        self.commands: dict[int | None, dict[int, dict[str, Any]]] = {None: {}}
        self.messages: dict[int, Message] = {}
        self.files: dict[str, StoredFile] = {}
        self.cdn_base = ""  # http://127.0.0.1:PORT once the server listens

    def add_user(self, username: str) -> User:
        return User(self.ids.next(), username)

    def add_guild(self, name: str, owner: User) -> Guild:
        """Create a guild with @everyone, its owner and the bot as members."""
        guild = Guild(self.ids.next(), name, owner.id)
        guild.roles[guild.id] = Role(guild.id, "@everyone", int(EVERYONE_PERMISSIONS))
        self.commands[guild.id] = {}
        self.guilds[guild.id] = guild
        self.add_member(guild, owner)
        bot_role = self.add_role(guild, self.bot.username, 0, position=1)
        self.add_member(guild, self.bot, roles=[bot_role])
        return guild

    def add_role(self, guild: Guild, name: str, permissions: int, *, position: int = 1) -> Role:
        role = Role(self.ids.next(), name, int(permissions), position)
        guild.roles[role.id] = role
        return role

    def add_member(self, guild: Guild, user: User, *, roles: Sequence[Role] = ()) -> Member:
        member = Member(user, guild.id, [r.id for r in roles])
        guild.members[user.id] = member
        return member

    def add_channel(self, guild: Guild, name: str) -> Channel:
        channel = Channel(self.ids.next(), guild.id, name, position=len(guild.channels))
        guild.channels[channel.id] = channel
        return channel

    def find_channel(self, channel_id: int) -> Channel | None:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild.channels[channel_id]
        return None

    def add_attachment(
        self, channel_id: int, filename: str, data: bytes, content_type: str, *, ephemeral: bool
    ) -> dict[str, Any]:
        """Store ``data`` on the emulated CDN and return Discord's attachment object."""
        attachment_id = self.ids.next()
        path = f"/attachments/{channel_id}/{attachment_id}/{filename}"
        self.files[path] = StoredFile(data, content_type)
        return {
            "id": str(attachment_id),
            "filename": filename,
            "size": len(data),
            "url": self.cdn_base + path,
            "proxy_url": self.cdn_base + path,
            "content_type": content_type,
            "ephemeral": ephemeral,
        }
