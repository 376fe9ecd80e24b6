"""Read queries about actors: the name directory, profiles, rankings, pairs."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from bot.answers import ActorCount, ArticleRef, CoActor, EventView, QuoteView, RoleSeen
from bot.errors import NotFound
from storage.base import StoreBase
from storage.rows import (
    REF_COLUMNS,
    ActorEntry,
    ActorStats,
    AliasEntry,
    Directory,
    event,
    events_in_order,
    iso,
    ref,
    to_date,
)


def _events_of_actor(where: str, pick_order: str, order: str) -> str:
    """The first :limit events of actor :actor meeting `where` in `pick_order`, both over its
    participant rows `p` (which carry the event's dates and its article's), then built for
    that page only and put in `order` (over `events e` and `articles ar`)."""
    pick = (
        f"SELECT p.event_id FROM event_participants p WHERE p.actor_id = :actor {where}"
        f" ORDER BY {pick_order} LIMIT :limit"
    )
    return events_in_order(pick, order)


class ActorQueries(StoreBase):
    _directory: tuple[int, Directory] | None = None

    async def actor_directory(self) -> Directory:
        """Every actor, most mentioned first, and every alias (cached until the next write)."""
        if self._directory and self._directory[0] == self.generation:
            return self._directory[1]
        generation = self.generation
        actors = await self._all(
            "SELECT id, name, kind, norm, mention_count, article_count FROM actors"
            " ORDER BY mention_count DESC, article_count DESC, name"
        )
        aliases = await self._all("SELECT alias_norm, alias, actor_id FROM actor_aliases")
        directory = Directory(
            [ActorEntry(*row) for row in actors], [AliasEntry(*row) for row in aliases]
        )
        self._directory = (generation, directory)
        return directory

    async def alias_map(self) -> dict[str, str]:
        """Declared alias → canonical name, for the parser."""
        rows = await self._all(
            "SELECT al.alias, a.name FROM actor_aliases al JOIN actors a ON a.id = al.actor_id"
        )
        return dict(rows)

    async def actor_aliases(self, actor_id: int) -> list[str]:
        rows = await self._all(
            "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (actor_id,)
        )
        return [row[0] for row in rows]

    async def actor_surfaces(self, actor_id: int, limit: int = 10) -> list[str]:
        """How articles wrote the actor's name, most frequent first."""
        rows = await self._all(
            "SELECT surface FROM actor_surfaces WHERE actor_id = ?"
            " ORDER BY articles DESC, surface LIMIT ?",
            (actor_id, limit),
        )
        return [row[0] for row in rows]

    async def actor_spellings(self, name: str) -> list[str]:
        """Every way the actor called `name` is known: its name, its aliases and how articles
        wrote it."""
        rows = await self._all(
            "SELECT a.name FROM actors a WHERE a.name = :name"
            " UNION SELECT al.alias FROM actor_aliases al JOIN actors a ON a.id = al.actor_id"
            "  WHERE a.name = :name"
            " UNION SELECT s.surface FROM actor_surfaces s JOIN actors a ON a.id = s.actor_id"
            "  WHERE a.name = :name",
            {"name": name},
        )
        return [row[0] for row in rows]

    async def actor_stats(self, actor_id: int) -> ActorStats:
        """Counts kept on the actor's row, dates read off the ends of its mentions' index."""
        row = await self._one(
            "SELECT mention_count, article_count,"
            " (SELECT count(*) FROM mentions WHERE actor_id = :actor AND published IS NULL),"
            " (SELECT min(published) FROM mentions WHERE actor_id = :actor),"
            " (SELECT max(published) FROM mentions WHERE actor_id = :actor)"
            " FROM actors WHERE id = :actor",
            {"actor": actor_id},
        )
        if row is None:
            raise NotFound(f"No actor #{actor_id}.")
        return ActorStats(row[0], row[1], row[2], to_date(row[3]), to_date(row[4]))

    async def actor_roles(self, actor_id: int, limit: int = 10) -> list[RoleSeen]:
        """Titles seen next to the actor, most frequent first, with first/last dates seen."""
        rows = await self._all(
            "SELECT role, min(seen_on), max(seen_on), count(*) FROM actor_roles"
            " WHERE actor_id = ? GROUP BY role ORDER BY count(*) DESC, max(seen_on) DESC LIMIT ?",
            (actor_id, limit),
        )
        return [RoleSeen(r[0], to_date(r[1]), to_date(r[2]), r[3]) for r in rows]

    async def role_articles(self, actor_id: int, roles: Iterable[str]) -> int:
        """How many articles gave the actor one of the titles `roles`."""
        row = await self._one(
            "SELECT count(DISTINCT article_id) FROM actor_roles"
            " WHERE actor_id = ? AND role IN (SELECT value FROM json_each(?))",
            (actor_id, json.dumps(list(roles), ensure_ascii=False)),
        )
        return row[0] if row else 0

    async def co_actors(self, actor_id: int, limit: int = 8) -> list[CoActor]:
        """The actors sharing the most articles with this one (from the kept pair counts)."""
        rows = await self._all(
            "SELECT a.name, a.kind, c.shared FROM co_mentions c JOIN actors a ON a.id = c.other_id"
            " WHERE c.actor_id = ? ORDER BY c.shared DESC, a.mention_count DESC, a.name LIMIT ?",
            (actor_id, limit),
        )
        return [CoActor(*row) for row in rows]

    async def recent_events(self, actor_id: int, limit: int = 5) -> list[EventView]:
        """The actor's events, newest first (by event date, else article date; undated last)."""
        rows = await self._all(
            _events_of_actor(
                "",
                "coalesce(p.start_date, p.published) DESC NULLS LAST, p.event_id DESC",
                "coalesce(e.start_date, ar.published) DESC NULLS LAST, e.id DESC",
            ),
            {"actor": actor_id, "limit": limit},
        )
        return [event(row) for row in rows]

    async def timeline_events(
        self, actor_id: int, since: date | None, until: date | None, limit: int = 200
    ) -> list[EventView]:
        """The actor's dated events overlapping [since, until], oldest first."""
        rows = await self._all(
            _events_of_actor(
                "AND p.start_date IS NOT NULL AND (:since IS NULL OR p.end_date >= :since)"
                " AND (:until IS NULL OR p.start_date <= :until)",
                "p.start_date, p.end_date, p.event_id",
                "e.start_date, e.end_date, e.id",
            ),
            {"actor": actor_id, "since": iso(since), "until": iso(until), "limit": limit},
        )
        return [event(row) for row in rows]

    async def undated_events(self, actor_id: int, limit: int = 50) -> list[EventView]:
        """The actor's events without a resolved date, by article date."""
        rows = await self._all(
            _events_of_actor(
                "AND p.start_date IS NULL",
                "p.published NULLS LAST, p.event_id",
                "ar.published NULLS LAST, e.id",
            ),
            {"actor": actor_id, "limit": limit},
        )
        return [event(row) for row in rows]

    async def shared_events(self, first: int, second: int, limit: int = 100) -> list[EventView]:
        """Events both actors took part in, oldest first, undated last."""
        first, second = await self._rarer_first(first, second)
        rows = await self._all(
            _events_of_actor(
                "AND EXISTS (SELECT 1 FROM event_participants p2"
                " WHERE p2.event_id = p.event_id AND p2.actor_id = :other)",
                "p.start_date NULLS LAST, p.end_date, p.published, p.event_id",
                "e.start_date NULLS LAST, e.end_date, ar.published, e.id",
            ),
            {"actor": first, "other": second, "limit": limit},
        )
        return [event(row) for row in rows]

    async def shared_articles(self, first: int, second: int, limit: int = 20) -> list[ArticleRef]:
        """Articles mentioning both actors, newest first."""
        first, second = await self._rarer_first(first, second)
        rows = await self._all(
            f"SELECT {REF_COLUMNS} FROM articles ar WHERE ar.id IN (SELECT m1.article_id"
            " FROM mentions m1 JOIN mentions m2 ON m2.article_id = m1.article_id"
            " AND m2.actor_id = :second WHERE m1.actor_id = :first"
            " ORDER BY m1.published DESC NULLS LAST, m1.article_id DESC"
            " LIMIT :limit) ORDER BY ar.published DESC NULLS LAST, ar.id DESC",
            {"first": first, "second": second, "limit": limit},
        )
        return [ref(row) for row in rows]

    async def _rarer_first(self, first: int, second: int) -> tuple[int, int]:
        """The two actors, the one in fewer articles first: queries on a pair walk its rows."""
        row = await self._one(
            "SELECT id FROM actors WHERE id IN (?, ?) ORDER BY article_count, id LIMIT 1",
            (first, second),
        )
        return (second, first) if row and row[0] == second else (first, second)

    async def actor_quotes(self, actor_id: int, limit: int = 5) -> list[QuoteView]:
        """What the actor was quoted saying, newest articles first, each in the order quoted."""
        rows = await self._all(
            f"SELECT a.name, q.text, {REF_COLUMNS} FROM quotes q"
            " JOIN actors a ON a.id = q.actor_id JOIN articles ar ON ar.id = q.article_id"
            " WHERE q.id IN (SELECT q1.id FROM quotes q1 WHERE q1.actor_id = :actor"
            " ORDER BY q1.published DESC NULLS LAST, q1.id LIMIT :limit)"
            " ORDER BY ar.published DESC NULLS LAST, q.id",
            {"actor": actor_id, "limit": limit},
        )
        return [QuoteView(row[0], row[1], ref(row, 2)) for row in rows]

    async def top_actors(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        kind: str | None = None,
        with_actor: int | None = None,
        limit: int = 15,
    ) -> list[ActorCount]:
        """Most mentioned actors in articles published in [since, until] (and mentioning
        `with_actor`, which is left out); all time uses the kept counts."""
        if since is None and until is None and with_actor is None:
            rows = await self._all(
                "SELECT name, kind, mention_count, article_count FROM actors"
                " WHERE article_count > 0 AND (:kind IS NULL OR kind = :kind)"
                " ORDER BY mention_count DESC, article_count DESC, name LIMIT :limit",
                {"kind": kind, "limit": limit},
            )
            return [ActorCount(*row) for row in rows]
        window = ["ar.published >= :since"] if since else []
        window += ["ar.published <= :until"] if until else []
        if with_actor is not None:
            window += [
                "m.actor_id <> :actor",
                "m.article_id IN (SELECT article_id FROM mentions WHERE actor_id = :actor)",
            ]
        rows = await self._all(
            "SELECT a.name, a.kind, sum(m.count) AS n, count(*) AS articles"
            " FROM articles ar JOIN mentions m ON m.article_id = ar.id"
            " JOIN actors a ON a.id = m.actor_id"
            f" WHERE {' AND '.join(window)} AND (:kind IS NULL OR a.kind = :kind)"
            " GROUP BY m.actor_id ORDER BY n DESC, articles DESC, a.name LIMIT :limit",
            {
                "since": iso(since),
                "until": iso(until),
                "actor": with_actor,
                "kind": kind,
                "limit": limit,
            },
        )
        return [ActorCount(*row) for row in rows]
