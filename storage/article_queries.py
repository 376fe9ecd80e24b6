"""Read queries about articles, dates and full text."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from bot.answers import (
    ActorInArticle,
    ArticleRef,
    DateHit,
    DateInArticle,
    EventView,
    QuoteView,
    SearchHit,
)
from bot.errors import NotFound
from bot.models import Interval, SourceDocument
from storage.base import StoreBase
from storage.fts import MATCH_END, MATCH_START, any_phrase, fts_terms, unmark
from storage.rows import (
    EVENT_COLUMNS,
    REF_COLUMNS,
    ArticleRow,
    StoreStats,
    event,
    events_in_order,
    iso,
    ref,
    to_date,
)

T = TypeVar("T")

# Intervals up to this long are "narrow" (wide = 0): their start lies at most this far before
# any day they overlap, which bounds the index range scanned by overlap queries.
_NARROW = timedelta(days=366)

_OVERLAPS = """{t}.end_date >= :start AND (
    ({t}.wide = 0 AND {t}.start_date BETWEEN :low AND :end)
    OR ({t}.wide = 1 AND {t}.start_date <= :end))"""

_ARTICLE_COLUMNS = "id, title, source, url, published, published_basis, summary"

# Full-text matches ranked per search: the newest ones, when a common word matches more.
SEARCH_CANDIDATES = 5000

_IDS = "IN (SELECT value FROM json_each(:ids))"

# Columns read by `_document`: keep in step with it.
_DOCUMENT_COLUMNS = "text, title, published, published_basis, source, url, dateline_place"


def _overlap_params(interval: Interval, limit: int) -> dict[str, Any]:
    return {
        "start": iso(interval.start),
        "end": iso(interval.end),
        "low": iso(max(interval.start, date.min + _NARROW) - _NARROW),
        "limit": limit,
    }


def _document(row: Sequence[Any]) -> SourceDocument:
    """A SourceDocument from the _DOCUMENT_COLUMNS."""
    return SourceDocument(row[0], row[1], to_date(row[2]), *row[3:])


def _article_row(row: Sequence[Any]) -> ArticleRow:
    return ArticleRow(*row[:4], to_date(row[4]), row[5], json.loads(row[6]))


def _grouped(rows: list[tuple], build: Callable[[tuple], T]) -> dict[int, list[T]]:
    """Rows whose first column is an article id, built and grouped by it (order kept)."""
    groups: dict[int, list[T]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(build(row))
    return groups


class ArticleQueries(StoreBase):
    async def article_ids(self) -> list[int]:
        return [row[0] for row in await self._all("SELECT id FROM articles ORDER BY id")]

    async def article_row(self, article_id: int) -> ArticleRow | None:
        row = await self._one(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        )
        return _article_row(row) if row else None

    async def article_rows(self, after_id: int = 0, limit: int = 200) -> list[ArticleRow]:
        """A page of articles by id, for walking the whole store."""
        rows = await self._all(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?",
            (after_id, limit),
        )
        return [_article_row(row) for row in rows]

    async def get_document(self, article_id: int) -> SourceDocument:
        """The stored source document, to parse it again."""
        row = await self._one(
            f"SELECT {_DOCUMENT_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        )
        if not row:
            raise NotFound(f"No article #{article_id}.")
        return _document(row)

    async def get_documents(self, article_ids: list[int]) -> dict[int, SourceDocument]:
        """The stored source documents of those of `article_ids` still there, in that order."""
        rows = await self._all(
            f"SELECT id, {_DOCUMENT_COLUMNS} FROM articles WHERE id {_IDS}",
            {"ids": json.dumps(article_ids)},
        )
        found = {row[0]: _document(row[1:]) for row in rows}
        return {article_id: found[article_id] for article_id in article_ids if article_id in found}

    async def articles_containing(self, phrases: list[str]) -> list[int]:
        """Ids of the articles whose title or text holds any of `phrases` (as whole words,
        case and accents aside), in id order; found with the full-text index."""
        query = any_phrase(phrases)
        if query is None:
            return []
        rows = await self._all(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", (query,)
        )
        return [row[0] for row in rows]

    async def articles_between(
        self, since: date | None = None, until: date | None = None, *, limit: int = 50
    ) -> list[ArticleRef]:
        """Articles published in [since, until], newest first."""
        dated = ["ar.published IS NOT NULL"]
        dated += ["ar.published >= :since"] if since else []
        dated += ["ar.published <= :until"] if until else []
        rows = await self._all(
            f"SELECT {REF_COLUMNS} FROM articles ar WHERE {' AND '.join(dated)}"
            " ORDER BY ar.published DESC, ar.id DESC LIMIT :limit",
            {"since": iso(since), "until": iso(until), "limit": limit},
        )
        return [ref(row) for row in rows]

    async def latest_published(self, actor_id: int | None = None) -> date | None:
        """The newest publication date (of articles mentioning `actor_id`, if given)."""
        if actor_id is None:
            row = await self._one("SELECT max(published) FROM articles")
        else:
            row = await self._one(
                "SELECT max(published) FROM mentions WHERE actor_id = ?", (actor_id,)
            )
        return to_date(row[0]) if row else None

    async def events_overlapping(self, interval: Interval, limit: int = 50) -> list[EventView]:
        """Events whose interval overlaps `interval`, oldest first."""
        order = "e.start_date, e.end_date, e.id"
        rows = await self._all(
            events_in_order(
                f"SELECT e.id FROM events e WHERE {_OVERLAPS.format(t='e')}"
                f" ORDER BY {order} LIMIT :limit",
                order,
            ),
            _overlap_params(interval, limit),
        )
        return [event(row) for row in rows]

    async def date_hits(self, interval: Interval, limit: int = 50) -> list[DateHit]:
        """Articles mentioning a date that overlaps `interval`, with those dates' texts."""
        # The page of articles is picked off the covering range index alone (migration 0005);
        # only its articles' rows and date texts are read.
        rows = await self._all(
            "WITH page AS MATERIALIZED (SELECT d.article_id AS id FROM date_mentions d"
            f" WHERE {_OVERLAPS.format(t='d')} GROUP BY d.article_id"
            " ORDER BY d.published NULLS LAST, d.article_id LIMIT :limit)"
            f" SELECT {REF_COLUMNS}, (SELECT json_group_array(DISTINCT t.text)"
            " FROM date_mentions t INDEXED BY date_mentions_article"
            f" WHERE t.article_id = ar.id AND {_OVERLAPS.format(t='t')})"
            " FROM page JOIN articles ar ON ar.id = page.id"
            " ORDER BY ar.published NULLS LAST, ar.id",
            _overlap_params(interval, limit),
        )
        return [DateHit(ref(row), json.loads(row[5])) for row in rows]

    async def search(self, text: str, limit: int = 10) -> list[SearchHit]:
        """Full-text matches, best first: all terms, else any term; of a word in more than
        SEARCH_CANDIDATES articles, the best of the newest. Never a syntax error."""
        terms = fts_terms(text)
        if not terms:
            return []
        hits = await self._match(" ".join(terms), limit)
        if not hits and len(terms) > 1:
            hits = await self._match(" OR ".join(terms), limit)
        return hits

    async def _match(self, query: str, limit: int) -> list[SearchHit]:
        # Ranks the newest SEARCH_CANDIDATES matches only (bm25 costs a read of every match's
        # positions), then builds snippets for the page of hits only: MATERIALIZED and CROSS
        # JOIN keep SQLite from scanning every match again for the snippets.
        rows = await self._all(
            "WITH ranked AS MATERIALIZED (SELECT rowid AS id, bm25(articles_fts, 4.0, 1.0) AS score"
            " FROM articles_fts WHERE articles_fts MATCH :query AND rowid >= coalesce(("
            "  SELECT rowid FROM articles_fts WHERE articles_fts MATCH :query"
            "  ORDER BY rowid DESC LIMIT 1 OFFSET :newest), 0)"
            " ORDER BY score LIMIT :limit)"
            f" SELECT {REF_COLUMNS}, snippet(articles_fts, -1, :start, :end, '…', 16), ranked.score"
            " FROM ranked CROSS JOIN articles_fts ON articles_fts.rowid = ranked.id"
            " JOIN articles ar ON ar.id = ranked.id"
            " WHERE articles_fts MATCH :query ORDER BY ranked.score, ranked.id",
            {
                "query": query,
                "newest": SEARCH_CANDIDATES - 1,
                "limit": limit,
                "start": MATCH_START,
                "end": MATCH_END,
            },
        )
        return [SearchHit(ref(row), *unmark(row[5]), row[6]) for row in rows]

    async def actors_of(self, article_ids: list[int]) -> dict[int, list[ActorInArticle]]:
        """The actors of each article, in parse order."""
        rows = await self._all(
            "SELECT m.article_id, a.name, a.kind, m.count, m.surfaces"
            f" FROM mentions m JOIN actors a ON a.id = m.actor_id WHERE m.article_id {_IDS}"
            " ORDER BY m.article_id, m.seq",
            {"ids": json.dumps(article_ids)},
        )
        return _grouped(rows, lambda r: ActorInArticle(r[1], r[2], r[3], json.loads(r[4])))

    async def events_of(self, article_ids: list[int]) -> dict[int, list[EventView]]:
        rows = await self._all(
            f"SELECT e.article_id, {EVENT_COLUMNS}"
            f" FROM events e JOIN articles ar ON ar.id = e.article_id WHERE e.article_id {_IDS}"
            " ORDER BY e.article_id, e.id",
            {"ids": json.dumps(article_ids)},
        )
        return _grouped(rows, lambda r: event(r, 1))

    async def quotes_of(self, article_ids: list[int]) -> dict[int, list[QuoteView]]:
        rows = await self._all(
            f"SELECT q.article_id, a.name, q.text, {REF_COLUMNS}"
            " FROM quotes q LEFT JOIN actors a ON a.id = q.actor_id"
            f" JOIN articles ar ON ar.id = q.article_id WHERE q.article_id {_IDS}"
            " ORDER BY q.article_id, q.id",
            {"ids": json.dumps(article_ids)},
        )
        return _grouped(rows, lambda r: QuoteView(r[1], r[2], ref(r, 3)))

    async def dates_of(self, article_ids: list[int]) -> dict[int, list[DateInArticle]]:
        rows = await self._all(
            "SELECT article_id, text, start_date, end_date FROM date_mentions"
            f" WHERE article_id {_IDS} ORDER BY article_id, char_start, id",
            {"ids": json.dumps(article_ids)},
        )
        return _grouped(rows, lambda r: DateInArticle(r[1], to_date(r[2]), to_date(r[3])))

    async def stats(self) -> StoreStats:
        row = await self._one(
            "SELECT (SELECT count(*) FROM articles),"
            " (SELECT count(*) FROM articles WHERE published IS NULL),"
            " (SELECT count(*) FROM actors), (SELECT count(*) FROM actor_aliases),"
            " (SELECT count(*) FROM events), (SELECT count(*) FROM quotes),"
            " (SELECT count(*) FROM date_mentions),"
            " (SELECT min(published) FROM articles), (SELECT max(published) FROM articles)"
        )
        assert row is not None
        return StoreStats(*row[:7], to_date(row[7]), to_date(row[8]))
