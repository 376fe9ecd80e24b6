"""`/store alias` at scale: the scoped re-parse against re-parsing like before, same run.

    .venv/bin/python -m bench.alias [--store PATH] [--scope 300]

On a scratch copy of the 100,000-article bench store (built by `bench.queries` if missing;
the store itself is left as it is), an alias is given to the most mentioned actor whose
articles, found with the full-text index, number at most `--scope`. Timed, with a warm
pool of parse workers:
1. the immediate part (`admin.add_alias`: the merge and finding the articles to re-parse),
   what an admin waits for before the answer "re-parsing N articles…";
2. the scoped re-parse (`admin.reparse`: streamed through the pool, one transaction per
   article), what the follow-up waits for;
3. the baseline: the same articles re-parsed by the code `/store alias` ran before on the
   whole store (`Ingestor.reparse_all`: read every document, one pool run, then store each).
The old command's cost at this size follows from the baseline's rate. Then, for context,
how many articles an alias of actors across the popularity range would re-parse.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.queries import ensure_store
from bot.admin import store_ops
from bot.answers import Reparse
from bot.config import Settings
from bot.ingestion import Ingestor, parse_knowledge
from bot.parse.pool import ParsePool
from storage.rows import ActorEntry
from storage.store import Store

RANKS = (1, 10, 100, 1000)  # actors whose alias scope is shown for context


def copy_store(source: Path, target: Path) -> None:
    """A consistent copy of `source` (WAL included) at `target`."""
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)


async def pick_actor(store: Store, scope: int) -> tuple[int, ActorEntry]:
    """The most mentioned actor whose spellings occur in at most `scope` articles, with its
    rank by mentions."""
    for rank, actor in enumerate((await store.actor_directory()).actors, 1):
        found = await store.articles_containing(await store.actor_spellings(actor.name))
        if len(found) <= scope:
            return rank, actor
    raise SystemExit(f"No actor's spellings occur in at most {scope} articles.")


async def reparse_like_before(store: Store, pool: ParsePool, article_ids: list[int]) -> None:
    """The re-parse `/store alias` ran before (on every article): read all the documents,
    parse them in one pool run, then store each."""
    documents = [await store.get_document(article_id) for article_id in article_ids]
    parsed = await pool.parse(documents, await parse_knowledge(store))
    for article_id, article in zip(article_ids, parsed, strict=True):
        await store.replace_parse(article_id, article)


async def scope_by_rank(store: Store) -> str:
    """How many articles an alias of the actors at RANKS would re-parse."""
    actors = (await store.actor_directory()).actors
    cells = []
    for rank in RANKS:
        actor = actors[min(rank, len(actors)) - 1]
        found = await store.articles_containing(await store.actor_spellings(actor.name))
        cells.append(f"#{rank} {actor.name} ({actor.kind}): {len(found):,}")
    return "; ".join(cells)


async def measure(path: Path, scope: int, total: int) -> None:
    pool = ParsePool()
    try:
        started = time.perf_counter()
        await pool.warm_up()
        print(f"{pool.workers} parse workers ready in {time.perf_counter() - started:.1f} s")
        async with (
            await Store.open(path) as store,
            Ingestor(store, pool, Settings(db_path=path)) as ingestor,
        ):
            rank, actor = await pick_actor(store, scope)
            alias = f"Kak {actor.name}"

            started = time.perf_counter()
            added = await store_ops.add_alias(store, actor.name, alias)
            answer_ms = (time.perf_counter() - started) * 1000
            count = len(added.article_ids)
            print(
                f"Alias '{alias}' for {actor.name} ({actor.kind}, rank {rank}): "
                f"{count:,} of {total:,} articles name it"
            )
            print(f"  immediate part (merge, articles found with FTS): {answer_ms:,.0f} ms")

            started = time.perf_counter()
            job = await store_ops.reparse(ingestor, Reparse(added))
            scoped = time.perf_counter() - started
            print(
                f"  scoped re-parse: {job.done:,} articles re-parsed in {scoped:,.1f} s "
                f"({job.done / scoped:,.2f} articles/s)"
            )

            started = time.perf_counter()
            await reparse_like_before(store, pool, added.article_ids)
            before = time.perf_counter() - started
            rate = count / before
            print(
                f"  baseline, same run: the same {count:,} articles re-parsed as before in "
                f"{before:,.1f} s ({rate:,.2f} articles/s); scoped / baseline: "
                f"{scoped / before:.2f}"
            )
            whole = total / rate
            print(
                f"  before, /store alias re-parsed all {total:,} articles: about "
                f"{whole / 3600:,.1f} h at that rate, {whole / scoped:,.0f}x the scoped re-parse"
            )
            print(f"Articles an alias would re-parse, by actor rank: {await scope_by_rank(store)}")
    finally:
        pool.close()


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("data/bench-100k.db"))
    parser.add_argument("--articles", type=int, default=100_000, help="of the bench store")
    parser.add_argument("--scope", type=int, default=300, help="most articles to re-parse")
    args = parser.parse_args(argv)
    await ensure_store(args.store, args.articles, rebuild=False)
    with tempfile.TemporaryDirectory(dir=args.store.parent) as scratch:
        copy = Path(scratch) / "alias.db"
        started = time.perf_counter()
        copy_store(args.store, copy)
        print(f"Scratch copy of {args.store} made in {time.perf_counter() - started:.1f} s")
        await measure(copy, args.scope, args.articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
