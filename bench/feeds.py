"""Feed polling against a local feed server, with baselines measured in the same run.

    .venv/bin/python -m bench.feeds [--feeds 500] [--items 200] [--polls 100]

1. `--feeds` feeds on 50 host names (all 127.0.0.1) that answer 304 to a conditional GET:
   the time of one poll of them all (target: under 5 s) and the event loop's worst lag
   meanwhile (target: under 50 ms), beside plain aiohttp GETs of the same URLs.
2. `--items` new items across 20 feeds, each linking to an article page: the first poll,
   which fetches, cleans, parses and stores them, against ingesting the same pages as files
   into a fresh store (target: within 1.25x).
3. Memory over `--polls` polls of those 20 feeds (200 answers, every item known): the
   resident size after the 10th and the last poll (target: flat).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import ipaddress
import multiprocessing
import resource
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime
from html import escape
from multiprocessing.connection import Connection
from pathlib import Path

import aiohttp

from bench.ingest import variants
from bot.config import Settings
from bot.feeds.poller import FeedPoller
from bot.ingestion import Ingestor
from bot.models import Status
from bot.parse.pool import ParsePool
from storage.store import Store
from tests.feed_server import Item, feed_server, rss

HOSTS = 50
FEEDS_WITH_ITEMS = 20
NOW = datetime.now(UTC)


async def local(host: str) -> list[str]:
    """Every bench host name resolves to the loopback address."""
    return ["127.0.0.1"]


class LagProbe:
    """The event loop's worst lateness over a block, sampled every 5 ms."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            self.worst = max(self.worst, time.perf_counter() - start - 0.005)

    async def __aenter__(self) -> LagProbe:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


def page(title: str, text: str) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n")[1:])
    return (
        f"<html><head><title>{escape(title)}</title></head><body><article>"
        f"<h1>{escape(title)}</h1>{body}</article></body></html>"
    )


@asynccontextmanager
async def poller(store: Store, pool: ParsePool, settings: Settings) -> AsyncIterator[FeedPoller]:
    """A feed poller whose ingestor is closed (its re-reads stopped) before the store."""
    async with Ingestor(store, pool, settings) as ingestor:
        ingestor.fetch_policy = replace(ingestor.fetch_policy, resolver=local)
        yield FeedPoller(ingestor, settings)


def quiet_urls(port: int, count: int) -> list[str]:
    return [f"http://h{n % HOSTS}.bench.test:{port}/quiet/{n}.rss" for n in range(count)]


def busy_feeds(port: int, count: int) -> tuple[dict[str, str], dict[int, list[Item]]]:
    """The article pages (path -> HTML) and the items of each busy feed."""
    pages: dict[str, str] = {}
    per_feed: dict[int, list[Item]] = {}
    for n, text in enumerate(variants(count)):
        title = f"Bench story {n}: " + text.split("\n", 1)[0][:60]
        pages[f"/story/{n}"] = page(title, text)
        link = f"http://h{n % HOSTS}.bench.test:{port}/story/{n}"
        per_feed.setdefault(n % FEEDS_WITH_ITEMS, []).append(Item(title, link, f"s-{n}", NOW))
    return pages, per_feed


def busy_url(port: int, k: int) -> str:
    return f"http://127.0.0.1:{port}/busy/{k}.rss"


async def _serve(conn: Connection, feeds: int, items: int) -> None:
    async with feed_server() as server:
        for n in range(feeds):
            server.serve_feed(f"/quiet/{n}.rss", rss(f"Quiet {n}", []))
        pages, per_feed = busy_feeds(server.port, items)
        server.pages.update(pages)
        for k, listed in per_feed.items():
            server.serve_feed(f"/busy/{k}.rss", rss(f"Busy {k}", listed))
        conn.send(server.port)
        await asyncio.to_thread(conn.recv)  # until the bench is done


def serve(conn: Connection, feeds: int, items: int) -> None:
    """The feed server's process: the bench's event loop does not serve the requests."""
    asyncio.run(_serve(conn, feeds, items))


