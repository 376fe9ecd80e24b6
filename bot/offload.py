"""CPU-bound answer work, kept out of the bot's process while the bot runs.

Finding a briefing's near-duplicates is about 0.5 s of pure Python for 1,000 articles. In a
thread of the bot's process it stalls the event loop through the GIL and the garbage
collector's passes (bench/bot_load on 100,000 articles: up to 290 ms); in a process of its
own it cannot. The bot calls `start` and `stop`; without them (the CLI, most tests) the work
runs in a thread. Arguments and results cross the process boundary pickled: keep them small
(texts in, index pairs out).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")

# Worker processes (this one's and the parse pool's) yield the CPU to the bot's process, so
# that its event loop runs on time while they work (on 2 cores, 3 workers and the bot).
WORKER_NICENESS = 10

_executor: ProcessPoolExecutor | None = None


def lower_priority() -> None:
    """Make this (worker) process yield the CPU to the bot's."""
    os.nice(WORKER_NICENESS)


def start() -> None:
    """Run offloaded work in one worker process from now on (it starts with the first call)."""
    global _executor
    if _executor is None:
        import multiprocessing  # here: the CLI runs offloaded work in threads, without them
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        _executor = ProcessPoolExecutor(1, mp_context=context, initializer=lower_priority)


def stop() -> None:
    """Stop the worker process (waiting for the call under way); threads again after this."""
    global _executor
    executor, _executor = _executor, None
    if executor is not None:
        executor.shutdown(wait=True, cancel_futures=True)


async def warm_up() -> None:
    """Start the worker process now, not on the first call that needs it."""
    await run(_nothing)


def _nothing() -> None:
    """The warm-up call: only starting the worker process costs."""


async def run(function: Callable[..., T], *args: object) -> T:
    """`function(*args)` in the worker process when started, else in a thread."""
    if _executor is None:
        return await asyncio.to_thread(function, *args)
    return await asyncio.get_running_loop().run_in_executor(_executor, function, *args)
