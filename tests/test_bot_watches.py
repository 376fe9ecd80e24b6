"""End to end: /watch through Discord, alerts posted in channels when articles are ingested,
with the watch's role as the only mention that may ping."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.sources import document_from_text
from tests.bot_env import BotEnv, bot_settings, embed_text, running_bot
from tests.discord_emulator import Channel, DiscordEmulator, Message

pytestmark = pytest.mark.asyncio(loop_scope="session")

NEWS = (
    "ERBIL, Kurdistan Region (Rudaw) - Kurdistan Region Prime Minister Masrour Barzani met "
    "US Ambassador Alina Romanowski in Erbil on Sunday to discuss Erbil-Baghdad relations. "
    "@everyone and <@123456789> should read it. Mr Barzani said the talks went well."
)


@pytest.fixture
def watching(briefbot: BotEnv) -> BotEnv:
    """The bot, posting alerts a moment after they match (not two seconds)."""
    briefbot.bot.watches.delay = 0.05
    return briefbot


async def add_watch(env: BotEnv, channel: Channel, **options) -> Message:
    return await env.ask("watch add", {"channel": channel} | options, member=env.discord.admin)


def alerts_in(env: BotEnv, channel: Channel | None = None) -> list[Message]:
    """Messages the bot posted in the channel on its own (not answers to commands)."""
    return [m for m in env.discord.channel_messages(channel) if m.interaction_metadata is None]


async def wait_for_alerts(env: BotEnv, count: int, channel: Channel | None = None) -> list[Message]:
    await env.discord.notifier.wait_for(
        lambda: len(alerts_in(env, channel)) >= count, 10, lambda: f"not {count} alerts"
    )
    return alerts_in(env, channel)


async def ingest(env: BotEnv, text: str = NEWS, **options: str) -> Message:
    values = {"text": text, "published": "2024-05-15"} | options
    return await env.ask("ingest text", values, member=env.discord.admin)


async def test_an_alert_pings_the_watch_role_and_nothing_else(watching: BotEnv) -> None:
    discord = watching.discord
    role = await discord.add_role("Kurdistan desk")
    added = await add_watch(watching, discord.channel, actor="Masrour Barzani", role=role)
    assert added.embeds[0]["title"] == "Watch added" and added.ephemeral
    stored = await ingest(watching, title="Barzani meets Romanowski", source="Rudaw")
    assert stored.embeds[0]["title"].startswith("Stored #6")

    (alert,) = await wait_for_alerts(watching, 1)
    text = embed_text(alert)
    assert alert.content == f"<@&{role.id}>"
    assert alert.embeds[0]["title"] == "Barzani meets Romanowski"
    assert "**Published:** `2024-05-15`" in text and "**Source:** Rudaw" in text
    assert "**Masrour Barzani** met US Ambassador" in text  # the sentence, the match in bold
    assert "meeting: " in text  # the event he took part in
    (write,) = [w for w in discord.writes if w.message_id == alert.id]
    assert write.allowed_mentions == {"parse": [], "roles": [role.id]}
    assert alert.could_ping  # the role, and only it:
    assert "@everyone" not in text and "<@123456789>" not in text
    assert not any(
        w.could_ping for w in discord.writes if w.message_id != alert.id
    )  # no other message the bot wrote could ping anyone

    # one alert per article per watch: the same text again is a duplicate, not a new alert
    again = await ingest(watching)
    assert again.embeds[0]["title"].startswith("Already stored")
    redated = await watching.ask(
        "store redate", {"article_id": 6, "published": "2024-05-16"}, member=discord.admin
    )
    assert redated.embeds
    await asyncio.sleep(0.3)
    assert len(alerts_in(watching)) == 1  # a redate re-parses: no alert


async def test_a_keyword_watch_and_the_list(watching: BotEnv) -> None:
    discord = watching.discord
    await add_watch(watching, discord.channel, keyword="Romanowski Erbil")
    listing = embed_text(await watching.ask("watch list", member=discord.admin))
    assert f"<#{discord.channel.id}> — keyword **romanowski erbil**" in listing
    await ingest(watching)
    (alert,) = await wait_for_alerts(watching, 1)
    assert alert.content == "" and "**Romanowski**" in embed_text(alert)
    assert not alert.could_ping


async def test_options_are_checked(watching: BotEnv) -> None:
    discord = watching.discord
    both = await add_watch(watching, discord.channel, actor="Masrour Barzani", keyword="oil")
    assert both.content.startswith("Give either an actor or a keyword")
    neither = await add_watch(watching, discord.channel)
    assert neither.content.startswith("Give either an actor or a keyword")
    unknown = await add_watch(watching, discord.channel, actor="Masrur Barzan")
    assert unknown.content.startswith("No actor called 'Masrur Barzan'")
    assert "Masrour Barzani" in unknown.content  # suggested
    nobody = await add_watch(watching, discord.channel, actor="Qubad Talabani")
    assert nobody.content.startswith("No actor called 'Qubad Talabani'")
    everyone = await add_watch(
        watching, discord.channel, actor="Masrour Barzani", role=discord.guild.everyone
    )
    assert "never ping everyone" in everyone.content
    assert await watching.bot.store.watches() == []
    choices = await discord.autocomplete("watch add", "actor", "masr", member=discord.admin)
    assert "Masrour Barzani" in [c["value"] for c in choices]
    missing = await watching.ask(
        "watch remove", {"channel": discord.channel, "keyword": "oil"}, member=discord.admin
    )
    assert missing.content.startswith(f"<#{discord.channel.id}> has no watch of the keyword")


async def test_remove(watching: BotEnv) -> None:
    discord = watching.discord
    await add_watch(watching, discord.channel, actor="Masrour Barzani")
    removed = await watching.ask(
        "watch remove",
        {"channel": discord.channel, "actor": "Masrour Barzani"},
        member=discord.admin,
    )
    assert removed.embeds[0]["title"] == "Watch removed"
    await ingest(watching)
    await asyncio.sleep(0.3)
    assert alerts_in(watching) == []


async def test_a_deleted_channel_is_marked_failing_and_the_others_go_on(
    watching: BotEnv,
) -> None:
    discord = watching.discord
    doomed = await discord.add_channel("doomed")
    await add_watch(watching, doomed, actor="Masrour Barzani")
    await add_watch(watching, discord.channel, actor="Masrour Barzani")
    await discord.delete_channel(doomed)
    await ingest(watching)
    await wait_for_alerts(watching, 1)
    async with asyncio.timeout(5):
        while not any(w.failing for w in await watching.bot.store.watches()):
            await asyncio.sleep(0.02)
    listing = embed_text(await watching.ask("watch list", member=discord.admin))
    assert "⚠️ failing: the channel no longer exists." in listing
    (failing,) = [w for w in await watching.bot.store.watches() if w.failing]
    assert failing.channel_id == doomed.id
    assert [e.error.code for e in discord.errors] == [10003]  # the bot's look-up: Unknown Channel
    discord.rest.rejections.clear()


async def test_a_burst_of_alerts_is_folded_into_one_message(watching: BotEnv) -> None:
    discord, bot = watching.discord, watching.bot
    await add_watch(watching, discord.channel, actor="Masrour Barzani")
    watching.bot.watches.delay = 1.0  # the batch below is stored well within it
    documents = [
        (
            f"envoy {n}",
            document_from_text(
                f"Masrour Barzani received envoy number {n} in Erbil on Sunday. " * 2,
                title=f"Envoy {n} in Erbil",
                published=None,
            ),
        )
        for n in range(6)
    ]
    outcomes = await bot.ingestor.ingest_documents(documents)
    assert [o.status for o in outcomes] == ["stored"] * 6
    (folded,) = await wait_for_alerts(watching, 1)
    await asyncio.sleep(1.2)
    assert len(alerts_in(watching)) == 1
    text = embed_text(folded)
    assert folded.embeds[0]["title"] == "6 new alerts in this channel"
    assert all(f"*Envoy {n} in Erbil*" in text for n in range(6))


async def test_each_server_manages_its_own_channels(tmp_path: Path, seeds_db: Path) -> None:
    path = tmp_path / "briefbot.db"
    path.write_bytes(seeds_db.read_bytes())
    async with DiscordEmulator() as discord:
        other = discord.add_guild("Other Guild")
        elsewhere = discord.world.add_channel(other, "elsewhere")
        async with running_bot(bot_settings(path), discord) as env:
            env.bot.watches.delay = 0.05
            refused = await add_watch(env, elsewhere, actor="Masrour Barzani")
            assert refused.ephemeral and "is not a channel of this server" in refused.content
            assert await env.bot.store.watches() == []
            await env.bot.store.add_watch(
                guild_id=other.id,
                channel_id=elsewhere.id,
                kind="keyword",
                target="erbil",
                role_id=None,
                now=env.bot.watches.clock(),
            )
            listing = embed_text(await env.ask("watch list", member=discord.admin))
            assert "No watches yet" in listing  # the other server's watch is not shown
        assert not discord.errors


async def test_an_alert_matched_before_a_restart_is_posted_once_after_it(
    tmp_path: Path, seeds_db: Path
) -> None:
    path = tmp_path / "briefbot.db"
    path.write_bytes(seeds_db.read_bytes())
    async with DiscordEmulator() as discord:
        async with running_bot(bot_settings(path), discord) as env:
            env.bot.watches.delay = 3600  # the bot stops before it would post
            await add_watch(env, discord.channel, actor="Masrour Barzani")
            await ingest(env)
        assert alerts_in(env) == []
        for _ in range(2):
            async with running_bot(bot_settings(path), discord) as env:
                env.bot.watches.delay = 0.05
                (alert,) = await wait_for_alerts(env, 1)
                await asyncio.sleep(0.3)
                assert "Masrour Barzani" in embed_text(alert)
            assert len(alerts_in(env)) == 1  # posted at the first restart, never again
        assert not discord.errors
