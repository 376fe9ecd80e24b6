"""The parse pool loads the model the settings name, in its thread and in its worker processes."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool

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
