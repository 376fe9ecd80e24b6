"""Offloaded answer work: a worker process while started, a thread otherwise."""

from __future__ import annotations

import os

from bot import offload
from bot.stories import near_duplicates


async def test_work_runs_in_a_worker_process_between_start_and_stop() -> None:
    assert await offload.run(os.getpid) == os.getpid()
    offload.start()
    try:
        await offload.warm_up()
        worker = await offload.run(os.getpid)
        assert worker != os.getpid()
        niceness = await offload.run(os.nice, 0)  # behind the bot for the CPU
        assert niceness == min(19, os.nice(0) + offload.WORKER_NICENESS)
        story = " ".join(f"word{n}" for n in range(40))
        texts = [story, "Another outlet: " + story, "An unrelated text about something else."]
        assert await offload.run(near_duplicates, texts) == [(0, 1)]
    finally:
        offload.stop()
    assert await offload.run(os.getpid) == os.getpid()
