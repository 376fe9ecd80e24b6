"""The parse pool loads the model the settings name, in its thread and in its worker processes."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from collections.abc import AsyncIterator
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path

import pytest

from bot.config import Settings
from bot.ingestion import Ingestor
from bot.models import Status
from bot.parse.pool import ParsePool
from bot.sources import document_from_text
from storage.store import Store

pytestmark = pytest.mark.slow

ARTICLE = (
    "ERBIL - Prime Minister Masrour Barzani met US envoy Brett McGurk in Erbil on Monday to "
    "discuss the budget and the salaries of public employees."
)


async def test_the_parse_thread_loads_the_configured_model() -> None:
    pool = ParsePool(workers=0, model="no_such_model")
    try:
        with pytest.raises(OSError, match="no_such_model"):
            await pool.parse([document_from_text("Blinken met Barzani in Erbil on Monday.")])
    finally:
        pool.close()


async def test_worker_processes_load_the_configured_model() -> None:
    pool = ParsePool(workers=1, model="no_such_model")
    try:
        with pytest.raises(BrokenProcessPool):  # the worker's start failed: no such model
            await pool.warm_up()
    finally:
        pool.close()


@pytest.mark.parametrize("workers", [0, 1])
async def test_the_pool_parses_as_the_parser_does(parser, workers: int) -> None:
    """The pool's parser is built the one way (`ArticleParser.create`): same pipes, same
    actors, in the thread and in the worker processes."""
    document = document_from_text(
        "Officials said Kim Tae- in met Lena von der Brandt in Seoul on Monday.",
        published=date(2024, 2, 27),
    )
    pool = ParsePool(workers=workers)
    try:
        [pooled] = await pool.parse([document])
    finally:
        pool.close()
    [direct] = parser.parse([document])
    assert [a.name for a in pooled.actors] == [a.name for a in direct.actors]
    assert "Lena von der Brandt" in [a.name for a in pooled.actors]


@pytest.mark.parametrize(
    ("workers", "beats", "known"),
    [(0, ("kurdistan",), True), (0, (), False), (1, (), False)],
)
async def test_the_pool_parses_with_the_packs_it_is_given(
    workers: int, beats: tuple[str, ...], known: bool
) -> None:
    """`Settings.beats` reach the parser in the thread and in the worker processes: without
    the pack, its spelling of a name is not the pack's person."""
    document = document_from_text("Masrur Barzani met two envoys in Erbil on Monday.")
    pool = ParsePool(workers=workers, beats=beats)
    try:
        [parsed] = await pool.parse([document])
    finally:
        pool.close()
    assert ("Masrour Barzani" in [a.name for a in parsed.actors]) is known


@pytest.fixture
async def one_worker() -> AsyncIterator[tuple[ParsePool, set[int]]]:
    """A pool of one worker process, started, and the pids of its workers."""
    before = {child.pid for child in multiprocessing.active_children()}
    pool = ParsePool(workers=1)
    try:
        await pool.warm_up()
        workers = {child.pid for child in multiprocessing.active_children()} - before
        assert len(workers) == 1
        yield pool, workers
    finally:
        pool.close()


def kill(pids: set[int]) -> None:
    for pid in pids:
        os.kill(pid, signal.SIGKILL)


async def test_a_worker_killed_mid_ingest_fails_its_batch_and_is_replaced(
    one_worker: tuple[ParsePool, set[int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool, workers = one_worker
    submit = pool._submit

    def submit_then_kill(*arguments):  # type: ignore[no-untyped-def]
        handed = submit(*arguments)  # the batch is the worker's now
        kill(workers)
        return handed

    first = document_from_text(ARTICLE, title="First", published=date(2024, 2, 27))
    second = document_from_text(ARTICLE + " They met again on Tuesday.", title="Second")
    async with (
        await Store.open(tmp_path / "briefbot.db") as store,
        Ingestor(store, pool, Settings(parse_workers=1)) as ingestor,
    ):
        monkeypatch.setattr(pool, "_submit", submit_then_kill)
        [lost] = await ingestor.ingest_documents([("first.txt", first)])
        assert lost.status is Status.FAILED and lost.source == "first.txt"
        assert "parse worker stopped" in lost.message and "try again" in lost.message
        assert (await store.stats()).articles == 0
        monkeypatch.undo()
        outcomes = await ingestor.ingest_documents([("first.txt", first), ("second.txt", second)])
    assert [o.status for o in outcomes] == [Status.STORED, Status.STORED]


async def test_a_worker_that_died_idle_loses_nothing(
    one_worker: tuple[ParsePool, set[int]],
) -> None:
    pool, workers = one_worker
    kill(workers)
    await asyncio.sleep(0.5)  # the executor notices the dead worker and breaks
    [parsed] = await pool.parse([document_from_text(ARTICLE)])
    assert "Masrour Barzani" in [a.name for a in parsed.actors]
