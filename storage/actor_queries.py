"""Read queries about actors: the name directory, profiles, rankings, pairs."""

from __future__ import annotations

from datetime import date

from bot.answers import ActorCount, ArticleRef, CoActor, EventView, QuoteView, RoleSeen
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
    published_of,
    ref,
    to_date,
)


def _events_of_actor(where: str, order: str) -> str:
    """The first :limit events of actor :actor meeting `where` in `order`, where `{published}`
    stands for the article's date: ordered on cheap columns, then built for that page only."""
    pick = (
        "SELECT e.id FROM event_participants p JOIN events e ON e.id = p.event_id"
        f" WHERE p.actor_id = :actor {where}"
        f" ORDER BY {order.format(published=published_of('e.article_id'))} LIMIT :limit"
    )
    return events_in_order(pick, order.format(published="ar.published"))


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
            "SELECT s.value FROM mentions m, json_each(m.surfaces) s WHERE m.actor_id = ?"
            " GROUP BY s.value ORDER BY count(*) DESC, s.value LIMIT ?",
            (actor_id, limit),
        )
        return [row[0] for row in rows]

    async def actor_stats(self, actor_id: int) -> ActorStats:
        row = await self._one(
            # MATERIALIZED: each date is looked up once, not once per aggregate using it.
            "WITH seen AS MATERIALIZED (SELECT m.count AS n,"
            f" {published_of('m.article_id')} AS published FROM mentions m WHERE m.actor_id = ?)"
            " SELECT coalesce(sum(n), 0), count(*), count(*) - count(published),"
            " min(published), max(published) FROM seen",
            (actor_id,),
        )
        assert row is not None  # an aggregate always returns a row
        return ActorStats(row[0], row[1], row[2], to_date(row[3]), to_date(row[4]))

    async def actor_roles(self, actor_id: int, limit: int = 10) -> list[RoleSeen]:
        """Titles seen next to the actor, most frequent first, with first/last dates seen."""
        rows = await self._all(
            "SELECT role, min(seen_on), max(seen_on), count(*) FROM actor_roles"
            " WHERE actor_id = ? GROUP BY role ORDER BY count(*) DESC, max(seen_on) DESC LIMIT ?",
            (actor_id, limit),
        )
        return [RoleSeen(r[0], to_date(r[1]), to_date(r[2]), r[3]) for r in rows]

    async def co_actors(self, actor_id: int, limit: int = 8) -> list[CoActor]:
        """The actors sharing the most articles with this one."""
        rows = await self._all(
            "SELECT a.name, a.kind, count(*) AS shared"
            " FROM mentions m1"
            " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.actor_id <> m1.actor_id"
            " JOIN actors a ON a.id = m2.actor_id"
            " WHERE m1.actor_id = ?"
            " GROUP BY m2.actor_id ORDER BY shared DESC, a.mention_count DESC, a.name LIMIT ?",
            (actor_id, limit),
        )
        return [CoActor(*row) for row in rows]

    async def recent_events(self, actor_id: int, limit: int = 5) -> list[EventView]:
        """The actor's events, newest first (by event date, else article date; undated last)."""
        rows = await self._all(
            _events_of_actor("", "coalesce(e.start_date, {published}) DESC NULLS LAST, e.id DESC"),
            {"actor": actor_id, "limit": limit},
        )
        return [event(row) for row in rows]

    async def timeline_events(
        self, actor_id: int, since: date | None, until: date | None, limit: int = 200
    ) -> list[EventView]:
        """The actor's dated events overlapping [since, until], oldest first."""
        rows = await self._all(
            _events_of_actor(
                "AND e.start_date IS NOT NULL AND (:since IS NULL OR e.end_date >= :since)"
                " AND (:until IS NULL OR e.start_date <= :until)",
                "e.start_date, e.end_date, e.id",
            ),
            {"actor": actor_id, "since": iso(since), "until": iso(until), "limit": limit},
        )
        return [event(row) for row in rows]

    async def undated_events(self, actor_id: int, limit: int = 50) -> list[EventView]:
        """The actor's events without a resolved date, by article date."""
        rows = await self._all(
            _events_of_actor("AND e.start_date IS NULL", "{published} NULLS LAST, e.id"),
            {"actor": actor_id, "limit": limit},
        )
        return [event(row) for row in rows]

    async def shared_events(self, first: int, second: int, limit: int = 100) -> list[EventView]:
        """Events both actors took part in, oldest first, undated last."""
        rows = await self._all(
            _events_of_actor(
                "AND EXISTS (SELECT 1 FROM event_participants p2"
                " WHERE p2.event_id = e.id AND p2.actor_id = :other)",
                "e.start_date NULLS LAST, e.end_date, {published}, e.id",
            ),
            {"actor": first, "other": second, "limit": limit},
        )
        return [event(row) for row in rows]

    async def shared_articles(self, first: int, second: int, limit: int = 20) -> list[ArticleRef]:
        """Articles mentioning both actors, newest first."""
        rows = await self._all(
            f"SELECT {REF_COLUMNS} FROM articles ar WHERE ar.id IN (SELECT m1.article_id"
            " FROM mentions m1 JOIN mentions m2 ON m2.article_id = m1.article_id"
            " AND m2.actor_id = :second WHERE m1.actor_id = :first"
            f" ORDER BY {published_of('m1.article_id')} DESC NULLS LAST, m1.article_id DESC"
            " LIMIT :limit) ORDER BY ar.published DESC NULLS LAST, ar.id DESC",
            {"first": first, "second": second, "limit": limit},
        )
        return [ref(row) for row in rows]

    async def actor_quotes(self, actor_id: int, limit: int = 5) -> list[QuoteView]:
        """What the actor was quoted saying, newest articles first."""
        rows = await self._all(
            f"SELECT a.name, q.text, {REF_COLUMNS} FROM quotes q"
            " JOIN actors a ON a.id = q.actor_id JOIN articles ar ON ar.id = q.article_id"
            " WHERE q.id IN (SELECT q1.id FROM quotes q1 WHERE q1.actor_id = :actor"
            f" ORDER BY {published_of('q1.article_id')} DESC NULLS LAST, q1.id LIMIT :limit)"
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
