"""Digest subscriptions (table `subscriptions`): one per channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.base import StoreBase

_COLUMNS = (
    "id, guild_id, channel_id, time, timezone, every, actor, last_article_id, last_sent_at,"
    " created_at, failing, post_empty, handled_until"
)


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    guild_id: int
    channel_id: int
    time: str  # HH:MM in `timezone`
    timezone: str  # IANA name
    every: str  # daily | weekly
    actor: str | None
    last_article_id: int
    last_sent_at: datetime | None  # UTC
    created_at: datetime  # UTC
    failing: str | None
    post_empty: bool  # post a digest with nothing new ("No new articles"); else skip it
    # UTC: the slots up to here are handled (posted, skipped as empty, or before the
    # subscription was set up or last changed); a restart catches up the later ones
    handled_until: datetime


def _subscription(row: tuple) -> Subscription:
    sent = datetime.fromisoformat(row[8]) if row[8] else None
    created, handled = datetime.fromisoformat(row[9]), datetime.fromisoformat(row[12])
    return Subscription(*row[:8], sent, created, row[10], bool(row[11]), handled)


class Subscriptions(StoreBase):
    async def subscribe(
        self,
        *,
        guild_id: int,
        channel_id: int,
        time: str,
        timezone: str,
        every: str,
        actor: str | None,
        post_empty: bool,
        now: datetime,
    ) -> Subscription:
        """Create or replace the channel's subscription; it starts after the newest article,
        and its slots count from `now` (a changed time is not caught up at the next start)."""
        async with self._transaction() as db:
            await db.execute(
                "INSERT INTO subscriptions (guild_id, channel_id, time, timezone, every, actor,"
                " post_empty, last_article_id, last_sent_at, created_at, handled_until)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(id), 0) FROM articles), NULL,"
                " ?, ?)"
                " ON CONFLICT (channel_id) DO UPDATE SET time = excluded.time,"
                " timezone = excluded.timezone, every = excluded.every, actor = excluded.actor,"
                " post_empty = excluded.post_empty, handled_until = excluded.handled_until,"
                " failing = NULL",
                (
                    guild_id,
                    channel_id,
                    time,
                    timezone,
                    every,
                    actor,
                    post_empty,
                    now.isoformat(),
                    now.isoformat(),
                ),
            )
        subscription = await self.subscription_for(channel_id)
        assert subscription is not None
        return subscription

    async def unsubscribe(self, channel_id: int) -> Subscription | None:
        """Remove the channel's subscription; return it, or None if there was none."""
        existing = await self.subscription_for(channel_id)
        if existing is not None:
            async with self._transaction() as db:
                await db.execute("DELETE FROM subscriptions WHERE id = ?", (existing.id,))
        return existing

    async def subscriptions(self, guild_id: int | None = None) -> list[Subscription]:
        where, params = ("WHERE guild_id = ?", (guild_id,)) if guild_id is not None else ("", ())
        rows = await self._all(f"SELECT {_COLUMNS} FROM subscriptions {where} ORDER BY id", params)
        return [_subscription(row) for row in rows]

    async def subscription(self, subscription_id: int) -> Subscription | None:
        row = await self._one(
            f"SELECT {_COLUMNS} FROM subscriptions WHERE id = ?", (subscription_id,)
        )
        return _subscription(row) if row else None

    async def subscription_for(self, channel_id: int) -> Subscription | None:
        row = await self._one(
            f"SELECT {_COLUMNS} FROM subscriptions WHERE channel_id = ?", (channel_id,)
        )
        return _subscription(row) if row else None

    async def digest_sent(
        self, subscription_id: int, last_article_id: int | None, at: datetime
    ) -> None:
        """Record a successful post: the watermark moves on, the slot is handled and any
        failure is cleared."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE subscriptions SET last_sent_at = ?, handled_until = ?, failing = NULL,"
                " last_article_id = max(last_article_id, coalesce(?, 0)) WHERE id = ?",
                (at.isoformat(), at.isoformat(), last_article_id, subscription_id),
            )

    async def digest_skipped(self, subscription_id: int, at: datetime) -> None:
        """Record a slot with nothing new, not posted: handled, and any failure cleared."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE subscriptions SET handled_until = ?, failing = NULL WHERE id = ?",
                (at.isoformat(), subscription_id),
            )

    async def digest_failed(self, subscription_id: int, reason: str) -> None:
        async with self._transaction() as db:
            await db.execute(
                "UPDATE subscriptions SET failing = ? WHERE id = ?", (reason, subscription_id)
            )
