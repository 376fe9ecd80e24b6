"""Admin operations on feeds (add, remove, list, check now), for the cogs and the CLI alike:
plain data for the renderers, or a BriefbotError shown as is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.answers import FeedPoll
from bot.errors import BadQuery, IngestError, NotFound, echo
from bot.feeds.links import canonical_link
from bot.sources.fetch import parse_url

if TYPE_CHECKING:
    from bot.feeds.poller import FeedPoller
    from storage.feed_queries import Feed
    from storage.store import Store

DEFAULT_EVERY = 15  # minutes between polls
MIN_EVERY, MAX_EVERY = 5, 1440


@dataclass(frozen=True, slots=True)
class FeedAdded:
    feed: Feed
    new: bool  # False: it was followed already (its interval changed, and it is enabled)


def feed_url(text: str) -> str:
    """The feed's address as stored: an http(s) URL, canonical; BadQuery otherwise."""
    try:
        url = parse_url(text)
    except IngestError as error:
        raise BadQuery(f"'{echo(text)}': {error}") from None
    return canonical_link(str(url))


def check_every(every: int) -> int:
    if not MIN_EVERY <= every <= MAX_EVERY:
        raise BadQuery(f"Poll every {MIN_EVERY} to {MAX_EVERY} minutes (one day), not {every}.")
    return every


async def add(
    store: Store,
    url: str,
    every: int = DEFAULT_EVERY,
    *,
    now: datetime,
    guild_id: int | None = None,
    channel_id: int | None = None,
) -> FeedAdded:
    """Follow a feed (polled every `every` minutes); again for a followed one changes it."""
    feed, new = await store.add_feed(
        feed_url(url), check_every(every), guild_id=guild_id, channel_id=channel_id, now=now
    )
    return FeedAdded(feed, new)


async def remove(store: Store, url: str) -> Feed:
    """Stop following a feed (its articles stay); NotFound if it is not followed."""
    removed = await store.remove_feed(feed_url(url))
    if removed is None:
        raise NotFound(f"No feed {echo(url)} is followed.")
    return removed


async def feed_list(store: Store, guild_id: int | None = None) -> list[Feed]:
    return await store.feeds(guild_id)


async def check(poller: FeedPoller, url: str) -> FeedPoll:
    """Poll a followed feed now, backoff or not (a disabled one is enabled if it works)."""
    feed = await poller.store.feed_by_url(feed_url(url))
    if feed is None:
        raise NotFound(f"No feed {echo(url)} is followed; add it first.")
    return await poller.poll(feed, force=True)
