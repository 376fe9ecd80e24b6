"""End to end: /feed through the Discord emulator, the scheduler polling a real feed server."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.discord.permissions import ADMIN_PERMISSIONS
from bot.models import Origin, ParsedArticle
from tests.bot_env import BotEnv, embed_text
from tests.feed_server import Item, corpus_page, feed_server, rss

pytestmark = pytest.mark.asyncio(loop_scope="session")

NOW = datetime.now(UTC)


async def until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    async with asyncio.timeout(20):
        while not await condition():
            await asyncio.sleep(0.05)


async def test_feed_add_polls_then_check_list_and_remove(briefbot: BotEnv) -> None:
    discord, bot = briefbot.discord, briefbot.bot
    registered = {c["name"]: c for c in discord.registered_commands()}
    assert registered["feed"]["default_member_permissions"] == str(ADMIN_PERMISSIONS.value)
    told: list[tuple[int, Origin]] = []

    async def stored(article_id: int, parsed: ParsedArticle, origin: Origin) -> None:
        told.append((article_id, origin))

    bot.ingestor.on_stored.append(stored)
    async with feed_server() as server:
        server.pages["/a/1"] = corpus_page("d01")
        items = [Item("Biden calls Barzani", server.url("/a/1"), "b-1", NOW)]
        url = server.serve_feed("/beat.rss", rss("The Beat", items))

        added = await briefbot.ask("feed add", {"url": url}, member=discord.admin)
        assert added.ephemeral and added.embeds[0]["title"] == "Feed added"
        assert "every 15 minutes" in embed_text(added)

        async def first_poll_done() -> bool:
            feed = await bot.store.feed_by_url(url)
            return feed is not None and feed.first_polled is not None

        await until(first_poll_done, "the first poll")  # the job ran at once
        assert told == [(6, Origin.FEED_FIRST_POLL)]
        job = bot.feeds.scheduler.get_job(bot.feeds.job_id(1))
        assert job is not None and job.trigger.interval.total_seconds() == 15 * 60

        server.pages["/a/2"] = corpus_page("d02")
        items.append(Item("Second call", server.url("/a/2"), "b-2", NOW))
        items.append(Item("Lost page", server.url("/a/lost"), "b-3", NOW))
        server.serve_feed("/beat.rss", rss("The Beat", items))
        checked = embed_text(await briefbot.ask("feed check", {"url": url}, member=discord.admin))
        assert "2 new, 1 known" in checked
        assert "stored #7: 'Second call'" in checked
        assert "skipped (fetch failed: the server answered 404): 'Lost page'" in checked
        assert told[-1] == (7, Origin.FEED)

        listing = embed_text(await briefbot.ask("feed list", member=discord.admin))
        assert "The Beat" in listing and "2 articles" in listing and "ok" in listing

        choices = await discord.autocomplete("feed remove", "url", "beat", member=discord.admin)
        assert [c["value"] for c in choices] == [url]
        removed = await briefbot.ask("feed remove", {"url": url}, member=discord.admin)
        assert removed.embeds[0]["title"] == "Feed removed" and "2 articles" in embed_text(removed)
        assert bot.feeds.scheduler.get_jobs() == []
    bot.ingestor.on_stored.remove(stored)


async def test_feed_options_are_checked(briefbot: BotEnv) -> None:
    discord = briefbot.discord
    bad = await briefbot.ask("feed add", {"url": "ftp://example.com/x"}, member=discord.admin)
    assert bad.ephemeral and "Only http and https URLs" in bad.content
    missing = await briefbot.ask(
        "feed check", {"url": "http://example.com/none"}, member=discord.admin
    )
    assert missing.ephemeral and "is followed; add it first" in missing.content
    assert await briefbot.bot.store.feeds() == []


async def test_a_disabled_feed_is_reported_in_its_channel(briefbot: BotEnv) -> None:
    discord, bot = briefbot.discord, briefbot.bot
    feed, _ = await bot.store.add_feed(
        "http://127.0.0.1:9/feed", 15, guild_id=None, channel_id=discord.channel.id, now=NOW
    )
    await bot.feeds.poller.on_disabled(feed, "the server answered 500 <@&1> @everyone")
    (posted,) = [m for m in discord.channel_messages() if m.interaction_metadata is None]
    text = embed_text(posted)
    assert posted.embeds[0]["title"] == "Feed disabled" and "/feed check" in text
    assert "@everyone" not in text and not posted.could_ping
