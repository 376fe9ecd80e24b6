"""The store's connections: one writer (serialised by a lock) and one read-only reader, both WAL."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import aiosqlite

from storage.faults import check_path, faults_of
from storage.migrate import check_ours, migrate

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA busy_timeout = 5000",
)

Params = Iterable[Any] | dict[str, Any]


async def connect(path: Path, *, read_only: bool = False) -> aiosqlite.Connection:
    """A connection in autocommit mode (transactions are explicit) with the house pragmas.
    The writer first checks that the file is a store it may use: WAL mode rewrites its header."""
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        if not read_only:
            await check_ours(conn)
        for pragma in PRAGMAS:
            await conn.execute(pragma)
        if read_only:
            await conn.execute("PRAGMA query_only = ON")
    except BaseException:
        await conn.close()
        raise
    return conn


async def fetch_all(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> list[tuple]:
    """All rows, in one trip to the connection's thread (not three: execute, fetch, close)."""
    return [tuple(row) for row in await conn.execute_fetchall(sql, params)]


async def fetch_one(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> tuple | None:
    """The first row of a query returning at most one (a key, LIMIT 1 or an aggregate)."""
    rows = await conn.execute_fetchall(sql, params)
    return tuple(rows[0]) if rows else None


async def duplicate_id(
    conn: aiosqlite.Connection, content_hash: str, url: str | None, exclude: int | None = None
) -> int | None:
    """The id of another article with the same normalised text or the same URL."""
    row = await fetch_one(
        conn,
        "SELECT id FROM articles WHERE (content_hash = ? OR url = ?) AND id IS NOT ? LIMIT 1",
        (content_hash, url, exclude),
    )
    return row[0] if row else None


def _try_open(path: Path) -> None:
    """Open and close the file with plain sqlite3: when the open itself fails, aiosqlite leaves
    a thread behind that fails once the event loop has closed."""
    sqlite3.connect(path).close()


class StoreBase:
    """Lifecycle, transactions and read helpers shared by the query and write mixins.

    `generation` grows with every committed write; caches (the name directory) key on it.
    The database must be a file: the reader and the writer are separate connections.
    """

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self.generation = 0
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path) -> Self:
        """Open (creating the file and its folder if needed) and migrate to the latest schema;
        StoreError if the file cannot be a store (read-only, damaged, full, not ours)."""
        path = Path(path)
        check_path(path)
        with faults_of(path):
            await asyncio.to_thread(_try_open, path)
            writer = await connect(path)
            try:
                await migrate(writer)
                reader = await connect(path, read_only=True)
            except BaseException:
                await writer.close()
                raise
        return cls(path, writer, reader)

    async def close(self) -> None:
        """Close once the transaction in progress (if any) has committed or rolled back."""
        async with self._write_lock:
            await self._reader.close()
            await self._writer.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """The writer inside BEGIN IMMEDIATE … COMMIT; any exception rolls everything back."""
        async with self._write_lock:
            with faults_of(self.path):
                await self._writer.execute("BEGIN IMMEDIATE")
                try:
                    yield self._writer
                except BaseException:
                    if self._writer.in_transaction:
                        await self._writer.execute("ROLLBACK")
                    raise
                await self._writer.execute("COMMIT")
            self.generation += 1

    async def duplicate_of(self, content_hash: str, url: str | None) -> int | None:
        """The id of a stored article with this text or URL (checked before parsing)."""
        with faults_of(self.path):
            return await duplicate_id(self._reader, content_hash, url)

    async def _all(self, sql: str, params: Params = ()) -> list[tuple]:
        with faults_of(self.path):
            return await fetch_all(self._reader, sql, params)

    async def _one(self, sql: str, params: Params = ()) -> tuple | None:
        with faults_of(self.path):
            return await fetch_one(self._reader, sql, params)
