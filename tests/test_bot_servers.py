"""End to end with two servers: one store, owned by the home servers; digests per server."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.bot_env import ADMIN_ROLE, BotEnv, bot_settings, embed_text, running_bot
from tests.discord_emulator import Channel, DiscordEmulator, Guild, Member, Permission

pytestmark = pytest.mark.asyncio(loop_scope="session")

ARTICLE = (
    "ERBIL - Prime Minister Masrour Barzani met US envoy Brett McGurk in Erbil on Monday to "
    "discuss the budget and the salaries of public employees."
)


@dataclass
class Other:
    """A second server with a channel and an admin of its own."""

    guild: Guild
    channel: Channel
    admin: Member


@pytest.fixture
def db_path(tmp_path: Path, seeds_db: Path) -> Path:
    path = tmp_path / "briefbot.db"
    shutil.copyfile(seeds_db, path)
    return path


@pytest.fixture
async def two_servers() -> AsyncIterator[tuple[DiscordEmulator, Other]]:
    async with DiscordEmulator() as discord:
        guild = discord.add_guild("Other Guild")
        channel = discord.world.add_channel(guild, "news")
        admin = discord.add_member("other-admin", permissions=Permission.MANAGE_GUILD, guild=guild)
        yield discord, Other(guild, channel, admin)
        assert not discord.errors, [str(e) for e in discord.errors]


async def ask(
    env: BotEnv, command: str, options: dict | None, member: Member, channel: Channel
) -> str:
    record = await env.discord.invoke(command, options, member=member, channel=channel)
    message = await record.wait_response(timeout=30)
    text = embed_text(message) if message.embeds else message.content
    return text.replace("\\", "")  # as Discord shows it: markdown escapes unseen


async def test_only_home_servers_change_the_store(
    db_path: Path, two_servers: tuple[DiscordEmulator, Other]
) -> None:
    discord, other = two_servers
    settings = bot_settings(db_path, home_guilds=(discord.guild.id,))
    async with running_bot(settings, discord) as env:
        text = {"text": ARTICLE, "published": "2024-03-04"}
        home = await ask(env, "ingest text", text, discord.admin, discord.channel)
        assert "Stored #6" in home
        refused = await ask(env, "ingest text", text, other.admin, other.channel)
        assert "BRIEFBOT_HOME_GUILDS" in refused and "Stored" not in refused
        stats = await ask(env, "store stats", None, other.admin, other.channel)
        assert "BRIEFBOT_HOME_GUILDS" in stats
        owner = discord.world.guilds[other.guild.id].members[discord.owner.id]
        by_owner = await ask(env, "store stats", None, owner, other.channel)  # the app's owner
        assert "Articles: 6" in by_owner  # the refused ingest stored nothing


async def test_without_the_setting_two_servers_may_not_change_the_store(
    db_path: Path, two_servers: tuple[DiscordEmulator, Other]
) -> None:
    discord, _ = two_servers
    async with running_bot(bot_settings(db_path), discord) as env:
        refused = await ask(env, "store stats", None, discord.admin, discord.channel)
        assert "2 servers" in refused and "BRIEFBOT_HOME_GUILDS" in refused
        owner = discord.world.guilds[discord.guild.id].members[discord.owner.id]
        assert "Articles: 5" in await ask(env, "store stats", None, owner, discord.channel)


async def test_admins_manage_digests_of_their_own_channels(
    db_path: Path, two_servers: tuple[DiscordEmulator, Other]
) -> None:
    discord, other = two_servers
    settings = bot_settings(db_path, home_guilds=(discord.guild.id,))
    async with running_bot(settings, discord) as env:
        ours = await ask(
            env,
            "digest subscribe",
            {"channel": other.channel, "time": "08:00"},
            other.admin,
            other.channel,
        )
        assert "Digest scheduled" in ours
        theirs = await ask(
            env,
            "digest subscribe",
            {"channel": discord.channel, "time": "09:00"},
            other.admin,
            other.channel,
        )
        assert "not a channel of this server" in theirs
        for command in ("digest send", "digest unsubscribe"):
            answer = await ask(
                env, command, {"channel": discord.channel}, other.admin, other.channel
            )
            assert "not a channel of this server" in answer
        assert [s.channel_id for s in await env.bot.store.subscriptions()] == [other.channel.id]
        listed = await ask(env, "digest list", None, discord.admin, discord.channel)
        assert "No digests yet" in listed


async def test_the_admin_role_counts_in_the_server_it_belongs_to(
    db_path: Path, two_servers: tuple[DiscordEmulator, Other]
) -> None:
    discord, other = two_servers
    settings = bot_settings(db_path, home_guilds=(discord.guild.id,))
    async with running_bot(settings, discord) as env:
        home_role = await discord.add_role(ADMIN_ROLE)
        home_editor = discord.add_member("home-editor", roles=[home_role])
        other_role = await discord.add_role(ADMIN_ROLE, guild=other.guild)
        other_editor = discord.add_member("other-editor", roles=[other_role], guild=other.guild)
        for name in ("store", "digest"):
            discord.allow_command(name, home_role)
            discord.allow_command(name, other_role, guild=other.guild)
        assert "Articles: 5" in await ask(env, "store stats", None, home_editor, discord.channel)
        refused = await ask(env, "store stats", None, other_editor, other.channel)
        assert "BRIEFBOT_HOME_GUILDS" in refused  # an admin there, but not a home server
        listed = await ask(env, "digest list", None, other_editor, other.channel)
        assert "No digests yet" in listed  # its own server's digests: allowed
        by_id = str(home_role.id)  # the role named by id: a role of the home server only
        env.bot.settings = replace(settings, admin_role=by_id)
        assert "Articles: 5" in await ask(env, "store stats", None, home_editor, discord.channel)
        assert "for server admins" in await ask(
            env, "digest list", None, other_editor, other.channel
        )
