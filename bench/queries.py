"""Answer latency at scale: every briefing function timed on a store of 100,000 articles.

    .venv/bin/python -m bench.queries [--store PATH] [--rebuild] [--articles N] [--runs 200]

The store (default data/bench-100k.db) is built once through `storage/` from the synthetic
corpus of `bench/corpus.py` (seeded, so always the same) and reused while it exists. Each
function is then timed on `--runs` seeded, varied inputs: actors across the popularity range
(log-uniform over the ranks), days, months and years over the 20 years, common and rare
search terms, 1-4 typed characters with and without typos. A same-run baseline (a `SELECT 1`
round trip through the store's reader, a full scan of `mentions`) gives the figures a scale on
a shared, noisy machine. Times are of warm calls: one untimed pass over a few inputs first.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import random
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.corpus import FIRST, LAST, Generator
from bot import briefing
from bot.errors import BriefbotError
from bot.models import Interval
from bot.names import complete_actors, name_index
from storage.rows import ActorEntry
from storage.store import Store

SEED = 20240227
BATCH = 500  # articles per transaction while building
MARKER = "bench.queries.articles"  # meta key: this file is a bench store, of that many articles
DIGEST_NEW = 1000
DIGEST_RUNS = 7
WARMUP = 5

# Targets from issue 6, milliseconds at the 99th percentile (digest: slowest run).
TARGET_MS = 50.0
TARGETS = {"search": 100.0, "autocomplete": 10.0, "digest (1,000 new)": 2000.0}


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the results table."""

    name: str
    times_ms: list[float]
    target_ms: float

    def percentile(self, q: float) -> float:
        """The nearest-rank percentile `q` (0-100) of the times."""
        ordered = sorted(self.times_ms)
        return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]

    @property
    def passed(self) -> bool:
        return self.percentile(99) < self.target_ms


# --- building the store ---------------------------------------------------------------


async def bench_articles(path: Path) -> int | None:
    """How many articles the bench store at `path` was built with; None if it is none."""
    if not path.exists():
        return None
    async with await Store.open(path) as store:
        value = await store.get_meta(MARKER)
    return int(value) if value else None


async def build(path: Path, count: int) -> float:
    """Write `count` synthetic articles into a fresh store at `path`; the seconds it took."""
    started = time.perf_counter()
    generator = Generator(SEED, count)
    async with await Store.open(path) as store:
        batch = []
        for parsed in generator.articles():
            batch.append(parsed)
            if len(batch) == BATCH:
                await store.add_articles(batch)
                batch = []
                progress(f"  built {len(await store.article_ids()):,} / {count:,}")
        await store.add_articles(batch)
        await store.set_meta(MARKER, str(count))
    progress("")
    return time.perf_counter() - started


def progress(line: str) -> None:
    print(f"\r{line:<60}", end="" if line else "\r", flush=True)


def compact(path: Path) -> None:
    """Checkpoint the WAL into the file and VACUUM, so its size is the data's."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def remove_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def ensure_store(path: Path, count: int, rebuild: bool) -> None:
    """Build the bench store unless one of `count` articles is there; never overwrite a file
    that is not a bench store."""
    built = await bench_articles(path)
    if path.exists() and built is None:
        raise SystemExit(f"{path} exists and is not a bench store: give another --store.")
    if built == count and not rebuild:
        print(f"Store: {path} ({count:,} articles, reused; --rebuild to build it again)")
        return
    if built is not None and built != count and not rebuild:
        raise SystemExit(f"{path} holds {built:,} articles, not {count:,}: add --rebuild.")
    remove_store(path)
    print(f"Building {path} with {count:,} articles (seed {SEED}, {BATCH} per transaction)…")
    seconds = await build(path, count)
    compact(path)
    size = path.stat().st_size
    print(
        f"Built in {seconds:.1f} s ({count / seconds:,.0f} articles/s); on disk after VACUUM:"
        f" {size / 1e6:,.1f} MB, {size / count:,.0f} bytes per article"
    )


# --- inputs -------------------------------------------------------------------------------


@dataclass(slots=True)
class Inputs:
    """Seeded random inputs drawn from the store's own actors, dates and words."""

    rng: random.Random
    actors: list[ActorEntry]  # most mentioned first
    words: list[str]  # vocabulary, most frequent first

    def actor(self) -> ActorEntry:
        """An actor at a log-uniform rank: as many picks among the top 10 as in 10-100, …"""
        rank = int(len(self.actors) ** self.rng.random()) - 1
        return self.actors[min(rank, len(self.actors) - 1)]

    def actor_name(self) -> str:
        """How a user may type the actor: exactly, lowercased, last word only, or misspelt."""
        name = self.actor().name
        roll = self.rng.random()
        if roll < 0.7:
            return name
        if roll < 0.8:
            return name.lower()
        if roll < 0.9:
            return name.split()[-1]
        return self.typo(name)

    def typo(self, text: str) -> str:
        """`text` with one letter replaced, dropped or doubled."""
        at = self.rng.randrange(len(text))
        letter = self.rng.choice("aeiourstnl")
        return self.rng.choice(
            [text[:at] + letter + text[at + 1 :], text[:at] + text[at + 1 :], text[:at] + text[at:]]
        )

    def typed(self) -> str:
        """1-4 characters typed into an actor option, a fifth of them misspelt."""
        name = self.actor().name
        typed = name[: self.rng.randint(1, 4)]
        return self.typo(typed) if self.rng.random() < 0.2 and len(typed) > 1 else typed

    def day(self) -> date:
        return FIRST + timedelta(days=self.rng.randrange((LAST - FIRST).days + 1))

    def interval(self, unit: str) -> Interval:
        """A random day, month or year of the corpus' 20 years."""
        day = self.day()
        if unit == "day":
            return Interval(day, day)
        if unit == "month":
            start = day.replace(day=1)
            return Interval(start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1))
        return Interval(date(day.year, 1, 1), date(day.year, 12, 31))

    def period(self) -> tuple[date | None, date | None]:
        """No period half of the time, else 1-5 years from a random day."""
        if self.rng.random() < 0.5:
            return None, None
        since = self.day()
        return since, since + timedelta(days=self.rng.randint(365, 5 * 365))

    def search_query(self) -> str:
        """Common words, rare words, actor names, two-word queries and words never written."""
        roll = self.rng.random()
        if roll < 0.25:
            return self.rng.choice(self.words[:50])
        if roll < 0.5:
            return self.rng.choice(self.words[-2000:])
        if roll < 0.7:
            return f'"{self.actor().name}"'
        if roll < 0.9:
            return f"{self.rng.choice(self.words[:500])} {self.rng.choice(self.words[500:])}"
        return "zqxj" + self.rng.choice(self.words[-500:])


