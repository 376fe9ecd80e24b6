"""End to end: command sync, deferral, errors, responsiveness while ingesting, shutdown."""

from __future__ import annotations

import asyncio
import logging
import shutil
import signal
import sqlite3
import threading
from pathlib import Path

import pytest

from bot import briefing
from bot.discord.client import serve
from bot.parse import pool
from bot.parse.pool import parse_batch
from bot.sources import document_from_file
from storage.store import Store
from tests.bot_env import BotEnv, bot_settings, embed_text, page_count, running_bot
from tests.discord_emulator import DiscordEmulator
from tests.factories import actor, article, day, event

pytestmark = pytest.mark.asyncio(loop_scope="session")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CONTRACT = {
    "actor": ["name"],
    "actors": ["since", "until", "kind"],
    "date": ["when"],
    "timeline": ["actor", "since", "until"],
    "between": ["first", "second"],
    "search": ["query"],
    "article": ["id"],
    "brief": ["since", "until", "actor"],
    "ingest url": ["url", "published"],
    "ingest file": ["file", "published"],
    "ingest text": ["text", "title", "published", "source"],
    "store delete": ["article_id"],
    "store redate": ["article_id", "published"],
    "store alias": ["actor", "alias"],
    "store stats": [],
    "digest subscribe": ["channel", "time", "timezone", "every", "actor", "post_empty"],
    "digest unsubscribe": ["channel"],
    "digest list": [],
    "digest send": ["channel"],
    "kb add": ["name", "kind", "role", "since", "until", "aliases"],
    "kb show": ["name"],
    "watch add": ["channel", "actor", "keyword", "role"],
    "watch remove": ["channel", "actor", "keyword"],
    "watch list": [],
    "feed add": ["url", "every"],
    "feed remove": ["url"],
    "feed list": [],
    "feed check": ["url"],
}


def command_options(commands: list[dict]) -> dict[str, list[str]]:
    """'name' or 'group sub' -> option names, from registered command payloads."""
    found = {}
    for command in commands:
        options = command.get("options", [])
        subs = [o for o in options if o["type"] == 1]
        for sub in subs:
            found[f"{command['name']} {sub['name']}"] = [o["name"] for o in sub.get("options", [])]
        if not subs:
            found[command["name"]] = [o["name"] for o in options]
    return found


def command_puts(discord: DiscordEmulator) -> int:
    return sum(r.method == "PUT" and r.path.endswith("/commands") for r in discord.requests)


@pytest.fixture
def db_path(tmp_path: Path, seeds_db: Path) -> Path:
    path = tmp_path / "briefbot.db"
    shutil.copyfile(seeds_db, path)
    return path


async def test_commands_follow_the_contract_and_sync_only_when_changed(db_path: Path) -> None:
    async with DiscordEmulator() as discord:
        async with running_bot(bot_settings(db_path), discord):
            assert command_options(discord.registered_commands()) == CONTRACT
            assert command_puts(discord) == 1
        async with running_bot(bot_settings(db_path), discord) as env:  # a restart
            assert command_puts(discord) == 1
            assert (await env.ask("article", {"id": 1})).embeds
        assert not discord.errors


async def test_guild_ids_sync_to_those_guilds_only(db_path: Path) -> None:
    async with DiscordEmulator() as discord:
        settings = bot_settings(db_path, guild_ids=(discord.guild.id,))
        async with running_bot(settings, discord) as env:
            assert discord.registered_commands() == []
            assert set(command_options(discord.registered_commands(discord.guild))) == set(CONTRACT)
            assert (await env.ask("date", {"when": "2021"})).embeds


