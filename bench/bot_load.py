"""The bot under load, against the Discord emulator of the tests: start-up, responsiveness, memory.

    .venv/bin/python -m bench.bot_load [--articles 300] [--workers 2] [--store PATH]

1. Start-up: from creating the client to ready (store open, commands synced to the
   emulator, gateway ready, the model loaded in every parse worker), on the seeds store
   (or on a copy of `--store`, e.g. the 100,000-article store of bench/queries.py).
2. Responsiveness: while admins ingest N articles through `/ingest file`, a member asks
   `/actor`, `/search`, `/date` and `/brief` every 200 ms; a 10 ms ticker measures how late
   the event loop runs. Reported: the loop's worst lag, the longest garbage-collector pause
   (it stops every thread) and the acknowledgements' p50/p99/max.
3. Memory: peak resident memory of this process and of its worker processes (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.ingest import variants
from bot.discord.client import Briefbot
from tests.bot_env import bot_settings
from tests.discord_emulator import DiscordEmulator, InteractionRecord

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    ("actor", {"name": "Masrour Barzani"}),
    ("search", {"query": "Peshmerga"}),
    ("date", {"when": "2021-11"}),
    ("brief", {}),
]
TICK = 0.010


class LagMeter:
    """A ticker that wakes every TICK seconds and records how late it woke."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            due = time.perf_counter() + TICK
            await asyncio.sleep(TICK)
            self.worst = max(self.worst, time.perf_counter() - due)

    def __enter__(self) -> LagMeter:
        self._task = asyncio.create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


class GcPauses:
    """The longest collection of the cyclic garbage collector: it stops every thread."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._started = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.worst = max(self.worst, time.perf_counter() - self._started)

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a process, in MB (0 when it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


async def ingest_all(discord: DiscordEmulator, texts: list[str]) -> list[InteractionRecord]:
    """Every text as an uploaded file, a few a second, as busy admins would."""
    records = []
    for n, text in enumerate(texts):
        upload = discord.add_attachment(f"article-{n}.txt", text.encode(), "text/plain")
        records.append(await discord.invoke("ingest file", {"file": upload}, member=discord.admin))
        await asyncio.sleep(0.02)
    for record in records:
        await record.wait_response(timeout=900)
    return records


async def ask_meanwhile(discord: DiscordEmulator, stop: asyncio.Event) -> list[InteractionRecord]:
    asked = []
    while not stop.is_set():
        name, options = QUESTIONS[len(asked) % len(QUESTIONS)]
        asked.append(await discord.invoke(name, options))
        await asyncio.sleep(0.2)
    for record in asked:
        await record.wait_response(timeout=30)
    return asked


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def prepare_store(db_path: Path, original: Path | None) -> None:
    """A copy of `original` at `db_path` (the bench never writes to it), else the seeds."""
    if original is not None:
        with sqlite3.connect(original) as source, sqlite3.connect(db_path) as copy:
            source.backup(copy, pages=4096)  # in steps: memory stays that of one step
        return
    seeds = [sys.executable, "-m", "bot.cli", "--db", str(db_path), "ingest", "seeds"]
    subprocess.run(seeds, cwd=ROOT, check=True, capture_output=True)


async def main(count: int, workers: int, store: Path | None) -> None:
    texts = variants(count, seed=11)
    with tempfile.TemporaryDirectory(prefix="briefbot-load-") as folder:
        db_path = Path(folder) / "briefbot.db"
        prepare_store(db_path, store)
        settings = bot_settings(db_path, parse_workers=workers)
        async with DiscordEmulator() as discord:
            started = time.perf_counter()
            bot = Briefbot(settings, guild_ready_timeout=0.05)
            async with discord.run_bot(bot):
                await bot.wait_until_ready()
                await bot.parser_ready
                startup = time.perf_counter() - started
                stop = asyncio.Event()
                with LagMeter() as lag, GcPauses() as pauses:
                    questions = asyncio.create_task(ask_meanwhile(discord, stop))
                    began = time.perf_counter()
                    ingests = await ingest_all(discord, texts)
                    took = time.perf_counter() - began
                    stop.set()
                    asked = await questions
                workers_rss = [peak_rss_mb(child) for child in children(os.getpid())]
                stored = (await bot.store.stats()).articles
    acks = [r.ack_latency or 0.0 for r in [*ingests, *asked]]
    main_rss = peak_rss_mb(os.getpid())
    print(f"Store: {store or 'the seeds'}")
    print(f"{count} articles through /ingest file, {workers} parse workers: {took:.1f} s,")
    print(f"{stored} stored; {len(asked)} questions asked meanwhile")
    print()
    print(f"start-up to ready (model loaded, commands synced): {startup:.2f} s   (target < 5 s)")
    print(f"event loop worst lag:    {lag.worst * 1000:6.0f} ms   (target < 100 ms)")
    print(f"longest GC pause:        {pauses.worst * 1000:6.0f} ms")
    print(
        f"acknowledgements:        p50 {statistics.median(acks) * 1000:.0f} ms, "
        f"p99 {percentile(acks, 0.99) * 1000:.0f} ms, max {max(acks) * 1000:.0f} ms"
        "   (target < 1 s)"
    )
    answers = [r.ack_latency or 0.0 for r in asked]
    print(f"questions answered:      max ack {max(answers) * 1000:.0f} ms")
    total = main_rss + sum(workers_rss)
    shown = ", ".join(f"{rss:.0f}" for rss in workers_rss)
    print(
        f"peak memory:             bot {main_rss:.0f} MB + workers [{shown}] MB "
        f"= {total:.0f} MB   (target < 1024 MB)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", type=Path, help="start from a copy of this store")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.articles, arguments.workers, arguments.store))
