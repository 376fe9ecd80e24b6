"""Watches: a newly stored article that mentions a watched actor (as the parser resolved it)
or matches a watched keyword (in full text, as `/search` does) is alerted in the channel.

Each alert is claimed in the store's alert log before it is posted, so it is posted once per
article per watch; the ones claimed but not posted when the bot stopped are posted at start.
A channel gets at most `BURST` messages a minute: more alerts than that are folded into one.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.answers import ArticleRef, EventView
from bot.digests import Clock, DeliveryError, utc_now
from bot.models import Origin, ParsedArticle
from storage.store import Store
from storage.watch_queries import ACTOR, Watch

log = logging.getLogger(__name__)

BURST = 5  # alert messages per channel per WINDOW; more alerts than that fold into one
WINDOW = 60.0  # seconds
DELAY = 2.0  # seconds an alert waits for others to the same channel before it is posted
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+|\n+")


@dataclass(frozen=True, slots=True)
class Alert:
    """One article for one watch: where it matched, and the actor's event in it if any."""

    watch: Watch
    article: ArticleRef
    sentence: str  # the sentence naming the actor, or the keyword's snippet
    matches: list[tuple[int, int]]  # offsets in `sentence` of what matched
    event: EventView | None

    @property
    def key(self) -> tuple[int, int]:
        return (self.watch.id, self.article.id)


Post = Callable[[int, list[Alert], bool], Awaitable[None]]  # channel id, alerts, folded


