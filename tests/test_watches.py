"""Watches without Discord: matching real parsed articles (actors as resolved, keywords as
/search), the alert log across restarts, folding bursts, failing channels."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.admin import watch_ops
from bot.digests import DeliveryError
from bot.errors import BadQuery
from bot.models import Origin, ParsedArticle
from bot.parse.pipeline import ArticleParser
from bot.sources import document_from_text
from bot.watches import BURST, WINDOW, Alert, WatchNotifier, matching_watches, sentence_around
from storage.store import Store
from storage.watch_queries import ACTOR, KEYWORD
from tests.factories import actor, article

NOW = datetime(2024, 3, 1, tzinfo=UTC)
GENERAL, NEWS = 1001, 1002
MASOUD = (
    "ERBIL, Kurdistan Region - Kurdistan Democratic Party leader Masoud Barzani met the "
    "French consul in Erbil on Sunday. Mr Barzani said the elections must be held on time."
)


class FakeClock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Posts:
    """A `post` that records what it was given, and fails for the channels told to."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, list[Alert], bool]] = []
        self.gone: set[int] = set()

    async def __call__(self, channel_id: int, alerts: list[Alert], folded: bool) -> None:
        if channel_id in self.gone:
            raise DeliveryError("the channel no longer exists.")
        self.calls.append((channel_id, alerts, folded))


@pytest.fixture
async def seeds(tmp_path: Path, seeds_db: Path):
    path = tmp_path / "watches.db"
    shutil.copyfile(seeds_db, path)
    async with await Store.open(path) as store:
        yield store


def parse_text(parser: ArticleParser, text: str, title: str) -> ParsedArticle:
    (parsed,) = parser.parse([document_from_text(text, title=title, published=None)])
    return parsed


async def watch(store: Store, kind: str, target: str, channel_id: int = GENERAL, role=None):
    return await store.add_watch(
        guild_id=1, channel_id=channel_id, kind=kind, target=target, role_id=role, now=NOW
    )


def notifier(store: Store, posts: Posts, clock: FakeClock | None = None) -> WatchNotifier:
    """Alerts wait an hour unless flushed: the tests flush when they mean to."""
    return WatchNotifier(
        store, posts, delay=3600, monotonic=clock or FakeClock(), clock=lambda: NOW
    )


async def test_an_actor_watch_follows_the_parser_resolution_not_the_surname(
    seeds: Store, parsed_seeds: dict[str, ParsedArticle], parser: ArticleParser
) -> None:
    masrour = next(a for a in parsed_seeds["000"].actors if a.name == "Masrour Barzani")
    assert "Mr Barzani" in masrour.mentions  # seed #1 calls him "Mr Barzani" too
    followed = await watch(seeds, ACTOR, "Masrour Barzani")
    assert await matching_watches(seeds, 1) == [followed]

    masoud = parse_text(parser, MASOUD, "KDP leader meets the French consul")
    assert {a.name for a in masoud.actors} >= {"Masoud Barzani"}
    assert "Masrour Barzani" not in {a.name for a in masoud.actors}
    masoud_id = await seeds.add_article(masoud)
    assert await matching_watches(seeds, masoud_id) == []  # a namesake is not him

    posts = Posts()
    notes = notifier(seeds, posts)
    await notes.on_stored(1, parsed_seeds["000"], Origin.ADMIN)
    await notes.flush(GENERAL)
    ((channel, (alert,), folded),) = posts.calls
    assert (channel, folded, alert.article.id) == (GENERAL, False, 1)
    start, end = alert.matches[0]
    assert alert.sentence[start:end] in masrour.mentions
    assert alert.event is None or "Masrour Barzani" in alert.event.participants


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("Erbil Baghdad", {2, 3, 5}),
        ('"prime minister"', {1, 2, 3, 4}),
        ("BLINKEN washington", {1}),
        ("zeppelin Erbil", set()),  # /search falls back to any word; a watch needs them all
        ('NEAR( AND * "', set()),  # FTS syntax is only words
    ],
)
async def test_a_keyword_watch_matches_as_search_does(
    seeds: Store, keyword: str, expected: set[int]
) -> None:
    matched = {
        article_id
        for article_id in await seeds.article_ids()
        if await seeds.keyword_hit(article_id, keyword) is not None
    }
    assert matched == expected
    if expected:
        assert {hit.article.id for hit in await seeds.search(keyword, limit=100)} == expected
    watched = await watch(seeds, KEYWORD, keyword.casefold())
    for article_id in await seeds.article_ids():
        assert (watched in await matching_watches(seeds, article_id)) == (article_id in expected)


