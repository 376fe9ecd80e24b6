"""Digest scheduling on a controllable clock: windows, restarts, missed slots, failures."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.answers import Briefing
from bot.digests import (
    DeliveryError,
    DigestScheduler,
    missed,
    next_run,
)
from bot.models import ParsedArticle
from storage.migrate import migrations
from storage.store import Store
from storage.subscription_queries import Subscription
from tests.factories import actor, article, bahrain, undated, washington

pytestmark = pytest.mark.asyncio(loop_scope="session")

T0 = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)  # a Friday, two days before Europe's DST change


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Channel:
    """Collects what the scheduler posts; can be told to refuse."""

    def __init__(self) -> None:
        self.posted: list[tuple[int, Briefing]] = []
        self.refuse: set[int] = set()

    async def post(self, subscription: Subscription, answer: Briefing) -> None:
        if subscription.channel_id in self.refuse:
            raise DeliveryError("the channel no longer exists.")
        self.posted.append((subscription.channel_id, answer))

    def titles(self) -> list[list[str]]:
        return [[story.headline for story in answer.stories] for _, answer in self.posted]


def story(n: int) -> ParsedArticle:
    return article(
        f"Story {n}: Barzani meets envoy {n}",
        f"Masrour Barzani met envoy number {n} in Erbil to discuss topic {n}.",
        published="2026-03-2" + str(n % 10),
        actors=[actor("Masrour Barzani"), actor(f"Envoy {n}")],
    )


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with await Store.open(tmp_path / "briefbot.db") as opened:
        for parsed in (bahrain(), washington(), undated()):
            await opened.add_article(parsed)
        yield opened


async def subscribe(store: Store, clock: Clock, channel_id: int = 10, **options) -> Subscription:
    values = {"time": "08:00", "timezone": "UTC", "every": "daily", "actor": None}
    values |= {"post_empty": False} | options
    return await store.subscribe(guild_id=1, channel_id=channel_id, now=clock(), **values)


async def test_schedule_follows_the_timezone_across_dst(store: Store) -> None:
    clock = Clock(T0)
    berlin = await subscribe(store, clock, timezone="Europe/Berlin")
    first = next_run(berlin, T0)
    second = next_run(berlin, first)
    assert first == datetime(2026, 3, 28, 7, 0, tzinfo=UTC)  # 08:00 CET
    assert second == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)  # 08:00 CEST
    weekly = await subscribe(store, clock, channel_id=11, every="weekly")
    assert next_run(weekly, T0) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)  # Monday


async def test_each_digest_covers_what_came_in_since_the_last(store: Store) -> None:
    clock, channel = Clock(T0), Channel()
    subscription = await subscribe(store, clock)
    digests = DigestScheduler(store, channel.post, clock=clock)
    for n in (1, 2):
        await store.add_article(story(n))
    await digests.run(subscription.id)
    assert (await digests.run(subscription.id)).articles == 0  # nothing new: not posted
    await store.add_article(story(3))
    await digests.run(subscription.id)
    assert [answer.articles for _, answer in channel.posted] == [2, 1]
    assert sorted(channel.titles()[0]) == [
        "Story 1: Barzani meets envoy 1",
        "Story 2: Barzani meets envoy 2",
    ]
    assert channel.titles()[1] == ["Story 3: Barzani meets envoy 3"]
    assert (await store.subscription(subscription.id)).last_sent_at == T0


async def test_a_restart_neither_loses_nor_repeats(store: Store) -> None:
    clock, channel = Clock(T0), Channel()
    subscription = await subscribe(store, clock)
    await store.add_article(story(1))
    await DigestScheduler(store, channel.post, clock=clock).run(subscription.id)
    await store.add_article(story(2))  # while the bot is down
    restarted = DigestScheduler(store, channel.post, clock=clock)
    await restarted.run(subscription.id)
    assert channel.titles() == [
        ["Story 1: Barzani meets envoy 1"],
        ["Story 2: Barzani meets envoy 2"],
    ]


async def test_slots_missed_while_down_are_sent_once(store: Store) -> None:
    clock, channel = Clock(T0), Channel()
    subscription = await subscribe(store, clock)
    await store.add_article(story(1))
    clock.now = T0 + timedelta(days=3)  # three 08:00 slots passed while the bot was down
    assert missed(await store.subscription(subscription.id), clock.now)
    digests = DigestScheduler(store, channel.post, clock=clock)
    await digests.start()
    try:
        assert len(channel.posted) == 1 and channel.posted[0][1].articles == 1
        job = digests.scheduler.get_job(digests.job_id(subscription.id))  # on the real clock
        assert job.next_run_time == next_run(subscription, datetime.now(UTC))
    finally:
        digests.shutdown()
    again = DigestScheduler(store, channel.post, clock=clock)  # restarted at the same moment
    await again.start()
    again.shutdown()
    assert len(channel.posted) == 1


async def test_the_scheduled_job_runs_the_digest(store: Store) -> None:
    clock, channel = Clock(T0), Channel()
    subscription = await subscribe(store, clock, actor="Masrour Barzani")
    await store.add_article(story(1))
    await store.add_article(
        article("Unrelated", "The weather in Basra was hot.", actors=[actor("Basra", "place")])
    )
    digests = DigestScheduler(store, channel.post, clock=clock)
    await digests.start()
    try:
        job = digests.scheduler.get_job(digests.job_id(subscription.id))
        await job.func(*job.args)  # what APScheduler calls at 08:00
    finally:
        digests.shutdown()
    assert channel.titles() == [["Story 1: Barzani meets envoy 1"]]
    assert channel.posted[0][1].actor == "Masrour Barzani"


async def test_a_failing_channel_is_marked_and_the_others_go_on(store: Store) -> None:
    clock, channel = Clock(T0), Channel()
    gone = await subscribe(store, clock, channel_id=10)
    fine = await subscribe(store, clock, channel_id=11)
    await store.add_article(story(1))
    channel.refuse.add(10)
    digests = DigestScheduler(store, channel.post, clock=clock)
    assert await digests.run(gone.id) is None
    assert await digests.run(fine.id) is not None
    failed = await store.subscription(gone.id)
    assert failed.failing == "the channel no longer exists."
    assert failed.last_article_id == gone.last_article_id  # nothing was marked as sent
    channel.refuse.clear()
    assert (await digests.run(gone.id)).articles == 1  # the article was not lost
    assert (await store.subscription(gone.id)).failing is None


@pytest.mark.parametrize("first_sent", [True, False])
async def test_a_resubscription_counts_from_its_own_time(store: Store, first_sent: bool) -> None:
    """Changed to a time already past today, then restarted: no unscheduled catch-up."""
    clock, channel = Clock(T0), Channel()  # Friday 12:00
    subscription = await subscribe(store, clock, time="13:00")
    digests = DigestScheduler(store, channel.post, clock=clock)
    if first_sent:
        clock.now = T0 + timedelta(hours=1)  # Friday's 13:00 digest
        await digests.run(subscription.id)
    clock.now = T0 + timedelta(hours=22)  # Saturday 10:00: from now on at 09:00
    await subscribe(store, clock, time="09:00")
    await store.add_article(story(1))
    clock.now += timedelta(minutes=30)  # restarted
    posted = len(channel.posted)
    assert not missed(await store.subscription(subscription.id), clock.now)
    restarted = DigestScheduler(store, channel.post, clock=clock)
    await restarted.start()
    restarted.shutdown()
    assert len(channel.posted) == posted


async def test_an_empty_digest_is_posted_only_when_asked(store: Store) -> None:
    clock, channel = Clock(T0), Channel()
    quiet = await subscribe(store, clock, channel_id=10)
    chatty = await subscribe(store, clock, channel_id=11, post_empty=True)
    assert (quiet.post_empty, chatty.post_empty) == (False, True)
    digests = DigestScheduler(store, channel.post, clock=clock)
    clock.now = T0 + timedelta(hours=20)  # Saturday's 08:00 slot: nothing new
    assert (await digests.run(quiet.id)).articles == 0
    assert (await digests.run(chatty.id)).articles == 0
    assert [channel_id for channel_id, _ in channel.posted] == [11]
    assert (await store.subscription(quiet.id)).last_sent_at is None  # nothing was sent
    await store.add_article(story(1))  # after the slot; the bot restarts before the next one
    clock.now += timedelta(hours=3)
    restarted = DigestScheduler(store, channel.post, clock=clock)
    await restarted.start()  # the empty slot was handled: no catch-up
    restarted.shutdown()
    assert [channel_id for channel_id, _ in channel.posted] == [11]
    assert (await restarted.run(quiet.id)).articles == 1
    assert [channel_id for channel_id, _ in channel.posted] == [11, 10]


async def test_migrated_subscriptions_count_from_their_last_post(tmp_path: Path) -> None:
    """A store from before migration 0007: slots count from the last post, else the
    subscription's creation, and empty digests are skipped."""
    path = tmp_path / "v5.db"
    with sqlite3.connect(path) as conn:
        for number, script in migrations():
            if number <= 5:
                conn.executescript(script)
        conn.executescript(
            "INSERT INTO subscriptions (guild_id, channel_id, time, timezone, every,"
            " last_sent_at, created_at) VALUES"
            " (1, 10, '08:00', 'UTC', 'daily', '2026-03-26T08:00:00+00:00',"
            " '2026-03-01T12:00:00+00:00'),"
            " (1, 11, '08:00', 'UTC', 'daily', NULL, '2026-03-02T12:00:00+00:00');"
            "PRAGMA user_version = 5;"
        )
    async with await Store.open(path) as store:
        sent, never = await store.subscriptions()
    assert sent.handled_until == datetime(2026, 3, 26, 8, 0, tzinfo=UTC)
    assert never.handled_until == datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assert not sent.post_empty and not never.post_empty
