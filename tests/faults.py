"""Storage faults made real for tests: read-only files, folders and file systems, full disks,
damaged files. Root ignores file permissions, so as root a read-only path is a read-only bind
mount of it and a file system is a small tmpfs; tests needing a mount are skipped otherwise."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

import storage.base


def is_root() -> bool:
    return os.geteuid() == 0


def _mount(*args: str | Path) -> None:
    done = subprocess.run(["mount", *map(str, args)], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


def _umount(path: Path) -> None:
    subprocess.run(["umount", "--lazy", str(path)], check=True)  # lazy: even if still in use


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """`path` (a file or a folder) read-only for this process until the block ends."""
    if not is_root():
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    _mount("--bind", path, path)
    try:
        _mount("-o", "remount,bind,ro", path)
        yield path
    finally:
        _umount(path)


@contextmanager
def small_filesystem(folder: Path, size: str = "1m") -> Iterator[Path]:
    """A tmpfs of `size` mounted on `folder` (root only: skipped otherwise)."""
    if not is_root():
        pytest.skip("mounting a file system needs root")
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder)
    try:
        yield folder
    finally:
        _umount(folder)


@contextmanager
def read_only_filesystem(folder: Path) -> Iterator[Path]:
    """`folder` as a mounted file system that is then made read-only (root only)."""
    with small_filesystem(folder, "4m"):
        yield folder


def remount_read_only(folder: Path) -> None:
    _mount("-o", "remount,ro", folder)


def limit_pages(monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
    """Every store connection may grow the file to `pages` pages at most: SQLite then fails
    as on a full disk (SQLITE_FULL), without needing a mount."""
    pragmas = (*storage.base.PRAGMAS, f"PRAGMA max_page_count = {pages:d}")
    monkeypatch.setattr(storage.base, "PRAGMAS", pragmas)


def overwrite(path: Path, offset: int, data: bytes) -> None:
    """Damage a file in place."""
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def page_count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA page_count").fetchone()[0]