async def test_a_keyword_alert_quotes_the_search_snippet(seeds: Store) -> None:
    await watch(seeds, KEYWORD, "peshmerga")
    (hit,) = [h for h in await seeds.search("peshmerga", limit=100) if h.article.id == 3]
    posts = Posts()
    notes = notifier(seeds, posts)
    await notes.on_stored(3, None, Origin.ADMIN)  # type: ignore[arg-type]  # matching reads the store
    await notes.flush(GENERAL)
    ((_, (alert,), _),) = posts.calls
    assert alert.sentence == hit.snippet and alert.matches == hit.matches
    assert alert.event is None


async def alerts_after_restart(path: Path) -> list[tuple[str, int]]:
    """Open the store as a restarted bot would, post what is pending, be told of article #1
    again; (watch, article) of every alert posted."""
    async with await Store.open(path) as store:
        posts = Posts()
        restarted = notifier(store, posts)
        await restarted.start()
        await restarted.on_stored(1, None, Origin.ADMIN)  # type: ignore[arg-type]
        await restarted.flush(GENERAL)
        await restarted.close()
    return [(a.watch.target, a.article.id) for _, alerts, _ in posts.calls for a in alerts]


async def test_one_alert_per_article_per_watch_across_restarts(tmp_path: Path, seeds_db: Path):
    path = tmp_path / "restart.db"
    shutil.copyfile(seeds_db, path)
    async with await Store.open(path) as store:
        await watch(store, ACTOR, "Masrour Barzani")
        stopped = notifier(store, Posts())
        await stopped.on_stored(1, None, Origin.ADMIN)  # type: ignore[arg-type]
        await stopped.close()  # stopped before the alert was posted: it stays pending
        assert len(await store.pending_alerts()) == 1
    assert await alerts_after_restart(path) == [("Masrour Barzani", 1)]  # posted at start
    assert await alerts_after_restart(path) == []  # and never again


async def test_a_first_poll_triggers_nothing(seeds: Store) -> None:
    await watch(seeds, ACTOR, "Masrour Barzani")
    posts = Posts()
    notes = notifier(seeds, posts)
    await notes.on_stored(1, None, Origin.FEED_FIRST_POLL)  # type: ignore[arg-type]
    await notes.on_stored(2, None, Origin.FEED)  # type: ignore[arg-type]
    await notes.flush(GENERAL)
    assert [a.article.id for _, alerts, _ in posts.calls for a in alerts] == [2]
    assert await seeds.pending_alerts() == []


async def masrour_articles(store: Store, count: int) -> list[int]:
    """`count` new hand-built articles about Masrour Barzani."""
    return [
        await store.add_article(
            article(
                f"Envoy {n} meets Masrour Barzani",
                f"Masrour Barzani received envoy number {n} in Erbil.",
                actors=[actor("Masrour Barzani")],
            )
        )
        for n in range(count)
    ]


async def test_more_than_five_alerts_at_once_fold_into_one_message(seeds: Store) -> None:
    await watch(seeds, ACTOR, "Masrour Barzani", role=77)
    await watch(seeds, KEYWORD, "envoy", role=78)
    posts = Posts()
    notes = notifier(seeds, posts)
    for article_id in await masrour_articles(seeds, 3):  # 3 articles x 2 watches
        await notes.on_stored(article_id, None, Origin.ADMIN)  # type: ignore[arg-type]
    await notes.flush(GENERAL)
    ((channel, alerts, folded),) = posts.calls
    assert channel == GENERAL and folded and len(alerts) == 2 * 3
    assert {a.watch.role_id for a in alerts} == {77, 78}