async def test_slow_answer_is_deferred_then_edited(
    briefbot: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_search = briefing.search

    async def slow_search(*args, **kwargs):
        await asyncio.sleep(1.5)
        return await real_search(*args, **kwargs)

    monkeypatch.setattr(briefing, "search", slow_search)
    record = await briefbot.invoke("search", {"query": "Manama"})
    message = await record.wait_response()
    assert record.response_type == 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    assert record.ack_latency is not None and record.ack_latency < 1.0
    assert "**Manama**" in embed_text(message) and not message.loading


async def test_unexpected_error_is_logged_and_answered(
    briefbot: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(briefing, "article", broken)
    message = await briefbot.ask("article", {"id": 1})
    assert message.ephemeral
    assert message.content == "Something went wrong while answering; the error has been logged."
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert failures and "disk on fire" in str(failures[0].exc_info[1])


async def test_error_after_a_public_deferral_replaces_the_placeholder(
    briefbot: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def slow_failure(*args, **kwargs):
        await asyncio.sleep(1.2)
        raise RuntimeError("late failure")

    monkeypatch.setattr(briefing, "timeline", slow_failure)
    record = await briefbot.invoke("timeline", {"actor": "Masrour Barzani"})
    (followup,) = await record.wait_followups(1)
    assert followup.ephemeral and "Something went wrong" in followup.content
    assert record.original is not None and record.original.id not in briefbot.discord.world.messages


async def test_every_interaction_is_acknowledged_quickly_while_ingesting(
    briefbot: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = threading.Event()
    release = threading.Event()

    def parse_then_hold(documents, knowledge, model, beats):
        """Parse for real (the questions compete with it), then hold the result until the
        questions are answered, so the ingest cannot finish first on a fast machine."""
        result = parse_batch(documents, knowledge, model, beats)
        parsed.set()
        release.wait(timeout=60)
        return result

    monkeypatch.setattr(pool, "parse_batch", parse_then_hold)
    # The seeds' paragraphs four times, numbered (the cleaning drops repeated paragraphs):
    # about 50,000 characters, a few seconds of parsing.
    bodies = [document_from_file(path, max_bytes=10**6).text for path in SEEDS.glob("*.txt")]
    lines = [line for body in bodies for line in body.splitlines() if len(line.split()) > 12]
    big = "\n\n".join(f"{line} ({n})" for n in range(4) for line in lines)
    upload = briefbot.discord.add_attachment("digest.txt", big.encode(), "text/plain")
    ingest = await briefbot.invoke("ingest file", {"file": upload}, member=briefbot.discord.admin)
    await ingest.wait_acknowledged()
    questions = [
        ("actor", {"name": "Lloyd Austin"}),
        ("search", {"query": "Peshmerga"}),
        ("date", {"when": "2021-11"}),
        ("brief", {}),
    ]
    asked = [await briefbot.invoke(name, options) for name, options in questions]
    choices = await briefbot.discord.autocomplete("actor", "name", "bar")
    assert choices
    for record in asked:
        assert (await record.wait_response()).embeds
    assert not ingest.visible  # all answered before the ingest could answer
    release.set()
    stored = await ingest.wait_response(timeout=120)
    assert parsed.is_set()
    assert stored.embeds[0]["title"].startswith("Stored #6")
    slow = {r.label: r.ack_latency for r in asked if r.ack_latency is None or r.ack_latency >= 1}
    assert not slow


async def test_over_long_answer_is_paginated_not_rejected(tmp_path: Path) -> None:
    db_path = tmp_path / "many.db"
    async with await Store.open(db_path) as store:
        for n in range(1, 61):
            when = f"2020-{(n - 1) // 28 + 1:02d}-{(n - 1) % 28 + 1:02d}"
            envoy = f"Envoy Number{n}"
            await store.add_article(
                article(
                    f"Masrour Barzani receives envoy {n} to discuss a long list of matters",
                    f"Masrour Barzani met {envoy} in Erbil (story {n}).",
                    published=when,
                    actors=[actor("Masrour Barzani"), actor(envoy), actor("Erbil", "place")],
                    events=[event("meeting", ["Masrour Barzani", envoy], day(when), place="Erbil")],
                )
            )
    async with running_bot(bot_settings(db_path)) as env:
        message = await env.ask("timeline", {"actor": "Masrour Barzani"})
        pages = await env.all_pages(message)
        assert len(pages) == page_count(message) > 3
        text = "\n".join(pages)
        assert all(f"#{n} *" in text for n in range(1, 61))
        assert not env.discord.errors


async def test_page_buttons_go_away_when_the_view_times_out(db_path: Path) -> None:
    async with running_bot(bot_settings(db_path), page_timeout=0.3) as env:
        message = await env.ask("article", {"id": 1})
        assert message.buttons()
        await asyncio.sleep(0.8)
        assert not message.components and message.embeds  # the page stays
        assert not env.discord.errors


async def test_page_buttons_of_an_earlier_instance_are_answered(db_path: Path) -> None:
    """A page button under an answer of the bot before its restart gets a polite answer, not
    Discord's "This interaction failed"; the new instance's own buttons still turn pages."""
    async with DiscordEmulator() as discord:
        async with running_bot(bot_settings(db_path), discord) as env:
            old = await env.ask("article", {"id": 1})
            assert old.buttons()
        async with running_bot(bot_settings(db_path), discord) as env:  # a restart
            stale = await (await discord.click(old, "pages:next")).wait_response()
            assert stale.ephemeral and "ask again" in stale.content
            assert "Page 1/" in embed_text(old)  # the old answer is left as it was
            new = await env.ask("article", {"id": 1})
            turned = await (await discord.click(new, "pages:next")).wait_response()
            assert "Page 2/" in embed_text(turned)
        assert not discord.errors


async def test_closing_lets_an_ingest_under_way_finish(db_path: Path) -> None:
    big = "\n\n".join(path.read_text() for path in sorted(SEEDS.glob("*.txt"))) * 4
    async with running_bot(bot_settings(db_path)) as env:
        upload = env.discord.add_attachment("digest.txt", big.encode(), "text/plain")
        ingest = await env.invoke("ingest file", {"file": upload}, member=env.discord.admin)
        await ingest.wait_acknowledged()
        closing = asyncio.create_task(env.bot.close())
        late = await env.ask("actor", {"name": "Masrour Barzani"})
        assert late.ephemeral and "restarting" in late.content
        stored = await ingest.wait_response(timeout=30)
        assert stored.embeds[0]["title"].startswith("Stored #6")
        await closing
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (6,)


async def test_serve_stops_cleanly_on_sigterm(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.discord.client")
    async with DiscordEmulator() as discord:
        settings = bot_settings(db_path, discord_token=discord.token)
        with discord.patch_discord():
            running = asyncio.create_task(serve(settings, guild_ready_timeout=0.05))
            async with asyncio.timeout(10):
                while "connected as" not in caplog.text:  # on_ready
                    await asyncio.sleep(0.02)
            signal.raise_signal(signal.SIGTERM)
            await asyncio.wait_for(running, 10)
    assert "SIGTERM received: shutting down" in caplog.text
    async with await Store.open(db_path) as store:  # closed and reopenable
        assert (await store.stats()).articles == 5
