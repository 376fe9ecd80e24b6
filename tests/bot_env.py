"""Running the real briefbot client against the Discord emulator, and reading its answers."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.discord.client import Briefbot
from tests.discord_emulator import DiscordEmulator, InteractionRecord, Member, Message

ADMIN_ROLE = "Briefing editors"

# (label, seconds) of every acknowledgement in the session; reported by conftest's summary
ACK_LATENCIES: list[tuple[str, float]] = []


def bot_settings(db_path: Path, **changes: Any) -> Settings:
    """Settings for a bot under test: its own store, parsing in a thread, loopback URLs
    allowed."""
    base = Settings(
        db_path=db_path,
        parse_workers=0,
        admin_role=ADMIN_ROLE,
        allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),),
    )
    return replace(base, **changes)


@dataclass
class BotEnv:
    """The emulator and the running bot, with helpers to ask and read answers."""

    discord: DiscordEmulator
    bot: Briefbot

    async def ask(
        self, command: str, options: dict[str, Any] | None = None, *, member: Member | None = None
    ) -> Message:
        """Run a slash command and return its visible answer (after any deferral)."""
        record = await self.invoke(command, options, member=member)
        return await record.wait_response(timeout=30)

    async def invoke(
        self, command: str, options: dict[str, Any] | None = None, *, member: Member | None = None
    ) -> InteractionRecord:
        return await self.discord.invoke(command, options, member=member or self.discord.member)

    async def all_pages(self, message: Message, *, member: Member | None = None) -> list[str]:
        """The text of every page of an answer, turning the pages as `member` (who asked)."""
        pages = [embed_text(message)]
        total = page_count(message)
        while len(pages) < total:
            record = await self.discord.click(message, "pages:next", member=member)
            message = await record.wait_response()
            pages.append(embed_text(message))
        return pages


def page_count(message: Message) -> int:
    """N from the "Page n/N" footer; 1 for an answer without pages."""
    footer = message.embeds[0].get("footer", {}).get("text", "") if message.embeds else ""
    match = re.search(r"Page \d+/(\d+)", footer)
    return int(match.group(1)) if match else 1


def embed_text(message: Message) -> str:
    """Everything a member reads in a message: content, then each embed's parts."""
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}: {f['value']}" for f in embed.get("fields", [])]
        parts.append(embed.get("footer", {}).get("text", ""))
    return "\n".join(part for part in parts if part)


@contextlib.asynccontextmanager
async def running_bot(
    settings: Settings, discord: DiscordEmulator | None = None, **bot_options: Any
) -> AsyncIterator[BotEnv]:
    """The bot connected to `discord` (a new emulator if None) until the block ends."""
    async with contextlib.AsyncExitStack() as stack:
        if discord is None:
            discord = await stack.enter_async_context(DiscordEmulator())
        bot = Briefbot(settings, **{"guild_ready_timeout": 0.05, **bot_options})
        await stack.enter_async_context(discord.run_bot(bot))
        await asyncio.wait_for(bot.wait_until_ready(), 5)  # its guilds are cached: on_ready ran
        await asyncio.wait_for(bot.parser_ready, 30)  # the model loaded, the offload worker up
        try:
            yield BotEnv(discord, bot)
        finally:
            ACK_LATENCIES.extend(discord.ack_latencies)
