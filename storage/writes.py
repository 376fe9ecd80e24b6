"""Writing parsed articles: each public method is one transaction, all or nothing."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

import aiosqlite

from bot.errors import BadQuery, DuplicateArticle, IngestError, NotFound, echo
from bot.models import ActorKind, ActorRef, Interval, ParsedArticle
from bot.normalize import norm
from storage.base import StoreBase, duplicate_id, fetch_all, fetch_one
from storage.rows import AliasResult, iso


@dataclass(slots=True)
class _Mention:
    seq: int
    count: int = 0
    surfaces: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


class Writes(StoreBase):
    async def add_article(self, parsed: ParsedArticle) -> int:
        """Store a parsed article with everything derived from it; return its id.

        Raises DuplicateArticle when its content hash or URL is already stored. Event
        participants and quote speakers missing from `parsed.actors` are stored as actors
        (kind person unless an actor of that name exists) mentioned zero times.
        """
        async with self._transaction() as db:
            return await insert_article(db, parsed)

    async def add_articles(self, articles: list[ParsedArticle]) -> list[int]:
        """Bulk load: store all `articles` in one transaction, as `add_article` stores each;
        return their ids in order.

        All or nothing: a duplicate (of a stored article or of an earlier one in the list)
        raises DuplicateArticle and stores none of them. For loading many articles at once
        (benchmarks, imports), where one transaction per article would dominate the time.
        """
        async with self._transaction() as db:
            return [await insert_article(db, parsed) for parsed in articles]

    async def replace_parse(self, article_id: int, parsed: ParsedArticle) -> None:
        """Replace an article's fields (published date included) and all its derived rows."""
        async with self._transaction() as db:
            if not await fetch_one(db, "SELECT 1 FROM articles WHERE id = ?", (article_id,)):
                raise NotFound(f"No article #{article_id}.")
            await _replace_parse(db, article_id, parsed)

    async def refresh_parse(self, article_id: int, parsed: ParsedArticle) -> bool:
        """Replace the derived rows of an article still as `parsed` read it; False, writing
        nothing, when it is gone or was changed since (a redate stores its own re-parse)."""
        doc = parsed.document
        async with self._transaction() as db:
            unchanged = await fetch_one(
                db,
                "SELECT 1 FROM articles WHERE id = ? AND title IS ? AND source IS ? AND url IS ?"
                " AND published IS ? AND published_basis IS ? AND dateline_place IS ?"
                " AND text = ?",
                (article_id, *_article_values(parsed)[:6], doc.text),
            )
            if not unchanged:
                return False
            await _replace_parse(db, article_id, parsed)
        return True

    async def delete_article(self, article_id: int) -> bool:
        """Delete an article and its derived rows, and the actors only it mentioned."""
        async with self._transaction() as db:
            actors = await _article_actor_ids(db, article_id)
            cursor = await db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            if not cursor.rowcount:
                return False
            await _drop_orphans(db, actors)
        return True

    async def add_alias(self, actor_name: str, alias: str) -> AliasResult:
        """Record `alias` for the actor named `actor_name`, merging an actor named like the alias.

        The merge repoints mentions (summing counts), participations, roles, quotes and aliases.
        An alias already pointing elsewhere is moved to this actor.
        """
        alias, alias_norm = alias.strip(), norm(alias)
        if not alias_norm:
            raise BadQuery("Give an alias.")
        async with self._transaction() as db:
            target_id, target_name = await _named_actor(db, actor_name)
            others = await fetch_all(
                db,
                "SELECT id, name FROM actors WHERE (name = ? OR norm = ?) AND id <> ?",
                (alias, alias_norm, target_id),
            )
            for other_id, _ in others:
                await _merge_actor(db, other_id, target_id)
            await db.execute(
                "INSERT INTO actor_aliases (alias_norm, alias, actor_id) VALUES (?, ?, ?)"
                " ON CONFLICT (alias_norm) DO UPDATE SET alias = excluded.alias,"
                " actor_id = excluded.actor_id",
                (alias_norm, alias, target_id),
            )
        merged = ", ".join(name for _, name in others) or None
        return AliasResult(actor=target_name, alias=alias, merged=merged)


async def _replace_parse(db: aiosqlite.Connection, article_id: int, parsed: ParsedArticle) -> None:
    """Rewrite an existing article's fields and derived rows inside the caller's transaction."""
    old_actors = await _article_actor_ids(db, article_id)
    await _refuse_duplicate(db, parsed, exclude=article_id)
    try:
        await db.execute(
            "UPDATE articles SET title = ?, source = ?, url = ?, published = ?,"
            " published_basis = ?, dateline_place = ?, content_hash = ?, summary = ?,"
            " text = ? WHERE id = ?",
            (*_article_values(parsed), parsed.document.text, article_id),
        )
        for table in ("mentions", "actor_roles", "date_mentions", "events", "quotes"):
            await db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        await _insert_derived(db, article_id, parsed)
        await _drop_orphans(db, old_actors)
    except sqlite3.IntegrityError as exc:
        raise IngestError(f"Could not re-parse article #{article_id}: {exc}.") from exc


