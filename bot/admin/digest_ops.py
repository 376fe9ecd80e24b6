"""Admin operations on digest subscriptions (subscribe, unsubscribe, list, send now)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.answers import Briefing
from bot.digests import next_run, parse_time, parse_timezone, posts
from bot.errors import BadQuery, NotFound
from bot.names import resolve_actor

if TYPE_CHECKING:
    from bot.digests import DigestScheduler
    from storage.subscription_queries import Subscription


@dataclass(frozen=True, slots=True)
class Subscribed:
    """A digest set up (or changed), and when its first run is due."""

    subscription: Subscription
    due: datetime


@dataclass(frozen=True, slots=True)
class Sent:
    """A digest run on demand, and whether it was posted (an empty one may be skipped)."""

    answer: Briefing
    posted: bool


@dataclass(frozen=True, slots=True)
class DigestList:
    """A server's digests, each with when its next run is due (by subscription id)."""

    subscriptions: list[Subscription]
    due: dict[int, datetime]


async def subscribe(
    digests: DigestScheduler,
    *,
    guild_id: int,
    channel_id: int,
    time: str,
    timezone: str,
    every: str,
    actor: str | None,
    post_empty: bool = False,
) -> Subscribed:
    """Post a digest of new articles in a channel at `time` (HH:MM in `timezone`), daily or
    weekly, about `actor` only if given, and with nothing new only if `post_empty`; replaces
    the channel's digest if it had one."""
    subscription = await digests.store.subscribe(
        guild_id=guild_id,
        channel_id=channel_id,
        time=parse_time(time),
        timezone=parse_timezone(timezone),
        every=every,
        actor=(await resolve_actor(digests.store, actor)).actor.name if actor else None,
        post_empty=post_empty,
        now=digests.clock(),
    )
    digests.schedule(subscription)
    return Subscribed(subscription, next_run(subscription, digests.clock()))


async def unsubscribe(digests: DigestScheduler, channel_id: int) -> Subscription:
    """Stop a channel's digest; NotFound if it has none."""
    removed = await digests.store.unsubscribe(channel_id)
    if removed is None:
        raise NotFound(f"There is no digest in {channel(channel_id)}.")
    digests.unschedule(removed.id)
    return removed


async def digest_list(digests: DigestScheduler, guild_id: int | None) -> DigestList:
    """A server's digests with their next runs."""
    subscriptions = await digests.store.subscriptions(guild_id)
    now = digests.clock()
    return DigestList(subscriptions, {s.id: next_run(s, now) for s in subscriptions})


async def send_digest(digests: DigestScheduler, channel_id: int) -> Sent:
    """Post a channel's digest now (the articles since its last one), unless it is empty and
    the subscription does not post empty ones."""
    subscription = await digests.store.subscription_for(channel_id)
    if subscription is None:
        raise NotFound(f"There is no digest in {channel(channel_id)}; subscribe it first.")
    answer = await digests.run(subscription.id)
    if answer is None:
        failed = await digests.store.subscription(subscription.id)
        reason = failed.failing if failed and failed.failing else "it was removed"
        raise BadQuery(f"Could not post in {channel(channel_id)}: {reason}")
    return Sent(answer, posts(subscription, answer))


def channel(channel_id: int) -> str:
    """How Discord shows a channel in a message: `<#id>`, its name as a link."""
    return f"<#{channel_id}>"
