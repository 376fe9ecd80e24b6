"""End to end: digest subscriptions through Discord, the scheduler firing into a channel."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from tests.bot_env import BotEnv, embed_text
from tests.discord_emulator import Channel, Message
from tests.factories import actor, article

pytestmark = pytest.mark.asyncio(loop_scope="session")

NEWS = (
    "ERBIL, Kurdistan Region (Rudaw) - Kurdistan Region Prime Minister Masrour Barzani met "
    "US Ambassador Alina Romanowski in Erbil on Sunday to discuss Erbil-Baghdad relations. "
    "@everyone should read it."
)


async def subscribe(env: BotEnv, channel: Channel, **options: str | bool) -> Message:
    values = {"channel": channel, "time": "08:00"} | options
    return await env.ask("digest subscribe", values, member=env.discord.admin)


def digests_in(env: BotEnv) -> list[Message]:
    """Messages the bot posted in #general on its own (not answers to commands)."""
    return [m for m in env.discord.channel_messages() if m.interaction_metadata is None]


async def test_subscribe_then_the_job_posts_the_new_articles(briefbot: BotEnv) -> None:
    discord, bot = briefbot.discord, briefbot.bot
    confirmed = await subscribe(briefbot, discord.channel, timezone="Europe/Berlin")
    assert confirmed.ephemeral and confirmed.embeds[0]["title"] == "Digest scheduled"
    assert "daily at 08:00 Europe/Berlin" in embed_text(confirmed)
    stored = await briefbot.ask(
        "ingest text", {"text": NEWS, "published": "2023-05-15"}, member=discord.admin
    )
    assert stored.embeds[0]["title"].startswith("Stored #6")

    (subscription,) = await bot.store.subscriptions()
    job = bot.digests.scheduler.get_job(bot.digests.job_id(subscription.id))
    assert job.next_run_time.hour == 8 and str(job.next_run_time.tzinfo) == "Europe/Berlin"
    job.modify(next_run_time=datetime.now(UTC))  # 08:00 has come: APScheduler fires the job
    await discord.notifier.wait_for(lambda: digests_in(briefbot), 10, lambda: "no digest posted")

    (posted,) = digests_in(briefbot)
    text = embed_text(posted)
    assert "#6 *" in text and "Alina Romanowski" in text
    assert "#1 *" not in text  # the seeds were there before the subscription
    assert "@everyone" not in text and not posted.could_ping
    async with asyncio.timeout(5):  # recorded right after the post
        while (await bot.store.subscription(subscription.id)).last_article_id != 6:
            await asyncio.sleep(0.02)
    listing = await briefbot.ask("digest list", member=discord.admin)
    assert f"<#{discord.channel.id}>" in embed_text(listing) and "last sent <t:" in embed_text(
        listing
    )


async def test_send_now_splits_a_long_digest_over_messages_in_order(briefbot: BotEnv) -> None:
    discord, store = briefbot.discord, briefbot.bot.store
    await subscribe(briefbot, discord.channel)
    for n in range(1, 41):
        await store.add_article(
            article(
                f"Envoy {n} meets Masrour Barzani in Erbil on the long list of open questions",
                f"Masrour Barzani received envoy number {n} in Erbil to talk about subject {n}. "
                + "They discussed the budget, oil exports, salaries and security. " * 3,
                published="2024-05-01",
                actors=[actor("Masrour Barzani"), actor(f"Envoy Number{n}")],
            )
        )
    answer = await briefbot.ask("digest send", {"channel": discord.channel}, member=discord.admin)
    assert "Posted the digest in" in embed_text(answer) and "40 new articles" in embed_text(answer)
    posted = digests_in(briefbot)
    assert len(posted) > 1
    text = "\n".join(embed_text(m) for m in posted)
    assert "Page 1/" in embed_text(posted[0])
    numbers = [int(part.split("/")[0]) for part in text.split("Page ")[1:]]
    assert numbers == sorted(numbers)  # in order
    again = await briefbot.ask("digest send", {"channel": discord.channel}, member=discord.admin)
    assert "Nothing new since the last digest" in embed_text(again)
    assert len(digests_in(briefbot)) == len(posted)  # an empty digest is not posted
    assert not briefbot.discord.errors


async def test_empty_digests_are_posted_when_asked(briefbot: BotEnv) -> None:
    discord = briefbot.discord
    confirmed = await subscribe(
        briefbot, discord.channel, timezone="europe/berlin", post_empty=True
    )
    assert "daily at 08:00 Europe/Berlin, even with nothing new" in embed_text(confirmed)
    (subscription,) = await briefbot.bot.store.subscriptions()
    assert (subscription.timezone, subscription.post_empty) == ("Europe/Berlin", True)
    answer = await briefbot.ask("digest send", {"channel": discord.channel}, member=discord.admin)
    assert "(0 new articles)" in embed_text(answer)
    (empty,) = digests_in(briefbot)
    assert "No new articles" in embed_text(empty)


async def test_bad_options_are_refused(briefbot: BotEnv) -> None:
    channel = briefbot.discord.channel
    zone = await subscribe(briefbot, channel, timezone="Mars/Olympus_Mons")
    assert zone.ephemeral and "'Mars/Olympus\\_Mons' is not a timezone" in zone.content
    time = await subscribe(briefbot, channel, time="25:00")
    assert time.ephemeral and "not a time of day" in time.content
    nobody = await subscribe(briefbot, channel, actor="Qubad Talabani")
    assert nobody.ephemeral and nobody.content.startswith("No actor called 'Qubad Talabani'")
    assert await briefbot.bot.store.subscriptions() == []
    choices = await briefbot.discord.autocomplete(
        "digest subscribe", "timezone", "berl", member=briefbot.discord.admin
    )
    assert [c["value"] for c in choices] == ["Europe/Berlin"]


async def test_a_deleted_channel_is_reported_and_listed_as_failing(briefbot: BotEnv) -> None:
    discord = briefbot.discord
    doomed = await discord.add_channel("doomed")
    await subscribe(briefbot, doomed, actor="Masrour Barzani", post_empty=True)
    await subscribe(briefbot, discord.channel, post_empty=True)
    await discord.delete_channel(doomed)
    failed = await briefbot.ask("digest send", {"channel": discord.channel}, member=discord.admin)
    assert "Posted the digest" in embed_text(failed)
    (gone,) = [s for s in await briefbot.bot.store.subscriptions() if s.channel_id == doomed.id]
    assert await briefbot.bot.digests.run(gone.id) is None
    listing = embed_text(await briefbot.ask("digest list", member=discord.admin))
    assert "⚠️ failing: the channel no longer exists." in listing
    assert "about Masrour Barzani" in listing
    assert [e.error.code for e in discord.errors] == [10003]  # the bot's look-up: Unknown Channel
    discord.rest.rejections.clear()


async def test_unsubscribe(briefbot: BotEnv) -> None:
    channel = briefbot.discord.channel
    await subscribe(briefbot, channel)
    stopped = await briefbot.ask(
        "digest unsubscribe", {"channel": channel}, member=briefbot.discord.admin
    )
    assert stopped.embeds[0]["title"] == "Digest stopped"
    assert briefbot.bot.digests.scheduler.get_jobs() == []
    again = await briefbot.ask(
        "digest unsubscribe", {"channel": channel}, member=briefbot.discord.admin
    )
    assert again.ephemeral and again.content.startswith("There is no digest in")
