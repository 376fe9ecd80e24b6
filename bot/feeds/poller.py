"""Polling feeds politely (conditional GET, a per-host limit, backoff, Retry-After) and
ingesting each new item once, whatever feed it comes from and however often we restart.

An item's outcome is written in the same transaction as its article (or alone, for a
duplicate or a skip), and a feed's validators (ETag, Last-Modified) only once all its items
are settled: a poll cut short is simply done again, and the log skips what it settled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import aclosing, asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from html import escape

from yarl import URL

from bot.answers import FeedPoll, ItemReport
from bot.config import Settings
from bot.errors import DuplicateArticle, IngestError
from bot.feeds.links import canonical_link
from bot.feeds.parse import FeedItem, ParsedFeed, read_feed
from bot.ingestion import Ingestor
from bot.models import Origin, SourceDocument
from bot.parse.pool import WorkerDied
from bot.sources import (
    Fetched,
    FetchFailed,
    HttpRefused,
    content_hash,
    document_from_html,
    fetch,
    fetch_url,
)
from storage.feed_queries import Delivery, Feed

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9,"
    " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
FEED_MAX_BYTES = 5 * 1024 * 1024  # the largest feed read; real ones are well under 1 MB
# A feed's own text of an item (content:encoded, Atom content) is stored without fetching
# the page when its cleaned text has at least this many characters (a few paragraphs).
FULL_TEXT_MIN_CHARS = 1500
PER_HOST = 2  # requests under way to one host at a time
IN_FLIGHT = 64  # requests under way in all
DISABLE_AFTER = timedelta(hours=24)  # a feed failing this long is disabled
MAX_BACKOFF = timedelta(hours=6)
MAX_RETRY_AFTER = timedelta(hours=24)
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})  # an item fetch worth retrying

Clock = Callable[[], datetime]
Disabled = Callable[[Feed, str], Awaitable[None]]  # a feed just disabled, and why


def utc_now() -> datetime:
    return datetime.now(UTC)


class HostLimits:
    """At most `per_host` requests to one host, and `total` in all, at a time."""

    def __init__(self, per_host: int = PER_HOST, total: int = IN_FLIGHT) -> None:
        self.per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._total = asyncio.Semaphore(total)

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = (URL(url).host or "").lower()
        async with self._hosts.setdefault(host, asyncio.Semaphore(self.per_host)), self._total:
            yield


def backoff(feed: Feed) -> timedelta:
    """How long after a failure to poll again: the feed's interval, doubled for every failure
    before this one, at most `MAX_BACKOFF`."""
    return min(timedelta(minutes=feed.every) * 2 ** min(feed.failures, 16), MAX_BACKOFF)


def retry_after(value: str | None, now: datetime) -> timedelta:
    """A Retry-After header (seconds or an HTTP date) as a wait, at most `MAX_RETRY_AFTER`;
    zero when absent or unreadable."""
    if not value:
        return timedelta(0)
    value = value.strip()
    if value.isdigit():
        wait = timedelta(seconds=int(value))
    else:
        try:
            wait = parsedate_to_datetime(value) - now
        except (TypeError, ValueError):
            return timedelta(0)
    return max(timedelta(0), min(wait, MAX_RETRY_AFTER))


class FeedPoller:
    """Polls feeds and ingests their new items through the `Ingestor` (the same fetch,
    cleaning and parse pool as `/ingest url`)."""

    def __init__(
        self,
        ingestor: Ingestor,
        settings: Settings,
        *,
        clock: Clock = utc_now,
        on_disabled: Disabled | None = None,
    ) -> None:
        self.ingestor = ingestor
        self.store = ingestor.store
        self.clock = clock
        self.on_disabled = on_disabled
        self.max_age = timedelta(days=settings.feed_max_age_days)
        self.page_policy = ingestor.fetch_policy
        self.feed_policy = replace(ingestor.fetch_policy, max_bytes=FEED_MAX_BYTES)
        self.limits = HostLimits()
        self._locks: dict[int, asyncio.Lock] = {}

    async def poll_all(self) -> list[FeedPoll]:
        """Poll every feed that is not disabled (those waiting out a backoff say so)."""
        feeds = [feed for feed in await self.store.feeds() if feed.state != "disabled"]
        return list(await asyncio.gather(*(self.poll(feed) for feed in feeds)))

    async def poll_id(self, feed_id: int) -> FeedPoll | None:
        """A scheduled poll; None when the feed is gone or disabled."""
        feed = await self.store.feed(feed_id)
        if feed is None or feed.state == "disabled":
            return None
        return await self.poll(feed)

    async def poll(self, feed: Feed, *, force: bool = False) -> FeedPoll:
        """Poll one feed now; `force` polls even a feed waiting out a backoff or disabled."""
        async with self._locks.setdefault(feed.id, asyncio.Lock()):  # one poll of it at a time
            feed = await self.store.feed(feed.id) or feed
            now = self.clock()
            if not force and feed.next_after is not None and now < feed.next_after:
                return FeedPoll(
                    feed.url, feed.title, "waiting", feed.state, waiting_until=feed.next_after
                )
            try:
                fetched = await self._fetch_feed(feed)
                if fetched.status == 304:
                    await self.store.feed_polled(feed.id, at=now)
                    return FeedPoll(feed.url, feed.title, "not modified", "ok")
                parsed = await asyncio.to_thread(
                    read_feed, fetched.data, str(fetched.url), fetched.content_type
                )
            except IngestError as error:
                return await self._failed(feed, error, now)
            items, known = await self._read_items(feed, parsed)
            await self.store.feed_polled(
                feed.id,
                at=self.clock(),
                title=parsed.title,
                etag=fetched.headers.get("ETag"),
                last_modified=fetched.headers.get("Last-Modified"),
                read_items=True,
            )
            first = feed.first_polled is None
            title = parsed.title or feed.title
            return FeedPoll(feed.url, title, "read", "ok", items, known, first_poll=first)

    async def _fetch_feed(self, feed: Feed) -> Fetched:
        """The feed, or a 304 when it has not changed since the validators we hold."""
        headers = {}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        async with self.limits.slot(feed.url):
            return await fetch(feed.url, self.feed_policy, accept=FEED_ACCEPT, headers=headers)

    async def _failed(self, feed: Feed, error: IngestError, now: datetime) -> FeedPoll:
        """Record a failed poll: failing, with a backoff (longer if the server asked), or
        disabled once failing for `DISABLE_AFTER`, which the admins are told of."""
        message = str(error)
        since = feed.failing_since or now
        if now - since >= DISABLE_AFTER:
            state, next_after = "disabled", None
        else:
            asked = retry_after(error.retry_after, now) if isinstance(error, HttpRefused) else None
            state, next_after = "failing", now + max(backoff(feed), asked or timedelta(0))
        await self.store.feed_failed(
            feed.id, at=now, error=message, state=state, next_after=next_after
        )
        log.warning("feed %s: %s (%s)", feed.url, message, state)
        if state == "disabled" and self.on_disabled is not None:
            try:
                await self.on_disabled(feed, message)
            except Exception:
                log.exception("could not tell the admins that %s was disabled", feed.url)
        return FeedPoll(
            feed.url, feed.title, "failed", state, error=message, waiting_until=next_after
        )

    async def _read_items(self, feed: Feed, parsed: ParsedFeed) -> tuple[list[ItemReport], int]:
        """Settle every item the log has not: the reports, in feed order, and how many items
        were settled before."""
        fresh = list({item.guid: item for item in reversed(parsed.items)}.values())[::-1]
        settled = await self.store.settled_items(feed.id, [item.guid for item in fresh])
        fresh = [item for item in fresh if item.guid not in settled]
        origin = Origin.FEED_FIRST_POLL if feed.first_polled is None else Origin.FEED
        prepared = await asyncio.gather(*(self._prepare(item, parsed.title) for item in fresh))
        reports: dict[str, ItemReport] = {}
        pending: list[tuple[FeedItem, SourceDocument]] = []
        for item, result in zip(fresh, prepared, strict=True):
            if isinstance(result, Delivery):
                await self.store.record_delivery(feed.id, result, self.clock())
                reports[item.guid] = _report(result)
            else:
                pending.append((item, result))
        async for item, report in self._store_all(feed, pending, origin):
            reports[item.guid] = report
        return [reports[item.guid] for item in fresh], len(parsed.items) - len(fresh)

    async def _store_all(
        self, feed: Feed, pending: list[tuple[FeedItem, SourceDocument]], origin: Origin
    ) -> AsyncIterator[tuple[FeedItem, ItemReport]]:
        """Parse the fetched items in the pool and store each with its log entry."""
        if not pending:
            return
        left = iter(pending)
        articles = self.ingestor.parsed([document for _, document in pending])
        async with aclosing(articles):
            async for parsed in articles:
                item, _ = next(left)
                if isinstance(parsed, WorkerDied):  # not settled: tried again next poll
                    entry = _delivery(item, "skipped", reason=str(parsed), final=False)
                    await self.store.record_delivery(feed.id, entry, self.clock())
                    yield item, _report(entry)
                    continue
                entry = _delivery(item, "stored", content_hash=parsed.content_hash)
                try:
                    article_id = await self.store.store_feed_article(
                        feed.id, parsed, entry, self.clock()
                    )
                except DuplicateArticle as duplicate:
                    entry = replace(entry, outcome="duplicate", article_id=duplicate.existing_id)
                    await self.store.record_delivery(feed.id, entry, self.clock())
                    yield item, _report(entry)
                    continue
                await self.ingestor.announce(article_id, parsed, origin)
                yield item, _report(replace(entry, article_id=article_id))

    async def _prepare(self, item: FeedItem, feed_title: str | None) -> Delivery | SourceDocument:
        """The item's document to parse, or its outcome when it is known, too old, or cannot
        be had."""
        shared_guid = item.guid if ":" in item.guid and not item.guid.startswith("title:") else None
        known = await self.store.delivered_as(guid=shared_guid, link=item.link)
        if known is not None:
            return _delivery(item, "duplicate", article_id=known)
        oldest = self.clock().date() - self.max_age
        if item.published is not None and item.published < oldest:
            days = self.max_age.days
            reason = f"too old (published {item.published}; the limit is {days} days)"
            return _delivery(item, "skipped", reason=reason)
        try:
            document = await self._document(item)
        except HttpRefused as refused:
            reason = f"fetch failed: the server answered {refused.status}"
            final = refused.status not in RETRY_STATUSES
            return _delivery(item, "skipped", reason=reason, final=final)
        except FetchFailed as error:
            return _delivery(item, "skipped", reason=f"fetch failed: {error}", final=False)
        except IngestError as error:
            return _delivery(item, "skipped", reason=f"not an article: {error}")
        return await self._finish(item, document, feed_title)

    async def _document(self, item: FeedItem) -> SourceDocument:
        """The feed's own full text when long enough, else the page it links to."""
        if item.content:
            own = await asyncio.to_thread(_feed_text, item)
            if own is not None:
                return own
        if not item.link:
            raise IngestError("the item has no link and too little text of its own.")
        async with self.limits.slot(item.link):
            return await fetch_url(item.link, policy=self.page_policy)

    async def _finish(
        self, item: FeedItem, document: SourceDocument, feed_title: str | None
    ) -> Delivery | SourceDocument:
        """Date the document by the item when the page has no date; a duplicate by its text."""
        document.url = item.link if document.url is None else canonical_link(document.url)
        if document.published is None and item.published is not None:
            document.published, document.published_basis = item.published, "feed"
        document.source = document.source or feed_title
        digest = content_hash(document.text)
        known = await self.store.duplicate_of(digest, document.url)
        if known is None:
            known = await self.store.delivered_as(guid=None, link=None, content_hash=digest)
        if known is not None:
            return _delivery(item, "duplicate", article_id=known, content_hash=digest)
        return document


def _feed_text(item: FeedItem) -> SourceDocument | None:
    """The item's own text as a document, None when it is too short to stand for the page."""
    title = escape(item.title)
    page = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{item.content}</article></body></html>"
    )
    try:
        document = document_from_html(page, url=item.link)
    except IngestError:
        return None
    return document if len(document.text) >= FULL_TEXT_MIN_CHARS else None


def _delivery(item: FeedItem, outcome: str, **values: object) -> Delivery:
    return Delivery(item.guid, item.link, item.title, outcome, **values)  # type: ignore[arg-type]


def _report(entry: Delivery) -> ItemReport:
    return ItemReport(entry.title or "", entry.link, entry.outcome, entry.article_id, entry.reason)
