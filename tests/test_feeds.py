"""Feeds end to end against a real feed server on 127.0.0.1, a real store file and the real
parser: what is stored, what is logged, and what is never fetched or stored twice."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from bot.admin import feed_ops
from bot.briefing import export_articles
from bot.config import Settings
from bot.feeds.links import canonical_link
from bot.feeds.poller import FULL_TEXT_MIN_CHARS, FeedPoller
from bot.ingestion import Ingestor
from bot.models import Origin, ParsedArticle
from bot.parse.pool import ParsePool
from storage.store import Store
from tests.feed_server import FeedServer, Item, atom, corpus_page, feed_server, rdf, rss

NOW = datetime.now(UTC).replace(microsecond=0)
LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)
SETTINGS = Settings(parse_workers=0, allowed_networks=LOOPBACK, fetch_timeout=1.5)


@dataclass
class Rig:
    """The server, and a bot's store, ingestor and poller (reopened by `restart`)."""

    server: FeedServer
    path: Path
    store: Store
    ingestor: Ingestor
    poller: FeedPoller
    stored: list[tuple[int, Origin]] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)
    clock: list[datetime] = field(default_factory=lambda: [NOW])

    async def add(self, url: str, every: int = 15) -> None:
        await feed_ops.add(self.store, url, every, now=self.clock[0], channel_id=7)

    async def log(self) -> list[tuple]:
        return await self.store._all(
            "SELECT feed_id, guid, outcome, article_id, reason FROM feed_items ORDER BY id"
        )


async def _open(server: FeedServer, path: Path, pool: ParsePool, rig: Rig | None) -> Rig:
    store = await Store.open(path)
    ingestor = Ingestor(store, pool, SETTINGS)
    rig = rig or Rig(server, path, store, ingestor, None)  # type: ignore[arg-type]
    rig.store, rig.ingestor = store, ingestor

    async def told(article_id: int, parsed: ParsedArticle, origin: Origin) -> None:
        rig.stored.append((article_id, origin))

    async def disabled(feed, reason: str) -> None:  # type: ignore[no-untyped-def]
        rig.disabled.append(f"{feed.url}: {reason}")

    ingestor.on_stored.append(told)
    rig.poller = FeedPoller(ingestor, SETTINGS, clock=lambda: rig.clock[0], on_disabled=disabled)
    return rig


@pytest_asyncio.fixture(loop_scope="function")
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    pool = ParsePool(workers=0)
    async with feed_server() as server:
        opened = await _open(server, tmp_path / "briefbot.db", pool, None)
        try:
            yield opened
        finally:
            await opened.ingestor.aclose()
            await opened.store.close()
            pool.close()


async def restart(rig: Rig) -> None:
    await rig.ingestor.aclose()
    await rig.store.close()
    await _open(rig.server, rig.path, rig.ingestor.pool, rig)


def page(server: FeedServer, path: str, corpus: str) -> str:
    server.pages[path] = corpus_page(corpus)
    return server.url(path)


@pytest.mark.asyncio(loop_scope="function")
async def test_first_poll_stores_logs_and_skips_then_304_then_only_the_new_item(rig: Rig) -> None:
    server = rig.server
    items = [
        Item(
            "Biden calls Barzani",
            page(server, "/a/1", "d01") + "?utm_source=rss#top",
            "g-1",
            NOW - timedelta(days=1),
        ),
        Item("Second story", page(server, "/a/2", "d02"), "g-2", NOW - timedelta(days=2)),
        Item("Ancient story", server.url("/a/old"), "g-old", NOW - timedelta(days=400)),
        Item("Gone story", server.url("/a/missing"), "g-404", NOW - timedelta(days=1)),
    ]
    url = server.serve_feed("/news.rss", rss("Test News", items))
    await rig.add(url)

    (poll,) = await rig.poller.poll_all()
    assert (poll.status, poll.first_poll, poll.title) == ("read", True, "Test News")
    outcomes = [(item.outcome, item.article_id, item.reason) for item in poll.items]
    assert outcomes[:2] == [("stored", 1, None), ("stored", 2, None)]
    assert outcomes[2][0] == "skipped" and outcomes[2][2].startswith("too old (published")
    assert outcomes[3] == ("skipped", None, "fetch failed: the server answered 404")
    assert server.hits["/a/old"] == 0  # too old: never fetched
    assert rig.stored == [(1, Origin.FEED_FIRST_POLL), (2, Origin.FEED_FIRST_POLL)]
    assert len(await rig.log()) == 4

    exported = [record async for record in export_articles(rig.store)]
    assert exported[0]["url"] == server.url("/a/1")  # tracking parameters and fragment gone
    assert exported[0]["published"] == (NOW - timedelta(days=1)).date().isoformat()
    assert exported[0]["published_basis"] == "feed"
    assert any(actor["name"] == "Masoud Barzani" for actor in exported[0]["actors"])

    again = (await rig.poller.poll_all())[0]
    assert again.status == "not modified" and server.hits["/a/1"] == 1

    items.append(Item("Third story", page(server, "/a/3", "d03"), "g-3", NOW))
    server.serve_feed("/news.rss", rss("Test News", items))
    third = (await rig.poller.poll_all())[0]
    assert [(i.outcome, i.article_id) for i in third.items] == [("stored", 3)]
    assert third.known == 4 and not third.first_poll  # a 404 is settled: not asked again
    assert rig.stored[-1] == (3, Origin.FEED)
    (feed,) = await rig.store.feeds()
    assert (feed.state, feed.articles, feed.title) == ("ok", 3, "Test News")
    assert server.hits["/a/1"] == 1 and server.hits["/a/missing"] == 1


