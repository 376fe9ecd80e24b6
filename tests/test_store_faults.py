"""Storage faults from the command line: each is one `error:` line naming the database and the
cause, never a traceback, and nothing already stored is lost.

Read-only files, folders and file systems, full disks, damaged files, paths that are no store
and stores that are not ours (tests/faults.py makes them real)."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from bot.errors import StoreError
from tests.bot_env import bot_settings, running_bot
from tests.faults import (
    limit_pages,
    overwrite,
    page_count,
    read_only,
    read_only_filesystem,
    remount_read_only,
    small_filesystem,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def errors(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def cli_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_PARSE_WORKERS", "0")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("BRIEFBOT_DB", raising=False)


@pytest.fixture
def briefbot(capsys: pytest.CaptureFixture[str]):
    """`briefbot --db PATH ARGS...` in-process: its exit code, stdout and stderr."""

    def run(db: Path | str, *args: str) -> Run:
        code = main(["--db", str(db), *args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def seeded(tmp_path: Path, seeds_db: Path) -> Path:
    """A copy of the five-seed store in a folder of its own."""
    path = tmp_path / "store" / "briefbot.db"
    path.parent.mkdir()
    shutil.copyfile(seeds_db, path)
    return path


def refused(run: Run, db: Path | str, *causes: str) -> None:
    """One `error:` line naming the database and one of `causes`; exit 1; no traceback."""
    assert run.code == 1, run
    assert "Traceback" not in run.err
    assert len(run.errors) == 1, run.errors
    (line,) = run.errors
    assert line.startswith(f"error: The database {db} "), line
    assert any(cause in line for cause in causes), line


# -- read-only ---------------------------------------------------------------------------------


def test_read_only_store_file_answers_queries_but_refuses_writes(seeded: Path, briefbot) -> None:
    with read_only(seeded):
        stats = briefbot(seeded, "stats")
        assert stats.code == 0 and "Articles" in stats.out
        refused(briefbot(seeded, "delete", "1"), seeded, "is read-only")
    assert briefbot(seeded, "article", "1").code == 0  # still there


def test_ingesting_into_a_read_only_store_reports_each_source(
    seeded: Path, tmp_path: Path, briefbot
) -> None:
    article = tmp_path / "new.txt"
    article.write_text(SEED_FILES[0].read_text().replace("Blinken", "Blanken"))
    with read_only(seeded):
        run = briefbot(seeded, "ingest", str(article))
    assert run.code == 1 and "Traceback" not in run.err
    assert run.errors == [f"error: {article}: The database {seeded} is read-only: {_WRITE_HINT}"]
    assert "0 stored, 0 duplicates, 1 failed." in run.out


_WRITE_HINT = "briefbot cannot write to it (check the permissions of the file and its folder)."


def test_empty_read_only_file_cannot_become_a_store(tmp_path: Path, briefbot) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    with read_only(db):
        refused(briefbot(db, "stats"), db, "is read-only")


def test_new_store_in_a_read_only_folder(tmp_path: Path, briefbot) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        refused(briefbot(folder / "new.db", "stats"), folder / "new.db", "cannot be opened")
        nested = folder / "sub" / "new.db"
        refused(briefbot(nested, "stats"), nested, "cannot create its folder")
    assert list(folder.iterdir()) == []


def test_existing_store_in_a_read_only_folder(seeded: Path, briefbot) -> None:
    with read_only(seeded.parent):
        refused(briefbot(seeded, "stats"), seeded, "cannot be opened")


def test_store_on_a_read_only_file_system(tmp_path: Path, seeds_db: Path, briefbot) -> None:
    mounted = tmp_path / "mnt"
    with read_only_filesystem(mounted):
        db = mounted / "briefbot.db"
        shutil.copyfile(seeds_db, db)
        remount_read_only(mounted)
        refused(briefbot(db, "stats"), db, "cannot be opened")
        refused(briefbot(mounted / "new.db", "stats"), mounted / "new.db", "cannot be opened")


# -- damaged files and paths that are no store -------------------------------------------------


def test_overwritten_header_is_not_a_database(seeded: Path, briefbot) -> None:
    overwrite(seeded, 0, b"this is not a database header")
    refused(briefbot(seeded, "stats"), seeded, "is not a SQLite database")


@pytest.mark.parametrize(
    "args",
    [("stats",), ("search", "Blinken"), ("actor", "Blinken"), ("date", "2024"), ("export",)],
    ids=lambda args: args[0],
)
def test_overwritten_pages_are_reported_as_corrupt(seeded: Path, briefbot, args) -> None:
    size = seeded.stat().st_size
    overwrite(seeded, 4096, b"\xa5" * (size - 4096))  # every page after the schema
    refused(briefbot(seeded, *args), seeded, "is corrupt")


@pytest.mark.parametrize("size", [50, 3 * 4096])
def test_truncated_store_is_reported_as_corrupt(seeded: Path, briefbot, size: int) -> None:
    with seeded.open("r+b") as handle:
        handle.truncate(size)
    refused(briefbot(seeded, "actor", "Blinken"), seeded, "is corrupt", "is not a SQLite")


def test_directory_as_the_store(tmp_path: Path, briefbot) -> None:
    refused(briefbot(tmp_path, "stats"), tmp_path, "is a directory")


def test_device_as_the_store(briefbot) -> None:
    refused(briefbot("/dev/null", "stats"), "/dev/null", "is not a regular file")


@pytest.mark.parametrize("table", ["notes", "articles"])
def test_another_applications_database_is_left_alone(tmp_path: Path, briefbot, table) -> None:
    db = tmp_path / "other.db"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(f"CREATE TABLE {table} (x)")
    before = db.read_bytes()
    refused(briefbot(db, "stats"), db, f"is not a briefbot store: it holds other tables ({table})")
    with closing(sqlite3.connect(db)) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == [table] and db.read_bytes() == before


# -- a newer briefbot's store ------------------------------------------------------------------


def test_store_of_a_newer_briefbot_is_refused_untouched(seeded: Path, briefbot) -> None:
    with closing(sqlite3.connect(seeded)) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = seeded.read_bytes()
    run = briefbot(seeded, "stats")
    refused(run, seeded, "was made by a newer briefbot (schema version 99")
    assert "upgrade briefbot" in run.err
    assert seeded.read_bytes() == before
    refused(briefbot(seeded, "delete", "1"), seeded, "newer briefbot")


# -- full disk ---------------------------------------------------------------------------------


def test_new_store_on_a_full_disk(tmp_path: Path, briefbot, monkeypatch) -> None:
    limit_pages(monkeypatch, 2)
    db = tmp_path / "new.db"
    refused(briefbot(db, "stats"), db, "the disk is full")


def test_full_disk_while_ingesting_keeps_what_was_stored(
    tmp_path: Path, briefbot, monkeypatch
) -> None:
    # the store's size once it holds the first two seeds: the third does not fit
    scratch = tmp_path / "scratch.db"
    assert briefbot(scratch, "ingest", *map(str, SEED_FILES[:2])).code == 0
    limit_pages(monkeypatch, page_count(scratch))
    db = tmp_path / "full.db"
    run = briefbot(db, "ingest", str(SEEDS))
    assert run.code == 1 and "Traceback" not in run.err
    lines = run.out.splitlines()
    assert [line.split(": ")[0] for line in lines[:2]] == list(map(str, SEED_FILES[:2]))
    assert all("Stored #" in line for line in lines[:2])
    full = f"The database {db} is full: the disk is full"
    assert run.errors[0].startswith(f"error: {SEED_FILES[2]}: {full}")
    assert len(run.errors) == 3  # one line for each source not stored
    assert "2 stored, 0 duplicates, 3 failed." in run.out
    monkeypatch.undo()
    monkeypatch.setenv("BRIEFBOT_PARSE_WORKERS", "0")
    kept = briefbot(db, "stats")
    assert kept.code == 0 and "Articles" in kept.out and " 2" in kept.out
    assert briefbot(db, "article", "2").code == 0


def test_full_file_system_while_ingesting(tmp_path: Path, briefbot) -> None:
    with small_filesystem(tmp_path / "mnt", "768k") as mounted:  # room for about three seeds
        db = mounted / "briefbot.db"
        run = briefbot(db, "ingest", *map(str, SEED_FILES))
        assert run.code == 1 and "Traceback" not in run.err, run
        stored = run.out.count("Stored #")
        assert 0 < stored < len(SEED_FILES)
        assert len(run.out.splitlines()) - 1 + len(run.errors) == len(SEED_FILES)
        assert any("the disk is full" in line for line in run.errors), run.errors
        copy = tmp_path / "copy.db"
        with closing(sqlite3.connect(db)) as source, closing(sqlite3.connect(copy)) as target:
            source.backup(target)
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (stored,)


# -- the bot's start-up ------------------------------------------------------------------------


def test_run_refuses_a_bad_store_before_connecting(
    seeded: Path, briefbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "not-a-token")  # never used: the store fails first
    overwrite(seeded, 0, b"this is not a database header")
    refused(briefbot(seeded, "run"), seeded, "is not a SQLite database")
    with read_only(seeded.parent):
        fresh = seeded.parent / "fresh.db"
        refused(briefbot(fresh, "run"), fresh, "cannot be opened")


async def test_bot_with_a_bad_store_stops_with_its_one_line(tmp_path: Path) -> None:
    db = tmp_path / "briefbot.db"
    db.write_bytes(b"not a database, only words " * 200)
    with pytest.raises(StoreError) as refusal:
        async with running_bot(bot_settings(db)):
            pass
    assert str(refusal.value).startswith(f"The database {db} is not a SQLite database")
