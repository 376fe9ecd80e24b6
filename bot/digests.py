"""Scheduled digests: one APScheduler cron job per subscription, rebuilt from the store.

Each run posts the articles ingested since the subscription's last successful digest
(`last_article_id`, moved on only after the post worked), so nothing is skipped or sent
twice across restarts; a run with nothing new posts nothing unless the subscription asks
(`post_empty`). A slot missed while the bot was down is caught up once at start.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from rapidfuzz import process

from bot import briefing
from bot.answers import Briefing
from bot.errors import BadQuery, BriefbotError, echo, visible
from storage.store import Store
from storage.subscription_queries import Subscription

log = logging.getLogger(__name__)

EVERY = ("daily", "weekly")
WEEKLY_ON = "mon"
MISFIRE_GRACE = 3600  # a run delayed by up to an hour (a busy loop) still happens, once
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


class DeliveryError(BriefbotError):
    """The digest could not be posted (the channel is gone, or the bot may not post there)."""


Post = Callable[[Subscription, Briefing], Awaitable[None]]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def parse_time(text: str) -> str:
    """`8:00` or `08:00` -> `08:00`; BadQuery for anything else."""
    match = _TIME.fullmatch(text.strip())
    if not visible(text):
        raise BadQuery("Give a time of day as HH:MM, e.g. 08:00 or 17:30.")
    if not match:
        raise BadQuery(f"'{echo(text)}' is not a time of day; use HH:MM, e.g. 08:00 or 17:30.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_timezone(name: str) -> str:
    """The canonical IANA name of `name` in any case, spaces for underscores (europe/berlin
    -> Europe/Berlin); BadQuery (with suggestions) otherwise."""
    if not visible(name):
        raise BadQuery("Give a timezone: an IANA name such as Europe/Berlin.")
    typed = name.strip().replace(" ", "_")
    canonical = _canonical_timezones().get(typed.casefold())
    if canonical is None:
        close = [zone for zone, _, _ in process.extract(typed, timezones(), limit=3)]
        raise BadQuery(
            f"'{echo(name)}' is not a timezone. Use an IANA name such as {', '.join(close)}."
        )
    return canonical


@cache
def timezones() -> list[str]:
    """Every IANA timezone name this machine knows, sorted."""
    return sorted(available_timezones())


@cache
def _canonical_timezones() -> dict[str, str]:
    return {zone.casefold(): zone for zone in timezones()}


def trigger(subscription: Subscription) -> CronTrigger:
    """Daily (or weekly on Mondays) at the subscription's time in its timezone, DST-aware."""
    hour, minute = map(int, subscription.time.split(":"))
    return CronTrigger(
        hour=hour,
        minute=minute,
        day_of_week=WEEKLY_ON if subscription.every == "weekly" else "*",
        timezone=ZoneInfo(subscription.timezone),
    )


def next_run(subscription: Subscription, now: datetime) -> datetime:
    """When the subscription's next digest is due, strictly after `now`."""
    due = trigger(subscription).get_next_fire_time(None, now + timedelta(seconds=1))
    assert due is not None  # a cron trigger without an end date always has a next time
    return due


def missed(subscription: Subscription, now: datetime) -> bool:
    """Whether a slot passed unhandled since the last run (or the subscription's last change)."""
    return next_run(subscription, subscription.handled_until) <= now


def posts(subscription: Subscription, answer: Briefing) -> bool:
    """Whether the digest `answer` is posted: when it has news, or empty ones are wanted."""
    return answer.articles > 0 or subscription.post_empty


class DigestScheduler:
    """Owns the APScheduler and the runs; `post` delivers a digest to its channel."""

    def __init__(self, store: Store, post: Post, *, clock: Clock = utc_now) -> None:
        self.store = store
        self.post = post
        self.clock = clock
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._locks: dict[int, asyncio.Lock] = {}

    async def start(self) -> None:
        """Schedule every stored subscription, start, then catch up missed slots once each."""
        subscriptions = await self.store.subscriptions()
        for subscription in subscriptions:
            self.schedule(subscription)
        self.scheduler.start()
        log.info("%d digest subscriptions scheduled", len(subscriptions))
        now = self.clock()
        for subscription in subscriptions:
            if missed(subscription, now):
                log.info("catching up the missed digest of channel %d", subscription.channel_id)
                await self.run(subscription.id)

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def schedule(self, subscription: Subscription) -> None:
        """Add or replace the subscription's job."""
        self.scheduler.add_job(
            self.run,
            trigger(subscription),
            args=[subscription.id],
            id=self.job_id(subscription.id),
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=MISFIRE_GRACE,
        )

    def unschedule(self, subscription_id: int) -> None:
        if self.scheduler.get_job(self.job_id(subscription_id)):
            self.scheduler.remove_job(self.job_id(subscription_id))

    @staticmethod
    def job_id(subscription_id: int) -> str:
        return f"digest:{subscription_id}"

    async def run(self, subscription_id: int) -> Briefing | None:
        """Post the subscription's digest now (unless it is empty and not wanted: `posts`);
        record it on success, the failure otherwise.

        Returns the digest, or None if the subscription is gone or the post failed."""
        lock = self._locks.setdefault(subscription_id, asyncio.Lock())
        async with lock:  # the job and `/digest send` never post the same articles twice
            subscription = await self.store.subscription(subscription_id)
            if subscription is None:
                return None
            try:
                answer = await briefing.digest(
                    self.store, after_id=subscription.last_article_id, actor=subscription.actor
                )
                if not posts(subscription, answer):
                    await self.store.digest_skipped(subscription.id, self.clock())
                    return answer
                await self.post(subscription, answer)
            except BriefbotError as error:  # DeliveryError, or an actor that is gone
                log.warning("digest for channel %d failed: %s", subscription.channel_id, error)
                await self.store.digest_failed(subscription.id, str(error))
                return None
            except Exception:
                log.exception("digest for channel %d failed", subscription.channel_id)
                await self.store.digest_failed(subscription.id, "an internal error (logged)")
                return None
            await self.store.digest_sent(subscription.id, answer.last_article_id, self.clock())
            return answer
