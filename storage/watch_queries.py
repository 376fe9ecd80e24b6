"""Watches (table `watches`) and their alert log (`watch_alerts`): one alert per article per
watch, claimed before it is posted."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from storage.base import StoreBase
from storage.fts import MATCH_END, MATCH_START, fts_terms, unmark

_COLUMNS = "id, guild_id, channel_id, kind, target, role_id, created_at, failing"

ACTOR, KEYWORD = "actor", "keyword"


@dataclass(frozen=True, slots=True)
class Watch:
    id: int
    guild_id: int
    channel_id: int
    kind: str  # actor | keyword
    target: str  # the actor's canonical name, or the keyword
    role_id: int | None
    created_at: datetime  # UTC
    failing: str | None


@dataclass(frozen=True, slots=True)
class KeywordHit:
    """Where a keyword matched an article: a snippet and the offsets of the matched words."""

    snippet: str
    matches: list[tuple[int, int]]


def _watch(row: tuple) -> Watch:
    return Watch(*row[:6], datetime.fromisoformat(row[6]), row[7])


def keyword_query(keyword: str) -> str | None:
    """The FTS5 query of a keyword watch: every term of it, as `/search` matches first;
    None when the keyword has no word."""
    terms = fts_terms(keyword)
    return " ".join(terms) if terms else None


class WatchQueries(StoreBase):
    async def add_watch(
        self,
        *,
        guild_id: int,
        channel_id: int,
        kind: str,
        target: str,
        role_id: int | None,
        now: datetime,
    ) -> Watch:
        """Create the watch, or give an existing one the new role (and clear its failure)."""
        async with self._transaction() as db:
            await db.execute(
                "INSERT INTO watches (guild_id, channel_id, kind, target, role_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, kind, target)"
                " DO UPDATE SET role_id = excluded.role_id, failing = NULL",
                (guild_id, channel_id, kind, target, role_id, now.isoformat()),
            )
        watch = await self.watch_for(channel_id, kind, target)
        assert watch is not None
        return watch

    async def remove_watch(self, channel_id: int, kind: str, target: str) -> Watch | None:
        """Remove the watch; return it, or None if there was none."""
        existing = await self.watch_for(channel_id, kind, target)
        if existing is not None:
            async with self._transaction() as db:
                await db.execute("DELETE FROM watches WHERE id = ?", (existing.id,))
        return existing

    async def watches(self, guild_id: int | None = None) -> list[Watch]:
        where, params = ("WHERE guild_id = ?", (guild_id,)) if guild_id is not None else ("", ())
        rows = await self._all(f"SELECT {_COLUMNS} FROM watches {where} ORDER BY id", params)
        return [_watch(row) for row in rows]

    async def watch(self, watch_id: int) -> Watch | None:
        row = await self._one(f"SELECT {_COLUMNS} FROM watches WHERE id = ?", (watch_id,))
        return _watch(row) if row else None

    async def watch_for(self, channel_id: int, kind: str, target: str) -> Watch | None:
        row = await self._one(
            f"SELECT {_COLUMNS} FROM watches WHERE channel_id = ? AND kind = ? AND target = ?",
            (channel_id, kind, target),
        )
        return _watch(row) if row else None

    async def actor_watches_of(self, article_id: int) -> list[Watch]:
        """The actor watches whose actor the article mentions (as the parser resolved it)."""
        rows = await self._all(
            f"SELECT {', '.join('w.' + c for c in _COLUMNS.split(', '))} FROM watches w"
            " JOIN actors a ON a.name = w.target"
            " JOIN mentions m ON m.actor_id = a.id AND m.article_id = ?"
            " WHERE w.kind = 'actor' ORDER BY w.id",
            (article_id,),
        )
        return [_watch(row) for row in rows]

    async def keyword_watches(self) -> list[Watch]:
        rows = await self._all(
            f"SELECT {_COLUMNS} FROM watches WHERE kind = 'keyword' ORDER BY id", ()
        )
        return [_watch(row) for row in rows]

    async def keyword_hit(self, article_id: int, keyword: str) -> KeywordHit | None:
        """Where the article matches `keyword` in full text, as `/search` would find it; None
        if it does not."""
        query = keyword_query(keyword)
        if query is None:
            return None
        row = await self._one(
            "SELECT snippet(articles_fts, -1, ?, ?, '…', 16) FROM articles_fts"
            " WHERE articles_fts MATCH ? AND rowid = ?",
            (MATCH_START, MATCH_END, query, article_id),
        )
        return KeywordHit(*unmark(row[0])) if row else None

    async def claim_alert(self, watch_id: int, article_id: int, now: datetime) -> bool:
        """Log a pending alert of the article for the watch; False if it was logged before."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "INSERT INTO watch_alerts (watch_id, article_id, matched_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (watch_id, article_id, now.isoformat()),
            )
            return cursor.rowcount == 1

    async def pending_alerts(self) -> list[tuple[int, int]]:
        """(watch id, article id) of the alerts claimed but not yet posted, oldest first."""
        rows = await self._all(
            "SELECT watch_id, article_id FROM watch_alerts WHERE state = 'pending'"
            " ORDER BY matched_at, article_id, watch_id",
            (),
        )
        return [(row[0], row[1]) for row in rows]

    async def alerts_posted(self, alerts: list[tuple[int, int]]) -> None:
        """Mark these (watch id, article id) alerts sent and clear their watches' failures."""
        await self._settle(alerts, "sent", None)

    async def alerts_failed(self, alerts: list[tuple[int, int]], reason: str) -> None:
        """Mark these alerts failed (never retried) and their watches failing."""
        await self._settle(alerts, "failed", reason)

    async def _settle(self, alerts: list[tuple[int, int]], state: str, failing: str | None) -> None:
        pairs = json.dumps(alerts)
        async with self._transaction() as db:
            await db.execute(
                "UPDATE watch_alerts SET state = ? WHERE (watch_id, article_id) IN"
                " (SELECT value ->> 0, value ->> 1 FROM json_each(?))",
                (state, pairs),
            )
            await db.execute(
                "UPDATE watches SET failing = ? WHERE id IN (SELECT value ->> 0 FROM json_each(?))",
                (failing, pairs),
            )
