"""One APScheduler interval job per feed, rebuilt from the store at start (as digests are)."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.answers import FeedPoll
from bot.feeds.poller import FeedPoller
from storage.feed_queries import Feed

log = logging.getLogger(__name__)

START_SPREAD = timedelta(seconds=30)  # first polls after a start are spread over this


class FeedScheduler:
    """Polls each feed every `feed.every` minutes; a poll under way is cancelled at shutdown
    (the next start polls the feed again and skips what its log settled)."""

    def __init__(self, poller: FeedPoller) -> None:
        self.poller = poller
        self.store = poller.store
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._running: set[asyncio.Task[object]] = set()

    async def start(self) -> None:
        """Schedule every feed that is not disabled, each polled once soon after the start."""
        feeds = [feed for feed in await self.store.feeds() if feed.state != "disabled"]
        now = datetime.now(UTC)
        for position, feed in enumerate(feeds):
            self.schedule(feed, first=now + START_SPREAD * position / max(len(feeds), 1))
        self.scheduler.start()
        log.info("%d feeds scheduled", len(feeds))

    def schedule(self, feed: Feed, *, first: datetime | None = None) -> None:
        """Add or replace the feed's job; `first` is when it first runs (else after `every`)."""
        options = {"next_run_time": first} if first is not None else {}
        self.scheduler.add_job(
            self.run,
            IntervalTrigger(minutes=feed.every, timezone=UTC),
            args=[feed.id],
            id=self.job_id(feed.id),
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=feed.every * 60,
            **options,
        )

    def unschedule(self, feed_id: int) -> None:
        if self.scheduler.get_job(self.job_id(feed_id)):
            self.scheduler.remove_job(self.job_id(feed_id))

    @staticmethod
    def job_id(feed_id: int) -> str:
        return f"feed:{feed_id}"

    async def run(self, feed_id: int) -> FeedPoll | None:
        """The job: poll the feed; a feed disabled by this poll is no longer scheduled."""
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            poll = await self.poller.poll_id(feed_id)
        except Exception:
            log.exception("polling feed %d failed", feed_id)
            return None
        finally:
            self._running.discard(task)  # type: ignore[arg-type]
        if poll is None or poll.state == "disabled":
            self.unschedule(feed_id)
        return poll

    async def shutdown(self) -> None:
        """Stop the jobs and cancel the polls under way (their settled items stay settled)."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        running = list(self._running)
        for task in running:
            task.cancel()
        if running:
            await asyncio.wait(running, timeout=5)