async def not_modified(port: int, count: int, folder: Path, settings: Settings) -> str:
    urls = quiet_urls(port, count)
    pool = ParsePool(0)
    async with await Store.open(folder / "quiet.db") as store:
        for url in urls:
            await store.add_feed(url, 15, guild_id=None, channel_id=None, now=NOW)
        async with poller(store, pool, settings) as polling:
            await polling.poll_all()  # 200s: the ETags are kept
            async with LagProbe() as lag:
                start = time.perf_counter()
                polls = await polling.poll_all()
                took = time.perf_counter() - start
    pool.close()
    assert all(p.status == "not modified" for p in polls), {p.status for p in polls}
    async with LagProbe() as plain_lag:
        baseline = await plain_gets(urls)
    return (
        f"{count} feeds answering 304: {took:.2f} s (target < 5 s), worst loop lag "
        f"{lag.worst * 1000:.0f} ms (target < 50 ms); plain aiohttp GETs of the same URLs "
        f"(one session, no store): {baseline:.2f} s, lag {plain_lag.worst * 1000:.0f} ms"
    )


async def plain_gets(urls: list[str]) -> float:
    """One shared session, 64 at a time: the cost of the requests alone."""
    gate = asyncio.Semaphore(64)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64)) as session:

        async def get(url: str) -> None:
            async with gate, session.get("http://127.0.0.1:" + url.split(":", 2)[2]) as answer:
                await answer.read()

        start = time.perf_counter()
        await asyncio.gather(*(get(url) for url in urls))
        return time.perf_counter() - start


async def new_items(
    port: int, count: int, folder: Path, settings: Settings, pool: ParsePool
) -> str:
    pages, per_feed = busy_feeds(port, count)
    files = folder / "pages"
    files.mkdir()
    for path, html in pages.items():
        (files / f"{int(path.rsplit('/', 1)[1]):04d}.html").write_text(html, encoding="utf-8")
    urls = [busy_url(port, k) for k in per_feed]
    async with (
        await Store.open(folder / "files.db") as store,
        Ingestor(store, pool, settings) as ingestor,
    ):
        start = time.perf_counter()
        outcomes = await ingestor.ingest_sources([str(files)])
        await ingestor.settled()
        as_files = time.perf_counter() - start
    assert all(o.status is Status.STORED for o in outcomes)
    async with await Store.open(folder / "feeds.db") as store:
        for url in urls:
            await store.add_feed(url, 15, guild_id=None, channel_id=None, now=NOW)
        start = time.perf_counter()
        async with poller(store, pool, settings) as polling:
            polls = await polling.poll_all()
            await polling.ingestor.settled()
        as_feeds = time.perf_counter() - start
    stored = sum(item.outcome == "stored" for p in polls for item in p.items)
    assert stored == count, [i.reason for p in polls for i in p.items if i.outcome != "stored"]
    return (
        f"{count} new items across {len(urls)} feeds stored in {as_feeds:.1f} s; the same "
        f"pages ingested as files {as_files:.1f} s: {as_feeds / as_files:.2f}x (target <= 1.25x)"
    )


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


async def memory(polls: int, folder: Path, settings: Settings, pool: ParsePool) -> str:
    async with await Store.open(folder / "feeds.db") as store:
        for feed in await store.feeds():  # a 200 every time: read, every item known
            await store.feed_polled(feed.id, at=NOW, etag="stale")
        sizes = []
        async with poller(store, pool, settings) as polling:
            for n in range(polls):
                for feed in await store.feeds():
                    await store.feed_polled(feed.id, at=NOW, etag="stale")
                await polling.poll_all()
                if n in (min(9, polls - 2), polls - 1):
                    sizes.append(resident_mb())
    return (
        f"resident memory after poll {min(10, polls - 1)}: {sizes[0]:.1f} MB, after poll {polls}: "
        f"{sizes[1]:.1f} MB ({sizes[1] - sizes[0]:+.1f} MB; target: flat)"
    )


async def main(feeds: int, items: int, polls: int) -> None:
    settings = Settings(parse_workers=2, allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),))
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(
        target=serve, args=(theirs, feeds, items), daemon=True
    )
    server.start()
    try:
        port = await asyncio.to_thread(ours.recv)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            gc.freeze()  # as the bot does once started
            print(await not_modified(port, feeds, folder, settings))
            pool = ParsePool(settings.parse_workers)
            try:
                await pool.warm_up()
                print(await new_items(port, items, folder, settings, pool))
                print(await memory(polls, folder, settings, pool))
            finally:
                pool.close()
    finally:
        ours.send("stop")
        server.join(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--polls", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(main(args.feeds, args.items, args.polls))