# --- timing -------------------------------------------------------------------------------

Call = Callable[[], Awaitable[Any]]


async def timed(make_call: Callable[[], Call], runs: int) -> list[float]:
    """Milliseconds of `runs` calls, each on fresh inputs; user errors count as answers."""
    times = []
    for _ in range(runs):
        call = make_call()
        started = time.perf_counter()
        with contextlib.suppress(BriefbotError):  # NotFound for a far-off typo is an answer
            await call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def cases(store: Store, inputs: Inputs) -> dict[str, Callable[[], Call]]:
    """Per function, a maker of calls with fresh random inputs."""

    def between() -> Call:
        first, second = inputs.actor().name, inputs.actor().name
        return lambda: briefing.between(store, first, second)

    def timeline() -> Call:
        name, (since, until) = inputs.actor_name(), inputs.period()
        return lambda: briefing.timeline(store, name, since=since, until=until)

    def on_date(unit: str) -> Callable[[], Call]:
        def make() -> Call:
            interval = inputs.interval(unit)
            return lambda: briefing.on_date(store, interval)

        return make

    def top_actors() -> Call:
        month = inputs.interval("month")
        return lambda: briefing.top_actors(store, since=month.start, until=month.end)

    def profile() -> Call:
        name = inputs.actor_name()
        return lambda: briefing.actor_profile(store, name)

    def search() -> Call:
        query = inputs.search_query()
        return lambda: briefing.search(store, query)

    def autocomplete() -> Call:
        typed = inputs.typed()
        return lambda: complete_actors(store, typed)

    return {
        "actor_profile": profile,
        "top_actors (month)": top_actors,
        "on_date (day)": on_date("day"),
        "on_date (month)": on_date("month"),
        "on_date (year)": on_date("year"),
        "timeline": timeline,
        "between": between,
        "search": search,
        "autocomplete": autocomplete,
    }


async def baseline(store: Store, runs: int) -> tuple[Row, Row]:
    """A trivial round trip through the reader, and a full scan of the mentions table."""
    trip = await timed(lambda: lambda: store._one("SELECT 1"), runs)
    scan = await timed(lambda: lambda: store._one("SELECT count(*) FROM mentions"), 5)
    return Row("baseline: SELECT 1", trip, math.inf), Row("baseline: scan mentions", scan, math.inf)


async def measure(store: Store, runs: int) -> list[Row]:
    """Every function's times, after an untimed warm-up pass, then the digest's."""
    directory = await store.actor_directory()
    started = time.perf_counter()
    await name_index(store)
    index_ms = (time.perf_counter() - started) * 1000
    print(f"Name index built in {index_ms:.0f} ms ({len(directory.actors):,} actors), once.")
    rows = list(await baseline(store, runs))
    inputs = Inputs(random.Random(SEED), directory.actors, Generator(SEED, 0).world.words)
    for name, make_call in cases(store, inputs).items():
        await timed(make_call, WARMUP)
        times = await timed(make_call, runs)
        rows.append(Row(name, times, TARGETS.get(name, TARGET_MS)))
    rows.append(await digest_row(store))
    return rows


async def digest_row(store: Store) -> Row:
    last = (await store.stats()).articles  # ids are 1..N in a bench store
    after = max(0, last - DIGEST_NEW)
    times = await timed(lambda: lambda: briefing.digest(store, after_id=after), DIGEST_RUNS)
    return Row("digest (1,000 new)", times, TARGETS["digest (1,000 new)"])


# --- report -------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    """The results as an aligned text table."""
    head = f"{'function':<26}{'n':>5}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}{'target':>10}  result"
    lines = [head, "-" * len(head)]
    for row in rows:
        cells = [row.percentile(q) for q in (50, 95, 99, 100)]
        target = "" if math.isinf(row.target_ms) else f"< {row.target_ms:g}"
        verdict = "" if math.isinf(row.target_ms) else ("pass" if row.passed else "FAIL")
        numbers = "".join(f"{value:9.2f}" for value in cells)
        lines.append(f"{row.name:<26}{len(row.times_ms):>5}{numbers}{target:>10}  {verdict}")
    return "\n".join(lines)


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("data/bench-100k.db"))
    parser.add_argument("--rebuild", action="store_true", help="build the store again")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200, help="timed calls per function")
    args = parser.parse_args(argv)
    await ensure_store(args.store, args.articles, args.rebuild)
    size = args.store.stat().st_size
    print(f"On disk: {size / args.articles:,.0f} bytes per article (file, without WAL)")
    async with await Store.open(args.store) as store:
        rows = await measure(store, args.runs)
    print(f"\nTimes in ms; p99 of {args.runs} warm calls must beat the target (digest: all runs).")
    print(table(rows))
    return 0 if all(row.passed for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
