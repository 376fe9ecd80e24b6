"""``DiscordEmulator``: the server, its world and the API tests use."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, NamedTuple

import discord
import yarl
from aiohttp import web
from discord.gateway import DiscordWebSocket
from discord.http import Route

from . import commands, payloads
from .gateway import PRIVILEGED_INTENTS, Gateway
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    InteractionRecord,
    Notifier,
    Rejection,
)
from .rest import RequestRecord, RestApi
from .state import (
    Channel,
    Guild,
    Member,
    Message,
    Permission,
    Role,
    User,
    World,
    Write,
)


class _CommandUse(NamedTuple):
    """A command as a member is about to use it in a channel."""

    channel: Channel
    member: Member
    guild: Guild
    command: dict[str, Any]
    path: list[str]  # subcommand group and/or subcommand names


class DiscordEmulator:
    """A local Discord (REST + gateway + CDN) for the real discord.py client.

    The default world has one guild with a ``#general`` text channel, its owner,
    ``admin`` (a role with MANAGE_GUILD) and ``member`` (no extra permissions).
    """

    def __init__(
        self,
        *,
        token: str = "emulated.bot.token",
        heartbeat_interval_ms: int = 41_250,
        privileged_intents: int = PRIVILEGED_INTENTS,
    ) -> None:
        self.world = World(token)
        self.notifier = Notifier()
        self.gateway = Gateway(
            self.world,
            self.notifier,
            heartbeat_interval_ms=heartbeat_interval_ms,
            privileged_intents=privileged_intents,
        )
        self.owner = self.world.add_user("guild-owner")
        self.rest = RestApi(self.world, self.gateway, self.notifier, self.owner)
        self.interactions: list[InteractionRecord] = []
        self.guild = self.world.add_guild("Emulated Guild", self.owner)
        self.channel = self.world.add_channel(self.guild, "general")
        self.admin = self.add_member("admin", permissions=Permission.MANAGE_GUILD)
        self.member = self.add_member("member")
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # Lifecycle -----------------------------------------------------------------

    async def __aenter__(self) -> DiscordEmulator:
        app = web.Application(middlewares=[self.rest.middleware])
        app.add_routes(self.rest.routes())
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        self.world.cdn_base = self.base_url
        self.gateway.url = f"ws://127.0.0.1:{port}/"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @contextlib.contextmanager
    def patch_discord(self) -> Iterator[None]:
        """Point discord.py's REST base and default gateway at the emulator (undone on exit)."""
        saved = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
        Route.BASE = f"{self.base_url}/api/v10"
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway.url)
        try:
            yield
        finally:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved

    @contextlib.asynccontextmanager
    async def run_bot(self, bot: discord.Client, timeout: float = 10) -> AsyncIterator[None]:
        """Run ``bot.start(token)`` against the emulator until the block ends, then close it."""
        with self.patch_discord():
            task = asyncio.create_task(bot.start(self.token), name="emulated-bot")
            try:
                ready = asyncio.create_task(self.wait_until_ready(timeout))
                await asyncio.wait({task, ready}, return_when=asyncio.FIRST_COMPLETED)
                if not ready.done():
                    ready.cancel()
                    await task  # the bot stopped before connecting: surface its exception
                    raise AssertionError("the bot stopped before connecting to the gateway")
                await ready
                yield
            finally:
                await bot.close()
                await asyncio.wait_for(task, timeout)

    async def wait_until_ready(self, timeout: float = 10) -> None:
        """Wait until a bot has identified and received READY and every GUILD_CREATE."""
        await self.notifier.wait_for(
            lambda: self.gateway.ready,
            timeout,
            lambda: (
                f"no bot identified on the gateway; close codes sent: {self.gateway.close_codes}"
            ),
        )

    # World ---------------------------------------------------------------------

    @property
    def token(self) -> str:
        return self.world.token

    @property
    def application_id(self) -> int:
        return self.world.application_id

    @property
    def bot_user(self) -> User:
        return self.world.bot

    def add_member(
        self,
        username: str,
        *,
        permissions: int = 0,
        roles: Sequence[Role] = (),
        guild: Guild | None = None,
    ) -> Member:
        """A new user in ``guild`` with ``roles``; ``permissions`` (if any) come from a role
        of their own."""
        guild = guild or self.guild
        user = self.world.add_user(username)
        roles = list(roles)
        if permissions:
            roles.append(self.world.add_role(guild, f"{username}-role", permissions))
        return self.world.add_member(guild, user, roles=roles)

    async def add_role(
        self, name: str, *, permissions: int = 0, guild: Guild | None = None
    ) -> Role:
        """A new role; a connected bot hears of it (GUILD_ROLE_CREATE) as from Discord."""
        guild = guild or self.guild
        role = self.world.add_role(guild, name, permissions)
        if self.gateway.ready:
            await self.gateway.dispatch(
                "GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": payloads.role(role)}
            )
        return role

    def allow_command(
        self, name: str, holder: Member | Role, *, guild: Guild | None = None
    ) -> None:
        """Let ``holder`` use ``/name`` whatever its default_member_permissions, as a server
        admin can in Server Settings > Integrations (the bot must still check at run time)."""
        guild = guild or self.guild
        guild.command_access.setdefault(name, set()).add(holder.id)

    async def add_channel(self, name: str, *, guild: Guild | None = None) -> Channel:
        """A new text channel; a connected bot hears of it (CHANNEL_CREATE) as from Discord."""
        channel = self.world.add_channel(guild or self.guild, name)
        if self.gateway.ready:
            await self.gateway.dispatch("CHANNEL_CREATE", payloads.channel(channel))
        return channel

    async def delete_channel(self, channel: Channel) -> None:
        """Delete a channel; a connected bot hears of it (CHANNEL_DELETE) as from Discord."""
        payload = payloads.channel(channel)
        del self.world.guilds[channel.guild_id].channels[channel.id]
        if self.gateway.ready:
            await self.gateway.dispatch("CHANNEL_DELETE", payload)

    def add_guild(self, name: str) -> Guild:
        """A new guild owned by the default owner; add it before the bot connects."""
        return self.world.add_guild(name, self.owner)

    def add_attachment(
        self, filename: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> dict[str, Any]:
        """Upload a file as a user would for an attachment option; pass it to ``invoke``."""
        return self.world.add_attachment(
            self.channel.id, filename, data, content_type, ephemeral=True
        )

    # Observations --------------------------------------------------------------

    def registered_commands(self, guild: Guild | None = None) -> list[dict[str, Any]]:
        """Commands the bot registered globally, or for ``guild``."""
        return list(self.world.commands[guild.id if guild else None].values())

    def channel_messages(self, channel: Channel | None = None) -> list[Message]:
        """Non-ephemeral messages of a channel (interaction responses included), oldest first."""
        return self.rest.channel_messages((channel or self.channel).id)

    @property
    def errors(self) -> list[Rejection]:
        """Every request the emulator refused (validation, unknown routes, late responses…)."""
        return list(self.rest.rejections)

    @property
    def requests(self) -> list[RequestRecord]:
        return list(self.rest.requests)

    @property
    def writes(self) -> list[Write]:
        """Every accepted message create/edit with the allowed_mentions it carried."""
        return list(self.rest.writes)

    @property
    def ack_latencies(self) -> list[tuple[str, float]]:
        """(label, seconds from dispatch to the first accepted callback) per interaction."""
        return [(i.label, i.ack_latency) for i in self.interactions if i.ack_latency is not None]

    # Interactions --------------------------------------------------------------

    async def invoke(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        member: Member | None = None,
        channel: Channel | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Run a slash command as ``member`` would; ``name`` may be "group sub"."""
        use = self._use_command(name, member, channel)
        data = commands.build_data(use.guild, use.member, use.command, use.path, options or {})
        return await self.dispatch_interaction(
            APPLICATION_COMMAND,
            data,
            member=use.member,
            channel=use.channel,
            label=f"/{name}",
            locale=locale,
        )

    async def autocomplete(
        self,
        name: str,
        option: str,
        value: str,
        *,
        options: dict[str, Any] | None = None,
        member: Member | None = None,
        channel: Channel | None = None,
        timeout: float = 5,
    ) -> list[dict[str, Any]]:
        """Type ``value`` into ``option`` of ``name`` and return the bot's choices."""
        use = self._use_command(name, member, channel)
        values = {**(options or {}), option: value}
        data = commands.build_data(
            use.guild, use.member, use.command, use.path, values, focused=option
        )
        record = await self.dispatch_interaction(
            AUTOCOMPLETE,
            data,
            member=use.member,
            channel=use.channel,
            label=f"/{name} [{option}]",
        )
        return await record.wait_choices(timeout)

    def _use_command(
        self, name: str, member: Member | None, channel: Channel | None
    ) -> _CommandUse:
        """Resolve the defaults and find ``name`` ("cmd [group] [sub]") as ``member`` sees it."""
        channel = channel or self.channel
        member = member or self.member
        guild = self.world.guilds[channel.guild_id]
        root, *path = name.split()
        command = commands.find_command(self.world, guild, root)
        commands.check_can_use(command, guild, member)
        return _CommandUse(channel, member, guild, command, path)

    async def click(
        self, message: Message, custom_id: str, *, member: Member | None = None
    ) -> InteractionRecord:
        """Click the (enabled) button ``custom_id`` of ``message``."""
        button = next((b for b in message.buttons() if b.get("custom_id") == custom_id), None)
        if button is None:
            ids = [b.get("custom_id") for b in message.buttons()]
            raise AssertionError(f"message {message.id} has no button {custom_id!r}; has {ids}")
        if button.get("disabled"):
            raise AssertionError(f"button {custom_id!r} is disabled")
        if message.id not in self.world.messages:
            raise AssertionError(f"message {message.id} was deleted")
        channel = self.world.find_channel(message.channel_id)
        assert channel is not None
        return await self.dispatch_interaction(
            MESSAGE_COMPONENT,
            {"custom_id": custom_id, "component_type": 2},
            member=member or self.member,
            channel=channel,
            message=message,
            label=f"button {custom_id}",
        )

    async def dispatch_interaction(
        self,
        type: int,
        data: dict[str, Any],
        *,
        member: Member,
        channel: Channel,
        label: str,
        message: Message | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Send a raw INTERACTION_CREATE; the building block of invoke/click/autocomplete."""
        guild = self.world.guilds[channel.guild_id]
        interaction_id = self.world.ids.next()
        token = f"aW50ZXJhY3Rpb246{interaction_id}:{secrets.token_urlsafe(48)}"
        bot_permissions = guild.permissions_of(guild.members[self.world.bot.id])
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": type,
            "data": data,
            "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
            "guild_id": str(guild.id),
            "channel": payloads.channel(channel)
            | {"permissions": str(guild.permissions_of(member))},
            "channel_id": str(channel.id),
            "member": payloads.member(member, guild, with_permissions=True),
            "token": token,
            "version": 1,
            "app_permissions": str(bot_permissions),
            "locale": locale,
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = payloads.message(message, self.world)
        record = InteractionRecord(
            id=interaction_id,
            token=token,
            type=type,
            label=label,
            payload=payload,
            notifier=self.notifier,
            source=message,
        )
        self.interactions.append(record)
        self.rest.interactions[token] = record
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return record