@pytest.mark.asyncio(loop_scope="function")
async def test_the_same_story_in_two_feeds_and_formats_is_stored_once(rig: Rig) -> None:
    server = rig.server
    link = page(server, "/a/shared", "d04")
    long_text = "".join(
        f"<p>Paragraph {n}: the Kurdistan Region's prime minister met the envoy in Erbil to talk"
        " about the budget, oil exports and salaries, officials said on Monday.</p>"
        for n in range(20)
    )
    assert len(long_text) > FULL_TEXT_MIN_CHARS
    atom_url = server.serve_feed(
        "/full.atom",
        atom(
            "Full",
            [
                Item(
                    "Envoy meets minister", server.url("/a/never"), content=long_text, published=NOW
                )
            ],
        ),
        "application/atom+xml",
    )
    rdf_url = server.serve_feed(
        "/news.rdf",
        rdf("RDF", [Item("Shared", link + "?fbclid=abc", published=NOW)]),
        "application/rdf+xml",
    )
    rss_url = server.serve_feed(
        "/other.rss", rss("Other", [Item("Shared again", link + "?utm_medium=x", "other-guid")])
    )
    gzip_url = server.serve_feed(
        "/zipped.rss",
        rss("Zipped", [Item("Zipped copy", server.url("/a/shared-copy"), "zip-guid", NOW)]),
    )
    server.pages["/a/shared-copy"] = server.pages["/a/shared"]  # same text, another address
    for url in (atom_url, rdf_url, rss_url, gzip_url + "?gzip=1"):
        await rig.add(url)

    polls = {poll.url: poll for poll in await rig.poller.poll_all()}
    assert server.hits["/a/never"] == 0  # the feed's own text was long enough
    (own,) = polls[canonical_link(atom_url)].items
    assert own.outcome == "stored"
    outcomes = sorted(
        (item.outcome, item.article_id)
        for url in (rdf_url, rss_url, gzip_url + "?gzip=1")
        for item in polls[canonical_link(url)].items
    )
    stored = [o for o in outcomes if o[0] == "stored"]
    assert len(stored) == 1 and outcomes.count(("duplicate", stored[0][1])) == 2
    assert len([a async for a in export_articles(rig.store)]) == 2


