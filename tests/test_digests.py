"""Digest scheduling on a controllable clock: windows, restarts, missed slots, failures."""

from __future__ import annotations

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
    values = {"time": "08:00", "timezone": "UTC", "every": "daily", "actor": None} | options
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
    await digests.run(subscription.id)
    await store.add_article(story(3))
    await digests.run(subscription.id)
    assert [answer.articles for _, answer in channel.posted] == [2, 0, 1]
    assert sorted(channel.titles()[0]) == [
        "Story 1: Barzani meets envoy 1",
        "Story 2: Barzani meets envoy 2",
    ]
    assert channel.titles()[2] == ["Story 3: Barzani meets envoy 3"]
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