async def insert_article(db: aiosqlite.Connection, parsed: ParsedArticle) -> int:
    """Insert one article and its derived rows inside the caller's transaction; its id."""
    doc = parsed.document
    await _refuse_duplicate(db, parsed)
    try:
        cursor = await db.execute(
            "INSERT INTO articles (title, source, url, published, published_basis,"
            " dateline_place, content_hash, summary, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*_article_values(parsed), doc.text),
        )
        article_id = int(cursor.lastrowid or 0)
        await _insert_derived(db, article_id, parsed)
    except sqlite3.IntegrityError as exc:
        raise IngestError(f"Could not store '{doc.title}': {exc}.") from exc
    return article_id


def _article_values(parsed: ParsedArticle) -> tuple:
    """The article columns shared by INSERT and UPDATE, in their order (text comes after); the
    first six are the source document's."""
    doc = parsed.document
    return (
        doc.title,
        doc.source,
        doc.url,
        iso(doc.published),
        doc.published_basis,
        doc.dateline_place,
        parsed.content_hash,
        json.dumps(parsed.summary, ensure_ascii=False),
    )


async def _refuse_duplicate(
    db: aiosqlite.Connection, parsed: ParsedArticle, exclude: int | None = None
) -> None:
    existing = await duplicate_id(db, parsed.content_hash, parsed.document.url, exclude)
    if existing is not None:
        raise DuplicateArticle(f"Already stored as article #{existing}.", existing)


async def _insert_derived(db: aiosqlite.Connection, article_id: int, parsed: ParsedArticle) -> None:
    """Insert mentions, roles, dates, events and quotes of one article."""
    published = iso(parsed.document.published)
    ids, mentions = await _actor_mentions(db, parsed)
    await db.executemany(
        "INSERT INTO mentions (article_id, actor_id, seq, surfaces, count, published)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                actor_id,
                m.seq,
                json.dumps(m.surfaces, ensure_ascii=False),
                m.count,
                published,
            )
            for actor_id, m in mentions.items()
        ],
    )
    await db.executemany(
        "INSERT OR IGNORE INTO actor_roles (actor_id, role, article_id, seen_on)"
        " VALUES (?, ?, ?, ?)",
        [
            (actor_id, role, article_id, published)
            for actor_id, m in mentions.items()
            for role in m.roles
        ],
    )
    await db.executemany(
        "INSERT INTO date_mentions (article_id, text, char_start, char_end, start_date, end_date,"
        " published) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, d.text, d.char_start, d.char_end, *_interval(d.interval), published)
            for d in parsed.dates
        ],
    )
    for event in parsed.events:
        cursor = await db.execute(
            "INSERT INTO events (article_id, type, start_date, end_date, date_text, place,"
            " sentence, planned) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                str(event.type),
                *_interval(event.interval),
                event.date_text,
                event.place,
                event.sentence,
                int(event.planned),
            ),
        )
        participants = list(dict.fromkeys(ids[name] for name in event.participants))
        await db.executemany(
            "INSERT INTO event_participants (event_id, actor_id, position, start_date, end_date,"
            " published) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (cursor.lastrowid, actor_id, i, *_interval(event.interval), published)
                for i, actor_id in enumerate(participants)
            ],
        )
    await db.executemany(
        "INSERT INTO quotes (article_id, actor_id, text, published) VALUES (?, ?, ?, ?)",
        [(article_id, ids.get(q.speaker or ""), q.text, published) for q in parsed.quotes],
    )


async def _actor_mentions(
    db: aiosqlite.Connection, parsed: ParsedArticle
) -> tuple[dict[str, int], dict[int, _Mention]]:
    """Actor ids by parsed name, and the article's mentions folded per actor id."""
    ids: dict[str, int] = {}
    mentions: dict[int, _Mention] = {}
    refs = _all_refs(parsed)
    # Stored names in one query; nothing below changes what a name resolves to.
    resolved = await _ids_by_name(db, [ref.name.strip() for ref in refs])
    for seq, ref in enumerate(refs):
        name = ref.name.strip()
        if name not in resolved:
            resolved[name] = await _actor_id(db, name, ref.kind)
        actor_id = resolved[name]
        ids[ref.name] = actor_id
        mention = mentions.setdefault(actor_id, _Mention(seq))
        mention.count += ref.count
        mention.surfaces += [s for s in ref.mentions if s not in mention.surfaces]
        mention.roles += [r.strip() for r in ref.roles if r.strip()]
    return ids, mentions