@pytest.mark.asyncio(loop_scope="function")
async def test_broken_feeds_get_a_state_and_the_others_go_on(rig: Rig) -> None:
    server = rig.server
    good = server.serve_feed(
        "/good.rss",
        rss("Good", [Item("Good story", page(server, "/a/good", "d05"), "good-1", NOW)]),
    )
    for url in (
        good,
        *(
            server.url(f"/broken/{name}")
            for name in ("429", "500", "slow", "malformed", "html", "huge", "loop")
        ),
    ):
        await rig.add(url)

    polls = {poll.url.rsplit("/", 1)[-1]: poll for poll in await rig.poller.poll_all()}
    assert polls["good.rss"].items[0].outcome == "stored"
    errors = {name: (poll.status, poll.state, poll.error) for name, poll in polls.items()}
    assert errors["429"] == (
        "failed",
        "failing",
        "Could not fetch 127.0.0.1: the server answered 429.",
    )
    assert errors["500"][2] == "Could not fetch 127.0.0.1: the server answered 500."
    assert errors["slow"][2] == "Fetching 127.0.0.1 timed out after 1.5 s."
    assert errors["malformed"][2].startswith("the feed is malformed:")
    assert errors["html"][2] == "this is an HTML page, not a feed (RSS, Atom or RDF)."
    assert errors["huge"][2] == "The page is larger than the 5.0 MB limit."
    assert errors["loop"][2] == "Could not fetch 127.0.0.1: more than 5 redirects."
    feeds = {feed.url.rsplit("/", 1)[-1]: feed for feed in await rig.store.feeds()}
    assert feeds["429"].next_after >= NOW + timedelta(seconds=120)  # Retry-After honoured
    assert feeds["500"].next_after == NOW + timedelta(minutes=15)
    assert all(f.state == "failing" and f.last_error for n, f in feeds.items() if n != "good.rss")

    hits = server.hits["/broken/429"]
    later = await rig.poller.poll_all()
    assert server.hits["/broken/429"] == hits  # waiting: not asked again before Retry-After
    assert {p.status for p in later if "broken" in p.url} == {"waiting"}

    rig.clock[0] = NOW + timedelta(hours=1)
    await rig.poller.poll_all()
    feeds = {feed.url.rsplit("/", 1)[-1]: feed for feed in await rig.store.feeds()}
    assert feeds["500"].failures == 2
    assert feeds["500"].next_after == rig.clock[0] + timedelta(minutes=30)  # backoff doubles


@pytest.mark.asyncio(loop_scope="function")
async def test_a_feed_failing_for_a_day_is_disabled_and_the_admins_told(rig: Rig) -> None:
    url = rig.server.url("/broken/500")
    await rig.add(url)
    await rig.poller.poll_all()
    rig.clock[0] = NOW + timedelta(hours=24, minutes=1)
    (poll,) = await rig.poller.poll_all()
    assert (poll.status, poll.state) == ("failed", "disabled")
    assert rig.disabled == [f"{url}: Could not fetch 127.0.0.1: the server answered 500."]
    assert await rig.poller.poll_all() == []  # disabled feeds are not polled
    rig.server.serve_feed("/broken/500", "")  # unused: the route stays broken
    listed = await feed_ops.feed_list(rig.store)
    assert listed[0].state == "disabled" and listed[0].last_error


@pytest.mark.asyncio(loop_scope="function")
async def test_a_restart_during_a_poll_loses_nothing_and_repeats_nothing(rig: Rig) -> None:
    server = rig.server
    items = [
        Item(f"Story {n}", page(server, f"/a/r{n}", f"d0{n}"), f"r-{n}", NOW) for n in range(6, 10)
    ]
    url = server.serve_feed("/restart.rss", rss("Restart", items))
    await rig.add(url)

    class Killed(BaseException):
        """The process stops right after the first article is committed."""

    async def kill(article_id: int, parsed: ParsedArticle, origin: Origin) -> None:
        raise Killed

    rig.ingestor.on_stored.insert(0, kill)
    with pytest.raises(Killed):
        await rig.poller.poll_all()
    assert [row[2] for row in await rig.log()] == ["stored"]

    await restart(rig)
    (poll,) = await rig.poller.poll_all()
    assert poll.status == "read" and poll.first_poll  # not a 304: the ETag was not kept
    assert [(i.outcome, i.article_id) for i in poll.items] == [
        ("stored", 2),
        ("stored", 3),
        ("stored", 4),
    ]
    log = await rig.log()
    assert sorted(row[1] for row in log) == ["r-6", "r-7", "r-8", "r-9"]
    assert [row[3] for row in log] == [1, 2, 3, 4]
    assert (await rig.poller.poll_all())[0].status == "not modified"


def test_canonical_links() -> None:
    assert canonical_link("HTTPS://News.Example.COM:443/a?utm_source=x&id=3&gclid=9#frag") == (
        "https://news.example.com/a?id=3"
    )
    assert canonical_link("http://example.com:8080/p?fbclid=1") == "http://example.com:8080/p"


def test_feed_list_json_has_the_design_shape(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from bot.cli import main

    monkeypatch.setenv("BRIEFBOT_DB", str(tmp_path / "b.db"))
    assert main(["feed", "add", "http://Example.com/feed?utm_source=x", "--every", "30"]) == 0
    assert main(["feed", "add", "http://example.com/other", "--every", "2"]) == 1
    capsys.readouterr()
    assert main(["feed", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "url": "http://example.com/feed",
            "title": None,
            "every": 30,
            "state": "ok",
            "last_checked": None,
            "last_error": None,
            "articles": 0,
        }
    ]
    assert main(["feed", "remove", "http://example.com/feed"]) == 0
    assert main(["feed", "remove", "http://example.com/feed"]) == 1
