"""Failures of the database file as `StoreError`: one line naming the database and the cause.

Only faults of the file, the disk or the schema are translated; any other SQLite error is a bug
and keeps its traceback.
"""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.errors import StoreError

_CAUSES = {  # primary SQLite result code -> what the user reads after "The database X "
    sqlite3.SQLITE_READONLY: "is read-only: briefbot cannot write to it (check the permissions "
    "of the file and its folder).",
    sqlite3.SQLITE_CANTOPEN: "cannot be opened: briefbot needs to read and write the file and "
    "create files beside it (check that its folder exists and is writable).",
    sqlite3.SQLITE_PERM: "cannot be opened: permission denied.",
    sqlite3.SQLITE_NOTADB: "is not a SQLite database (it is damaged, or another kind of file).",
    sqlite3.SQLITE_CORRUPT: "is corrupt (database disk image is malformed): restore it from a "
    "backup.",
    sqlite3.SQLITE_FULL: "is full: the disk is full (free some space and try again).",
    sqlite3.SQLITE_IOERR: "could not be read or written (disk I/O error).",
    sqlite3.SQLITE_BUSY: "is locked by another program; try again when it is done.",
    sqlite3.SQLITE_LOCKED: "is locked by another program; try again when it is done.",
    sqlite3.SQLITE_PROTOCOL: "is locked by another program; try again when it is done.",
    sqlite3.SQLITE_NOLFS: "is too large for this file system.",
}


class SchemaRefused(Exception):
    """The file is a SQLite database this briefbot must not use; `str()` says why."""


def store_error(path: Path | str, cause: str) -> StoreError:
    return StoreError(f"The database {path} {cause}")


def translated(path: Path | str, error: BaseException) -> StoreError | None:
    """The StoreError for a fault of the file, the disk or the schema; None for anything else."""
    if isinstance(error, SchemaRefused):
        return store_error(path, str(error))
    if isinstance(error, sqlite3.Error):
        cause = _CAUSES.get(getattr(error, "sqlite_errorcode", -1) & 0xFF)
        return store_error(path, cause) if cause else None
    return None


@contextmanager
def faults_of(path: Path | str) -> Iterator[None]:
    """Raise a fault of the database inside the block as a StoreError naming `path`."""
    try:
        yield
    except (sqlite3.Error, SchemaRefused) as error:
        fault = translated(path, error)
        if fault is None:
            raise
        raise fault from error


def check_path(path: Path) -> None:
    """Refuse, before SQLite sees it, a path that cannot hold a store, and create its folder."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise store_error(path, f"cannot be opened: {error.strerror}.") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise store_error(path, "is a directory: give the path of a file, e.g. data/briefbot.db.")
    if mode is not None and not stat.S_ISREG(mode):
        raise store_error(path, "is not a regular file: give the path of a file.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise store_error(
            path, f"cannot create its folder {path.parent}: {error.strerror}."
        ) from None