def _all_refs(parsed: ParsedArticle) -> list[ActorRef]:
    """`parsed.actors` plus participants and speakers it lacks (as unmentioned persons)."""
    refs = list(parsed.actors)
    known = {ref.name for ref in refs}
    named = [n for event in parsed.events for n in event.participants]
    named += [quote.speaker for quote in parsed.quotes if quote.speaker]
    for name in named:
        if name not in known:
            known.add(name)
            refs.append(ActorRef(name=name, kind=ActorKind.PERSON))
    return refs


async def _ids_by_name(db: aiosqlite.Connection, names: list[str]) -> dict[str, int]:
    """The ids of the actors called exactly one of `names`."""
    rows = await fetch_all(
        db,
        "SELECT name, id FROM actors WHERE name IN (SELECT value FROM json_each(?))",
        (json.dumps(names, ensure_ascii=False),),
    )
    return dict(rows)


async def _actor_id(db: aiosqlite.Connection, name: str, kind: str) -> int:
    """The id of the actor `name` denotes: same name, a declared alias, same norm, or a new one."""
    key = norm(name)
    row = await fetch_one(db, "SELECT id FROM actors WHERE name = ?", (name,))
    if not row and key:
        row = await fetch_one(
            db, "SELECT actor_id FROM actor_aliases WHERE alias_norm = ?", (key,)
        ) or await fetch_one(
            db,
            "SELECT id FROM actors WHERE norm = ? ORDER BY mention_count DESC, id LIMIT 1",
            (key,),
        )
    if row:
        return int(row[0])
    cursor = await db.execute(
        "INSERT INTO actors (name, kind, norm) VALUES (?, ?, ?)", (name, str(kind), key)
    )
    return int(cursor.lastrowid or 0)


async def _named_actor(db: aiosqlite.Connection, name: str) -> tuple[int, str]:
    """(id, name) of the actor called `name` or aliased so; NotFound otherwise."""
    row = await fetch_one(
        db, "SELECT id, name FROM actors WHERE name = ?", (name.strip(),)
    ) or await fetch_one(
        db,
        "SELECT a.id, a.name FROM actor_aliases al JOIN actors a ON a.id = al.actor_id"
        " WHERE al.alias_norm = ?",
        (norm(name),),
    )
    if not row:
        raise NotFound(f"No actor called '{echo(name)}'.")
    return int(row[0]), row[1]


async def _article_actor_ids(db: aiosqlite.Connection, article_id: int) -> list[int]:
    rows = await fetch_all(db, "SELECT actor_id FROM mentions WHERE article_id = ?", (article_id,))
    return [row[0] for row in rows]


async def _drop_orphans(db: aiosqlite.Connection, actor_ids: list[int]) -> None:
    """Delete those actors no article mentions any more, unless an admin gave them an alias."""
    await db.executemany(
        "DELETE FROM actors WHERE id = ?"
        " AND NOT EXISTS (SELECT 1 FROM mentions WHERE actor_id = actors.id)"
        " AND NOT EXISTS (SELECT 1 FROM actor_aliases WHERE actor_id = actors.id)",
        [(actor_id,) for actor_id in actor_ids],
    )


_MERGE = (
    # Articles mentioning both: fold counts and surfaces into the target's row.
    """UPDATE mentions AS m SET
         count = m.count + o.count,
         seq = min(m.seq, o.seq),
         surfaces = (SELECT json_group_array(value) FROM (
             SELECT value, min(k) AS k FROM (
                 SELECT value, key AS k FROM json_each(m.surfaces)
                 UNION ALL SELECT value, 1000000 + key FROM json_each(o.surfaces))
             GROUP BY value ORDER BY k))
       FROM mentions AS o
      WHERE o.actor_id = :source AND m.actor_id = :target AND m.article_id = o.article_id""",
    """DELETE FROM mentions WHERE actor_id = :source
          AND article_id IN (SELECT article_id FROM mentions WHERE actor_id = :target)""",
    # The others move to the target: a new row each (a mention keeps its actor, see 0005).
    """INSERT INTO mentions (article_id, actor_id, seq, surfaces, count, published)
       SELECT article_id, :target, seq, surfaces, count, published FROM mentions
        WHERE actor_id = :source""",
    "DELETE FROM mentions WHERE actor_id = :source",
    "UPDATE OR IGNORE event_participants SET actor_id = :target WHERE actor_id = :source",
    "UPDATE OR IGNORE actor_roles SET actor_id = :target WHERE actor_id = :source",
    "UPDATE quotes SET actor_id = :target WHERE actor_id = :source",
    "UPDATE actor_aliases SET actor_id = :target WHERE actor_id = :source",
    "DELETE FROM actors WHERE id = :source",  # cascades the rows OR IGNORE left behind
)


async def _merge_actor(db: aiosqlite.Connection, source: int, target: int) -> None:
    """Fold actor `source` into `target` and delete it."""
    for statement in _MERGE:
        await db.execute(statement, {"source": source, "target": target})


def _interval(interval: Interval | None) -> tuple[str | None, str | None]:
    return (iso(interval.start), iso(interval.end)) if interval else (None, None)
