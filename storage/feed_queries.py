"""Feeds (table `feeds`) and their delivery log (table `feed_items`): one entry per item."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bot.models import ParsedArticle
from storage.base import StoreBase
from storage.writes import insert_article

_COLUMNS = (
    "id, url, title, every, state, etag, last_modified, last_checked, last_error, failing_since,"
    " failures, next_after, first_polled, guild_id, channel_id, created_at,"
    " (SELECT count(*) FROM feed_items fi WHERE fi.feed_id = feeds.id"
    "  AND fi.outcome = 'stored' AND fi.article_id IS NOT NULL)"
)
_TIMES = (7, 9, 11, 12, 15)  # positions of the datetime columns


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    title: str | None
    every: int  # minutes between polls
    state: str  # ok | failing | disabled
    etag: str | None
    last_modified: str | None
    last_checked: datetime | None  # UTC, as every time here
    last_error: str | None
    failing_since: datetime | None
    failures: int  # consecutive failed polls
    next_after: datetime | None  # no scheduled poll before this
    first_polled: datetime | None  # None until its current items were read once
    guild_id: int | None
    channel_id: int | None
    created_at: datetime
    articles: int  # articles stored from it


@dataclass(frozen=True, slots=True)
class Delivery:
    """What became of one feed item: stored as #N, a duplicate of #N, or skipped and why."""

    guid: str
    link: str | None
    title: str | None
    outcome: str  # stored | duplicate | skipped
    article_id: int | None = None
    reason: str | None = None
    content_hash: str | None = None
    final: bool = True  # False: a skip to try again on a later poll


def _feed(row: tuple) -> Feed:
    values = list(row)
    for position in _TIMES:
        values[position] = datetime.fromisoformat(values[position]) if values[position] else None
    return Feed(*values)


def _at(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


_UPSERT_DELIVERY = (
    "INSERT INTO feed_items (feed_id, guid, link, title, content_hash, outcome, article_id,"
    " reason, final, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (feed_id, guid) DO UPDATE SET link = excluded.link, title = excluded.title,"
    " content_hash = excluded.content_hash, outcome = excluded.outcome,"
    " article_id = excluded.article_id, reason = excluded.reason, final = excluded.final,"
    " at = excluded.at"
)


def _delivery_values(feed_id: int, item: Delivery, at: datetime) -> tuple:
    return (
        feed_id,
        item.guid,
        item.link,
        item.title,
        item.content_hash,
        item.outcome,
        item.article_id,
        item.reason,
        int(item.final),
        at.isoformat(),
    )


class FeedQueries(StoreBase):
    async def add_feed(
        self, url: str, every: int, *, guild_id: int | None, channel_id: int | None, now: datetime
    ) -> tuple[Feed, bool]:
        """Follow `url` (or change how often, and enable it again, if it is followed already);
        the feed and whether it is new."""
        existing = await self.feed_by_url(url)
        async with self._transaction() as db:
            await db.execute(
                "INSERT INTO feeds (url, every, guild_id, channel_id, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET every = excluded.every,"
                " state = 'ok', failures = 0, failing_since = NULL, next_after = NULL,"
                " guild_id = coalesce(excluded.guild_id, guild_id),"
                " channel_id = coalesce(excluded.channel_id, channel_id)",
                (url, every, guild_id, channel_id, now.isoformat()),
            )
        feed = await self.feed_by_url(url)
        assert feed is not None
        return feed, existing is None

    async def remove_feed(self, url: str) -> Feed | None:
        """Stop following `url` (its log goes, its articles stay); the feed, or None."""
        existing = await self.feed_by_url(url)
        if existing is not None:
            async with self._transaction() as db:
                await db.execute("DELETE FROM feeds WHERE id = ?", (existing.id,))
        return existing

    async def feeds(self, guild_id: int | None = None) -> list[Feed]:
        where, params = ("WHERE guild_id = ?", (guild_id,)) if guild_id is not None else ("", ())
        rows = await self._all(f"SELECT {_COLUMNS} FROM feeds {where} ORDER BY id", params)
        return [_feed(row) for row in rows]

    async def feed(self, feed_id: int) -> Feed | None:
        row = await self._one(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", (feed_id,))
        return _feed(row) if row else None

    async def feed_by_url(self, url: str) -> Feed | None:
        row = await self._one(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,))
        return _feed(row) if row else None

    async def settled_items(self, feed_id: int, guids: list[str]) -> set[str]:
        """Those of `guids` this feed's log has settled (stored, duplicate or skipped for good)."""
        rows = await self._all(
            "SELECT guid FROM feed_items WHERE feed_id = ? AND final = 1"
            " AND guid IN (SELECT value FROM json_each(?))",
            (feed_id, json.dumps(guids, ensure_ascii=False)),
        )
        return {row[0] for row in rows}

    async def delivered_as(
        self, *, guid: str | None, link: str | None, content_hash: str | None = None
    ) -> int | None:
        """The article an item with this guid, canonical link or text became in any feed."""
        row = await self._one(
            "SELECT article_id FROM feed_items WHERE article_id IS NOT NULL"
            " AND (guid = ? OR link = ? OR content_hash = ?) LIMIT 1",
            (guid, link, content_hash),
        )
        return row[0] if row else None

    async def record_delivery(self, feed_id: int, item: Delivery, at: datetime) -> None:
        async with self._transaction() as db:
            await db.execute(_UPSERT_DELIVERY, _delivery_values(feed_id, item, at))

    async def store_feed_article(
        self, feed_id: int, parsed: ParsedArticle, item: Delivery, at: datetime
    ) -> int:
        """Store the article and its log entry (as stored #id) in one transaction; its id.
        DuplicateArticle, writing nothing, when its text or URL is stored already."""
        async with self._transaction() as db:
            article_id = await insert_article(db, parsed)
            stored = Delivery(
                item.guid, item.link, item.title, "stored", article_id, None, parsed.content_hash
            )
            await db.execute(_UPSERT_DELIVERY, _delivery_values(feed_id, stored, at))
        return article_id

    async def feed_polled(
        self,
        feed_id: int,
        *,
        at: datetime,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        read_items: bool = False,
    ) -> None:
        """A poll that worked: the feed is ok again; new validators are kept (a 304 keeps the
        old ones); `read_items` marks its items as read once."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE feeds SET state = 'ok', last_checked = ?, last_error = NULL,"
                " failing_since = NULL, failures = 0, next_after = NULL,"
                " title = coalesce(?, title), etag = coalesce(?, etag),"
                " last_modified = coalesce(?, last_modified),"
                " first_polled = CASE WHEN ? THEN coalesce(first_polled, ?) ELSE first_polled END"
                " WHERE id = ?",
                (at.isoformat(), title, etag, last_modified, read_items, at.isoformat(), feed_id),
            )

    async def feed_failed(
        self, feed_id: int, *, at: datetime, error: str, state: str, next_after: datetime | None
    ) -> None:
        """A poll that failed: the error, the new state and when to try again."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE feeds SET state = ?, last_checked = ?, last_error = ?,"
                " failing_since = coalesce(failing_since, ?), failures = failures + 1,"
                " next_after = ? WHERE id = ?",
                (state, at.isoformat(), error, at.isoformat(), _at(next_after), feed_id),
            )
