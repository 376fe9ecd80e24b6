"""Read queries about a briefing's window of articles and what is new in it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.answers import ActorCount
from storage.base import StoreBase
from storage.rows import ArticleRow, iso, to_date

_IN = "IN (SELECT value FROM json_each(:{}))"


@dataclass(frozen=True, slots=True)
class Window:
    """The articles a briefing covers: published in [since, until] when either is given
    (undated articles only when neither is), stored after article `after_id` when given
    (ids grow with every article and are never reused), mentioning actor `actor_id` when given.
    """

    since: date | None = None
    until: date | None = None
    after_id: int | None = None
    actor_id: int | None = None

    @property
    def has_start(self) -> bool:
        """Whether articles can come before the window: it starts at a date or an id."""
        return self.since is not None or self.after_id is not None

    def where(self) -> str:
        """The window as a condition on `articles ar`."""
        clauses = ["ar.published >= :since"] if self.since else []
        clauses += ["ar.published <= :until"] if self.until else []
        clauses += ["ar.id > :after_id"] if self.after_id is not None else []
        if self.actor_id is not None:
            clauses += ["ar.id IN (SELECT article_id FROM mentions WHERE actor_id = :actor_id)"]
        return " AND ".join(clauses) or "1"

    def before(self) -> str:
        """Articles before the window's start, as a condition on `articles ar` (undated
        articles are never before a date); only meaningful when `has_start`."""
        clauses = ["ar.published < :since"] if self.since else []
        clauses += ["ar.id <= :after_id"] if self.after_id is not None else []
        return f"({' OR '.join(clauses) or '0'})"

    def params(self) -> dict[str, Any]:
        return {
            "since": iso(self.since),
            "until": iso(self.until),
            "after_id": self.after_id,
            "actor_id": self.actor_id,
        }


@dataclass(frozen=True, slots=True)
class WindowArticle:
    """An article of a window: its row, and its text to find near-duplicates by."""

    row: ArticleRow
    text: str


@dataclass(frozen=True, slots=True)
class WindowSize:
    articles: int
    last_id: int | None  # the highest article id in the window


class WindowQueries(StoreBase):
    async def window_size(self, window: Window) -> WindowSize:
        row = await self._one(
            f"SELECT count(*), max(ar.id) FROM articles ar WHERE {window.where()}", window.params()
        )
        assert row is not None
        return WindowSize(*row)

    async def window_articles(self, window: Window, limit: int) -> list[WindowArticle]:
        """The window's `limit` newest articles (by publication date, then id), by id."""
        rows = await self._all(
            "SELECT * FROM (SELECT ar.id, ar.title, ar.source, ar.url, ar.published,"
            f" ar.published_basis, ar.summary, ar.text FROM articles ar WHERE {window.where()}"
            " ORDER BY ar.published DESC NULLS LAST, ar.id DESC LIMIT :limit) ORDER BY id",
            window.params() | {"limit": limit},
        )
        return [
            WindowArticle(ArticleRow(*r[:4], to_date(r[4]), r[5], json.loads(r[6])), r[7])
            for r in rows
        ]

    async def top_actors_of(
        self, article_ids: list[int], *, leave_out: int | None, limit: int
    ) -> list[ActorCount]:
        """The actors most mentioned in those articles (then in most of them), but one."""
        rows = await self._all(
            "SELECT a.name, a.kind, sum(m.count) AS n, count(*) AS articles"
            " FROM mentions m JOIN actors a ON a.id = m.actor_id"
            f" WHERE m.article_id {_IN.format('ids')} AND m.actor_id IS NOT :leave_out"
            " GROUP BY m.actor_id ORDER BY n DESC, articles DESC, a.name LIMIT :limit",
            {"ids": json.dumps(article_ids), "leave_out": leave_out, "limit": limit},
        )
        return [ActorCount(*row) for row in rows]

    async def seen_before(self, window: Window, names: list[str]) -> set[str]:
        """Those of the named actors that an article before the window mentions."""
        rows = await self._all(
            f"SELECT a.name FROM actors a WHERE a.name {_IN.format('names')}"
            " AND EXISTS (SELECT 1 FROM mentions m JOIN articles ar ON ar.id = m.article_id"
            f" WHERE m.actor_id = a.id AND {window.before()})",
            window.params() | {"names": json.dumps(names)},
        )
        return {row[0] for row in rows}

    async def roles_new_in(self, window: Window, names: list[str]) -> dict[str, list[str]]:
        """Roles seen with the named actors in the window and never (in any case) before it,
        most seen first, by actor name."""
        rows = await self._all(
            "SELECT a.name, min(r.role) FROM actor_roles r JOIN actors a ON a.id = r.actor_id"
            f" WHERE a.name {_IN.format('names')}"
            f" AND r.article_id IN (SELECT ar.id FROM articles ar WHERE {window.where()})"
            " AND NOT EXISTS (SELECT 1 FROM actor_roles seen"
            " JOIN articles ar ON ar.id = seen.article_id"
            " WHERE seen.actor_id = r.actor_id AND seen.role = r.role COLLATE NOCASE"
            f" AND {window.before()})"
            " GROUP BY a.id, r.role COLLATE NOCASE ORDER BY a.id, count(*) DESC, min(r.role)",
            window.params() | {"names": json.dumps(names)},
        )
        roles: dict[str, list[str]] = {}
        for name, role in rows:
            roles.setdefault(name, []).append(role)
        return roles