async def test_a_channel_that_had_five_alerts_this_minute_waits(seeds: Store) -> None:
    await watch(seeds, ACTOR, "Masrour Barzani")
    clock, posts = FakeClock(), Posts()
    notes = notifier(seeds, posts, clock)
    first, *rest = await masrour_articles(seeds, BURST + 2)
    await notes.on_stored(first, None, Origin.ADMIN)  # type: ignore[arg-type]
    await notes.flush(GENERAL)
    for article_id in rest[: BURST - 1]:  # one each: posted on its own
        await notes.on_stored(article_id, None, Origin.ADMIN)  # type: ignore[arg-type]
        clock.now += 1
        await notes.flush(GENERAL)
    assert [folded for _, _, folded in posts.calls] == [False] * BURST
    for article_id in rest[BURST - 1 :]:
        await notes.on_stored(article_id, None, Origin.ADMIN)  # type: ignore[arg-type]
    await notes.flush(GENERAL)
    assert len(posts.calls) == BURST  # held back until the first alert is a minute old
    clock.now += WINDOW - BURST + 1
    await notes.flush(GENERAL)
    assert len(posts.calls) == BURST + 1 and posts.calls[-1][2]  # the two as one message
    assert [a.article.id for a in posts.calls[-1][1]] == rest[BURST - 1 :]
    await notes.close()


async def test_a_gone_channel_fails_its_watch_and_the_others_go_on(seeds: Store) -> None:
    doomed = await watch(seeds, ACTOR, "Masrour Barzani", channel_id=NEWS)
    kept = await watch(seeds, ACTOR, "Masrour Barzani")
    posts = Posts()
    posts.gone.add(NEWS)
    notes = notifier(seeds, posts)
    await notes.on_stored(1, None, Origin.ADMIN)  # type: ignore[arg-type]
    await notes.flush(NEWS)
    await notes.flush(GENERAL)
    assert [channel for channel, _, _ in posts.calls] == [GENERAL]
    assert (await seeds.watch(doomed.id)).failing == "the channel no longer exists."
    assert (await seeds.watch(kept.id)).failing is None
    assert await seeds.pending_alerts() == []  # the failed one is not retried at start


def test_the_sentence_around_a_mention() -> None:
    text = "First one. Then Mr Barzani spoke! Last."
    start = text.index("Mr Barzani")
    sentence, (s, e) = sentence_around(text, start, start + len("Mr Barzani"))
    assert sentence == "Then Mr Barzani spoke!" and sentence[s:e] == "Mr Barzani"


async def test_a_channel_of_another_server_is_refused(seeds: Store) -> None:
    with pytest.raises(BadQuery, match="is not a channel of this server"):
        await watch_ops.add(
            seeds,
            guild_id=1,
            channel_guild_id=2,
            channel_id=NEWS,
            actor="Masrour Barzani",
            keyword=None,
            role_id=None,
            now=NOW,
        )
    await watch_ops.add(
        seeds,
        guild_id=2,
        channel_guild_id=2,
        channel_id=NEWS,
        actor="masrour barzani",
        keyword=None,
        role_id=None,
        now=NOW,
    )
    assert await watch_ops.listing(seeds, 1) == []
    (theirs,) = await watch_ops.listing(seeds, 2)
    assert theirs.target == "Masrour Barzani"  # the canonical name
    with pytest.raises(BadQuery, match="is not a channel of this server"):
        await watch_ops.remove(
            seeds,
            guild_id=1,
            channel_guild_id=2,
            channel_id=NEWS,
            actor="Masrour Barzani",
            keyword=None,
        )
