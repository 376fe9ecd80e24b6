"""The ingestor behind the admin commands: pasted text and uploaded files."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest_asyncio

from bot.config import Settings
from bot.ingestion import Ingestor
from bot.models import Status
from bot.parse.pool import ParsePool
from storage.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest_asyncio.fixture(loop_scope="function")  # the tests' loop: the one it re-reads in
async def ingestor(tmp_path: Path):
    pool = ParsePool(workers=0)
    try:
        async with (
            await Store.open(tmp_path / "briefbot.db") as store,
            Ingestor(store, pool, replace(Settings(), parse_workers=0)) as opened,
        ):
            yield opened
    finally:
        pool.close()


async def test_pasted_text_is_stored_then_reported_as_duplicate(ingestor: Ingestor):
    text = next(SEEDS.glob("002_*.txt")).read_text()
    stored = await ingestor.ingest_text(text, published=date(2018, 11, 14), source="Kurdistan 24")
    assert stored.status is Status.STORED and stored.published == date(2018, 11, 14)
    assert "Masrour Barzani" in stored.actors
    again = await ingestor.ingest_text(text.replace("\n\n", "\n"))
    assert again.status is Status.DUPLICATE and again.article_id == stored.article_id
    assert await ingestor.store.article_ids() == [stored.article_id]


async def test_uploaded_bytes_are_checked_before_parsing(ingestor: Ingestor):
    refused = await ingestor.ingest_bytes(b"\x00\x01binary" * 100, "upload.txt")
    assert refused.status is Status.FAILED and refused.source == "upload.txt"
    assert refused.message == "looks like a binary file, not text."  # the name is beside it
    stored = await ingestor.ingest_bytes(next(SEEDS.glob("000_*.txt")).read_bytes(), "000.txt")
    assert stored.status is Status.STORED and stored.published == date(2024, 2, 27)
    assert await ingestor.store.article_ids() == [stored.article_id]


async def test_a_folder_reports_each_refused_file_and_stores_the_rest(
    ingestor: Ingestor, tmp_path: Path
):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(next(SEEDS.glob("002_*.txt")).read_text())
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "junk.txt").write_text("Home")
    outcomes = {Path(o.source).name: o for o in await ingestor.ingest_sources([str(folder)])}
    assert outcomes["a.txt"].status is Status.STORED
    assert outcomes["passwd.txt"].status is Status.FAILED
    assert "skipped: a link leading outside the folder" in outcomes["passwd.txt"].message
    assert outcomes["junk.txt"].status is Status.FAILED
    assert len(await ingestor.store.article_ids()) == 1
