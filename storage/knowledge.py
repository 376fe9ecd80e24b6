"""What the parser knows from the store: the entries a server taught (`kb_*` tables, written
here) and the people the articles introduced, with the roles they were seen in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import aiosqlite

from bot.errors import BadQuery
from bot.knowledge import Entry, Role
from bot.models import ActorKind
from bot.normalize import norm
from bot.roles import learned_people
from storage.base import StoreBase, fetch_all, fetch_one
from storage.rows import iso, to_date


@dataclass(frozen=True, slots=True)
class Taught:
    """An entry as stored after teaching it; `created` when the name was new."""

    entry: Entry
    created: bool


@dataclass(frozen=True, slots=True)
class PersonSeen:
    """A person the articles named in full, with each role seen next to the name: (title,
    first and last article dates it was seen on)."""

    name: str
    articles: int
    mentions: int
    roles: list[tuple[str, date | None, date | None]]


class Knowledge(StoreBase):
    async def teach(self, entry: Entry) -> Taught:
        """Add `entry` to what the server taught: a new name, or more aliases and roles (and
        its kind) for an entry of that name or alias. An alias taught for another entry moves
        to this one; a title taught again from the same day takes the new end."""
        if not norm(entry.name):
            raise BadQuery("Give a name.")
        async with self._transaction() as db:
            entry_id, created = await _entry_id(db, entry)
            for alias in entry.aliases:
                if norm(alias) and norm(alias) != norm(entry.name):
                    await db.execute(
                        "INSERT INTO kb_aliases (alias_norm, alias, entry_id) VALUES (?, ?, ?)"
                        " ON CONFLICT (alias_norm) DO UPDATE SET alias = excluded.alias,"
                        " entry_id = excluded.entry_id",
                        (norm(alias), alias.strip(), entry_id),
                    )
            for role in entry.roles:
                await _teach_role(db, entry_id, role)
            stored = await _entries(db, "WHERE e.id = ?", (entry_id,))
        return Taught(stored[0], created)

    async def taught_entry(self, name: str) -> Entry | None:
        """The taught entry called `name`, or of which `name` is an alias."""
        key = norm(name)
        found = await _entries(
            self._reader,
            "WHERE e.norm = :key"
            " OR e.id = (SELECT entry_id FROM kb_aliases WHERE alias_norm = :key)"
            " ORDER BY e.norm = :key DESC LIMIT 1",
            {"key": key},
        )
        return found[0] if found else None

    async def taught_entries(self) -> list[Entry]:
        """Everything the server taught, by name."""
        return await _entries(self._reader, "ORDER BY e.name", ())

    async def taught_names(self) -> list[str]:
        """The names of the taught entries and their aliases, by name."""
        rows = await self._all(
            "SELECT name FROM kb_entries UNION SELECT alias FROM kb_aliases ORDER BY 1"
        )
        return [row[0] for row in rows]

    _learned: tuple[tuple[int, int, int, int], tuple[Entry, ...]] | None = None

    async def learned_people(
        self, *, min_articles: int, min_mentions: int, limit: int
    ) -> tuple[Entry, ...]:
        """The people the articles named in full (two words or more) and gave a title, or
        named in `min_articles` articles, or `min_mentions` times (at most `limit`, most
        mentioned first), as the parser's entries (`bot.roles.learned_people`). Kept until the
        next write: about 0.1 s to read for 100,000 articles, 65 ms to fold 2,000 people."""
        asked = (self.generation, min_articles, min_mentions, limit)
        if self._learned is None or self._learned[0] != asked:
            people = await self._read_people_seen(*asked[1:])
            self._learned = (asked, learned_people(people))
        return self._learned[1]

    async def _read_people_seen(
        self, min_articles: int, min_mentions: int, limit: int
    ) -> list[PersonSeen]:
        rows = await self._all(
            "SELECT a.name, a.article_count, a.mention_count,"
            " (SELECT json_group_array(json_array(role, first, last))"
            "  FROM (SELECT role, min(seen_on) AS first, max(seen_on) AS last FROM actor_roles"
            "   WHERE actor_id = a.id GROUP BY role))"  # one actor's rows, in key order
            " FROM (SELECT id, name, article_count, mention_count FROM actors"
            "  WHERE kind = 'person' AND name LIKE '% %' AND article_count > 0"
            "  AND (article_count >= :articles OR mention_count >= :mentions"
            "   OR EXISTS (SELECT 1 FROM actor_roles WHERE actor_id = actors.id))"
            "  ORDER BY mention_count DESC, id LIMIT :limit) a",
            {"articles": min_articles, "mentions": min_mentions, "limit": limit},
        )
        return [
            PersonSeen(
                name,
                articles,
                mentions,
                [(role, to_date(first), to_date(last)) for role, first, last in json.loads(roles)],
            )
            for name, articles, mentions, roles in rows
        ]

    async def articles_dated_by_word(self, words: list[str], limit: int) -> list[int]:
        """The newest `limit` articles where one of `words` ("May") alone was read as a
        date, in id order: a surname the store has since learned may be meant."""
        return await self._newest_articles(
            "SELECT article_id FROM date_mentions WHERE text IN (SELECT value FROM json_each(:of))",
            words,
            limit,
        )

    async def articles_naming_person(self, keys: list[str], limit: int) -> list[int]:
        """The newest `limit` articles naming a person stored under one of the name keys
        `keys` (as `norm` folds them), in id order."""
        return await self._newest_articles(
            "SELECT m.article_id FROM actors a JOIN mentions m ON m.actor_id = a.id"
            " WHERE a.kind = 'person' AND a.norm IN (SELECT value FROM json_each(:of))",
            keys,
            limit,
        )

    async def _newest_articles(self, selection: str, values: list[str], limit: int) -> list[int]:
        """The newest `limit` distinct article ids `selection` (a query of `article_id` over
        the JSON array `:of` of `values`) returns, in id order."""
        rows = await self._all(
            f"SELECT article_id FROM (SELECT DISTINCT article_id FROM ({selection})"
            " ORDER BY article_id DESC LIMIT :limit) ORDER BY article_id",
            {"of": json.dumps(values, ensure_ascii=False), "limit": limit},
        )
        return [row[0] for row in rows]


async def _entry_id(db: aiosqlite.Connection, entry: Entry) -> tuple[int, bool]:
    """The id of the taught entry `entry` names (by name, else by alias), its kind set to
    `entry.kind`, or of a new one; and whether it is new."""
    key = norm(entry.name)
    row = await fetch_one(db, "SELECT id FROM kb_entries WHERE norm = ?", (key,)) or (
        await fetch_one(db, "SELECT entry_id FROM kb_aliases WHERE alias_norm = ?", (key,))
    )
    if row:
        await db.execute("UPDATE kb_entries SET kind = ? WHERE id = ?", (str(entry.kind), row[0]))
        return int(row[0]), False
    cursor = await db.execute(
        "INSERT INTO kb_entries (name, norm, kind) VALUES (?, ?, ?)",
        (entry.name.strip(), key, str(entry.kind)),
    )
    return int(cursor.lastrowid or 0), True


async def _teach_role(db: aiosqlite.Connection, entry_id: int, role: Role) -> None:
    if role.start and role.end and role.start > role.end:
        raise BadQuery(f"“{role.title}” cannot end ({role.end}) before it starts ({role.start}).")
    await db.execute(
        "INSERT INTO kb_roles (entry_id, title, keys, since, until) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (entry_id, title, ifnull(since, '')) DO UPDATE SET"
        " keys = excluded.keys, until = excluded.until",
        (
            entry_id,
            role.title.strip(),
            json.dumps(sorted(role.keys), ensure_ascii=False),
            iso(role.start),
            iso(role.end),
        ),
    )


async def _entries(
    db: aiosqlite.Connection, where: str, params: tuple | dict[str, object]
) -> list[Entry]:
    """The taught entries `where` (over `kb_entries e`) picks, with aliases and roles."""
    rows = await fetch_all(
        db,
        "SELECT e.name, e.kind,"
        " (SELECT json_group_array(alias) FROM (SELECT alias FROM kb_aliases"
        "   WHERE entry_id = e.id ORDER BY alias)),"
        " (SELECT json_group_array(json_array(title, json(keys), since, until)) FROM ("
        "   SELECT title, keys, since, until FROM kb_roles WHERE entry_id = e.id"
        "   ORDER BY since NULLS FIRST, id))"
        f" FROM kb_entries e {where}",
        params,
    )
    return [
        Entry(
            name,
            ActorKind(kind),
            tuple(json.loads(aliases)),
            tuple(
                Role(title, frozenset(keys), to_date(since), to_date(until))
                for title, keys, since, until in json.loads(roles)
            ),
        )
        for name, kind, aliases, roles in rows
    ]