def sentence_around(text: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The sentence of `text` holding `text[start:end]`, and that span's offsets in it."""
    begin = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        begin = boundary.end()
    after = _SENTENCE_END.search(text, end)
    finish = after.start() if after else len(text)
    return text[begin:finish].strip(), (start - begin, end - begin)


def first_mention(text: str, surfaces: list[str]) -> tuple[int, int] | None:
    """Offsets of the earliest whole-word occurrence of any of `surfaces` in `text`."""
    found = [
        (m.start(), m.end())
        for surface in surfaces
        if surface and (m := re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", text))
    ]
    return min(found) if found else None


async def actor_alert(store: Store, watch: Watch, article_id: int) -> Alert | None:
    """The alert of an actor watch: the first sentence naming the actor, and its first event
    in the article; None if the article is gone or does not mention the actor."""
    row = await store.article_row(article_id)
    actors = (await store.actors_of([article_id])).get(article_id, [])
    surfaces = next((a.mentions for a in actors if a.name == watch.target), None)
    if row is None or surfaces is None:
        return None
    text = (await store.get_document(article_id)).text
    at = first_mention(text, [*surfaces, watch.target])
    sentence, span = sentence_around(text, *at) if at else ("", (0, 0))
    events = (await store.events_of([article_id])).get(article_id, [])
    event = next((e for e in events if watch.target in e.participants), None)
    if not sentence and event is not None:
        sentence, span = event.sentence, (0, 0)
    return Alert(watch, row.ref, sentence, [span] if span != (0, 0) else [], event)


async def keyword_alert(store: Store, watch: Watch, article_id: int) -> Alert | None:
    """The alert of a keyword watch, with the snippet `/search` would show; None if the
    article is gone or does not match."""
    hit = await store.keyword_hit(article_id, watch.target)
    row = await store.article_row(article_id) if hit else None
    if hit is None or row is None:
        return None
    return Alert(watch, row.ref, hit.snippet, hit.matches, None)


async def alert_for(store: Store, watch: Watch, article_id: int) -> Alert | None:
    build = actor_alert if watch.kind == ACTOR else keyword_alert
    return await build(store, watch, article_id)


async def matching_watches(store: Store, article_id: int) -> list[Watch]:
    """Every watch the stored article triggers: its actors' watches, then keyword matches."""
    found = await store.actor_watches_of(article_id)
    hits: dict[str, bool] = {}
    for watch in await store.keyword_watches():
        if watch.target not in hits:
            hits[watch.target] = await store.keyword_hit(article_id, watch.target) is not None
        if hits[watch.target]:
            found.append(watch)
    return found


@dataclass(slots=True)
class _Channel:
    """A channel's alerts waiting to be posted, and when its recent messages were posted."""

    waiting: list[Alert] = field(default_factory=list)
    posted: list[float] = field(default_factory=list)  # monotonic times, the last WINDOW
    flush: asyncio.TimerHandle | None = None


class WatchNotifier:
    """Matches newly stored articles against the watches and posts their alerts through
    `post`, folding bursts. `monotonic` (seconds) and `clock` (UTC) can be replaced in tests."""

    def __init__(
        self,
        store: Store,
        post: Post,
        *,
        delay: float = DELAY,
        monotonic: Callable[[], float] = time.monotonic,
        clock: Clock = utc_now,
    ) -> None:
        self.store = store
        self.post = post
        self.delay = delay
        self.monotonic = monotonic
        self.clock = clock
        self._channels: dict[int, _Channel] = {}
        self._posting: set[asyncio.Task[None]] = set()

    async def on_stored(self, article_id: int, parsed: ParsedArticle, origin: Origin) -> None:
        """The Ingestor's hook: queue the article's alerts (none on a feed's first poll)."""
        if origin is Origin.FEED_FIRST_POLL:
            return
        for watch in await matching_watches(self.store, article_id):
            if await self.store.claim_alert(watch.id, article_id, self.clock()):
                await self._queue(watch, article_id)

    async def start(self) -> None:
        """Queue the alerts claimed but not posted before the last stop."""
        pending = await self.store.pending_alerts()
        for watch_id, article_id in pending:
            watch = await self.store.watch(watch_id)
            if watch is not None:
                await self._queue(watch, article_id)
        if pending:
            log.info("%d pending watch alerts queued", len(pending))

    async def _queue(self, watch: Watch, article_id: int) -> None:
        alert = await alert_for(self.store, watch, article_id)
        if alert is None:  # deleted meanwhile
            await self.store.alerts_posted([(watch.id, article_id)])
            return
        channel = self._channels.setdefault(watch.channel_id, _Channel())
        channel.waiting.append(alert)
        if channel.flush is None:
            self._flush_later(watch.channel_id, self.delay)

    def _flush_later(self, channel_id: int, delay: float) -> None:
        loop = asyncio.get_running_loop()
        self._channels[channel_id].flush = loop.call_later(delay, self._start_flush, channel_id)

    def _start_flush(self, channel_id: int) -> None:
        task = asyncio.create_task(self.flush(channel_id), name=f"watch-alerts:{channel_id}")
        self._posting.add(task)
        task.add_done_callback(self._posting.discard)

    async def flush(self, channel_id: int) -> None:
        """Post what waits for the channel: each alert on its own while the channel has had
        fewer than BURST messages in the last WINDOW, else all of them folded into one; when
        the channel has had its BURST, wait until the oldest of them is a WINDOW old."""
        channel = self._channels.get(channel_id)
        if channel is None:
            return
        if channel.flush is not None:  # called before its time (tests, or a caller's choice)
            channel.flush.cancel()
            channel.flush = None
        now = self.monotonic()
        channel.posted = [t for t in channel.posted if now - t < WINDOW]
        room = BURST - len(channel.posted)
        if room <= 0:
            self._flush_later(channel_id, channel.posted[0] + WINDOW - now)
            return
        alerts, channel.waiting = channel.waiting, []
        if not alerts:
            return
        if len(alerts) > room:
            await self._post(channel, alerts, alerts, folded=True)
            return
        for number, alert in enumerate(alerts):
            if not await self._post(channel, [alert], alerts[number:], folded=False):
                return  # the channel failed: the rest failed with it

    async def _post(
        self, channel: _Channel, alerts: list[Alert], at_stake: list[Alert], *, folded: bool
    ) -> bool:
        """Post `alerts`; if that fails, record every alert `at_stake` as failed. Whether
        it worked."""
        channel_id = alerts[0].watch.channel_id
        try:
            await self.post(channel_id, alerts, folded)
        except DeliveryError as error:
            log.warning("watch alerts for channel %d failed: %s", channel_id, error)
            await self.store.alerts_failed([a.key for a in at_stake], str(error))
            return False
        except Exception:
            log.exception("watch alerts for channel %d failed", channel_id)
            await self.store.alerts_failed([a.key for a in at_stake], "an internal error (logged)")
            return False
        channel.posted.append(self.monotonic())
        await self.store.alerts_posted([a.key for a in alerts])
        return True

    async def close(self) -> None:
        """Stop the timers and wait for posts under way; what waits stays pending in the store
        and is posted at the next start."""
        for channel in self._channels.values():
            if channel.flush is not None:
                channel.flush.cancel()
        if self._posting:
            await asyncio.wait(self._posting)
