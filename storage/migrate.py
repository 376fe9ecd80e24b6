"""A tiny migration runner: numbered `migrations/NNNN_*.sql` files, tracked by `user_version`."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

import aiosqlite

from storage.faults import SchemaRefused

_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """All (number, sql) pairs shipped in `storage/migrations`, in order."""
    found = []
    for entry in resources.files("storage").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (trigger bodies stay whole)."""
    found, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            found.append(buffer.strip())
            buffer = ""
    leftover = [ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--")]
    if leftover:
        raise ValueError(f"incomplete SQL statement: {leftover[0][:80]}")
    return found


async def user_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def check_ours(conn: aiosqlite.Connection) -> None:
    """SchemaRefused for a store of a newer briefbot (a schema version above the last migration)
    or another application's database (tables, but no version)."""
    version, latest = await user_version(conn), migrations()[-1][0]
    if version > latest:
        raise SchemaRefused(
            f"was made by a newer briefbot (schema version {version}; this one knows up to "
            f"{latest}): upgrade briefbot to use it."
        )
    if version == 0:
        rows = await conn.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 4"
        )
        if rows:
            names = ", ".join(row[0] for row in rows[:3]) + (", …" if len(rows) > 3 else "")
            raise SchemaRefused(
                f"is not a briefbot store: it holds other tables ({names}); give briefbot a "
                "file of its own (--db or BRIEFBOT_DB)."
            )


async def migrate(conn: aiosqlite.Connection) -> int:
    """Apply the pending migrations, each in its own transaction; return the schema version.

    `conn` must be in autocommit mode (isolation_level=None). Safe to run concurrently from
    several processes: the version is re-read under the write lock. Check the file with
    `check_ours` first.
    """
    for number, script in migrations():
        if number <= await user_version(conn):
            continue
        await conn.execute("BEGIN IMMEDIATE")
        try:
            if number > await user_version(conn):
                for statement in statements(script):
                    await conn.execute(statement)
                await conn.execute(f"PRAGMA user_version = {number:d}")
            await conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            raise
    return await user_version(conn)
