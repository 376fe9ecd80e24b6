"""The parse pool loads the model the settings name, in its thread and in its worker processes."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from datetime import date

import pytest

from bot.parse.pool import ParsePool
from bot.sources import document_from_text

pytestmark = pytest.mark.slow


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
        "Moon Jae- in met Ursula von der Leyen in Seoul on Monday.", published=date(2024, 2, 27)
    )
    pool = ParsePool(workers=workers)
    try:
        [pooled] = await pool.parse([document])
    finally:
        pool.close()
    [direct] = parser.parse([document])
    assert [a.name for a in pooled.actors] == [a.name for a in direct.actors]
    assert "Ursula von der Leyen" in [a.name for a in pooled.actors]


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
