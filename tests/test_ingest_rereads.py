"""The background re-read of the articles a person the store just learned may now resolve
(real store file, real model): an ingest answers first, a second ingest during a re-read gets
one follow-up run, a failed run is logged, and closing stops the run under way."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
import pytest_asyncio

from bot.config import Settings
from bot.ingestion import Ingestor
from bot.models import Status
from bot.parse.pool import ParsePool
from storage.store import Store
from tests.bot_env import BotEnv, embed_text

T = TypeVar("T")
GUARD = 60.0  # seconds after which a wait that would never end fails the test (not a measure)

# Invented articles. The bare names come first; INTRODUCED, HALVORSEN and BREKKE then teach
# the store the people they name in full, with a title.
KVALHEIM = (
    "STOCKHOLM, Sweden (Test Wire) - Prime Minister Kvalheim visited Stockholm on 12 March "
    "2024, where he opened a trade fair. Kvalheim praised the organisers."
)
MAYOR = (
    "BERGEN, Norway (Test Wire) - Mayor Halvorsen opened the new harbour in Bergen on 2 May "
    "2024. Halvorsen thanked the builders."
)
MINISTER = (
    "TROMSO, Norway (Test Wire) - Finance Minister Brekke opened a bridge in Tromso on 3 May "
    "2024. Brekke thanked the engineers."
)
INTRODUCED = (
    "OSLO, Norway (Test Wire) - Norwegian Prime Minister Arne Kvalheim met Swedish Foreign "
    "Minister Lise Kvalheim in Oslo on 4 March 2024. Mr Kvalheim said the talks went well."
)
HALVORSEN = (
    "BERGEN, Norway (Test Wire) - Bergen Mayor Tor Halvorsen met Swedish Foreign Minister "
    "Lise Kvalheim in Bergen on 6 May 2024 to discuss the ferry."
)
BREKKE = (
    "OSLO, Norway (Test Wire) - Norwegian Finance Minister Ola Brekke met Swedish Foreign "
    "Minister Lise Kvalheim in Oslo on 7 May 2024 to discuss fisheries."
)


class HeldRereads:
    """Stands in for `Ingestor._reparsed`, the re-parse a re-read runs: records the article
    ids of each run and holds it until `release` is set, then re-parses them for real;
    `cancelled` tells whether a run held was cancelled."""

    def __init__(self, ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch) -> None:
        self.runs: list[list[int]] = []
        self.release = asyncio.Event()
        self.held = asyncio.Event()
        self.cancelled = False
        self.ingestor = ingestor
        reparsed = ingestor._reparsed

        async def held(article_ids: list[int]) -> AsyncIterator[int]:
            self.runs.append(article_ids)
            self.held.set()
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                self.cancelled = True
                raise
            async for article_id in reparsed(article_ids):
                yield article_id

        monkeypatch.setattr(ingestor, "_reparsed", held)

    async def until_held(self) -> None:
        """Wait until a re-read is held; fail if the ingestor settles without one."""
        held = asyncio.create_task(self.held.wait())
        settled = asyncio.create_task(self.ingestor.settled())
        await asyncio.wait([held, settled], return_when=asyncio.FIRST_COMPLETED)
        held.cancel()
        settled.cancel()
        assert self.held.is_set(), "no re-read ran"


@pytest_asyncio.fixture(loop_scope="function")  # the tests' loop: the one it re-reads in
async def ingestor(tmp_path: Path) -> AsyncIterator[Ingestor]:
    pool = ParsePool(workers=0)
    try:
        async with (
            await Store.open(tmp_path / "briefbot.db") as store,
            Ingestor(store, pool, Settings(parse_workers=0)) as opened,
        ):
            yield opened
    finally:
        pool.close()


async def guarded(waiting: Awaitable[T]) -> T:
    async with asyncio.timeout(GUARD):
        return await waiting


async def ingest(ingestor: Ingestor, text: str) -> int:
    """Ingest `text`; an ingest that waited for a re-read held would fail here."""
    outcome = await guarded(ingestor.ingest_text(text, published=date(2024, 5, 8)))
    assert outcome.status is Status.STORED and outcome.article_id is not None
    return outcome.article_id


async def people(store: Store, article_id: int) -> set[str]:
    actors = (await store.actors_of([article_id])).get(article_id, [])
    return {a.name for a in actors if a.kind == "person"}


async def test_an_ingest_answers_before_its_reread_then_settled_waits_for_it(
    ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold = HeldRereads(ingestor, monkeypatch)
    bare = await ingest(ingestor, KVALHEIM)
    await ingestor.settled()
    assert hold.runs == []  # it taught nobody
    assert await people(ingestor.store, bare) == {"Kvalheim"}

    await ingest(ingestor, INTRODUCED)  # answered while its re-read is held
    await hold.until_held()
    assert hold.runs == [[bare]]
    assert await people(ingestor.store, bare) == {"Kvalheim"}  # not re-read yet
    hold.release.set()
    await ingestor.settled()
    assert await people(ingestor.store, bare) == {"Arne Kvalheim"}


async def test_ingests_during_a_reread_get_one_follow_up_run(
    ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold = HeldRereads(ingestor, monkeypatch)
    bare = [await ingest(ingestor, text) for text in (KVALHEIM, MAYOR, MINISTER)]
    await ingest(ingestor, INTRODUCED)
    await hold.until_held()
    await ingest(ingestor, HALVORSEN)  # two more people learned while the first run is held
    await ingest(ingestor, BREKKE)
    assert hold.runs == [[bare[0]]]
    hold.release.set()
    await ingestor.settled()
    assert hold.runs == [[bare[0]], [bare[1], bare[2]]]  # one run after it, for both
    names = [await people(ingestor.store, article_id) for article_id in bare]
    assert names == [{"Arne Kvalheim"}, {"Tor Halvorsen"}, {"Ola Brekke"}]


async def test_a_failed_reread_is_logged_in_a_line_and_the_next_one_runs(
    ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bare = [await ingest(ingestor, text) for text in (KVALHEIM, MAYOR)]
    store = ingestor.store
    naming = store.articles_naming_person

    async def disk_gone(keys: list[str], limit: int) -> list[int]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "articles_naming_person", disk_gone)
    await ingest(ingestor, INTRODUCED)
    await ingestor.settled()
    failures = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.levelname, r.exc_info) for r in failures] == [("ERROR", None)]
    assert "disk I/O error" in failures[0].getMessage()
    assert await people(store, bare[0]) == {"Kvalheim"}

    monkeypatch.setattr(store, "articles_naming_person", naming)
    await ingest(ingestor, HALVORSEN)
    await ingestor.settled()
    assert await people(store, bare[1]) == {"Tor Halvorsen"}


async def test_closing_stops_a_reread_under_way_and_starts_no_more(
    ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    hold = HeldRereads(ingestor, monkeypatch)
    bare = [await ingest(ingestor, text) for text in (KVALHEIM, MAYOR, MINISTER)]
    await ingest(ingestor, INTRODUCED)
    await hold.until_held()
    await ingest(ingestor, HALVORSEN)  # its run waits for the one held
    await guarded(ingestor.aclose())
    assert hold.cancelled
    await guarded(ingestor.settled())  # nothing left: not even the run that was waiting
    await ingest(ingestor, BREKKE)  # an ingest still stores, but re-reads no more
    await guarded(ingestor.settled())
    assert hold.runs == [[bare[0]]]
    names = [await people(ingestor.store, article_id) for article_id in bare]
    assert names == [{"Kvalheim"}, {"Halvorsen"}, {"Brekke"}]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.asyncio(loop_scope="session")
async def test_the_bot_answers_an_ingest_then_closing_stops_its_reread(
    briefbot: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    admin = briefbot.discord.admin
    bare = await briefbot.ask(
        "ingest text", {"text": KVALHEIM, "published": "2024-03-12"}, member=admin
    )
    assert bare.embeds[0]["title"].startswith("Stored #6")
    hold = HeldRereads(briefbot.bot.ingestor, monkeypatch)
    stored = await briefbot.ask(
        "ingest text", {"text": INTRODUCED, "published": "2024-03-04"}, member=admin
    )
    assert "Arne Kvalheim" in embed_text(stored)
    await hold.until_held()
    assert hold.runs == [[6]]
    await guarded(briefbot.bot.close())  # not waiting for the re-read held
    assert hold.cancelled
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    with sqlite3.connect(briefbot.bot.settings.db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        named = (
            "SELECT a.name FROM mentions m JOIN actors a ON a.id = m.actor_id AND a.kind = 'person'"
        )
        assert db.execute(f"{named} WHERE m.article_id = 6").fetchall() == [("Kvalheim",)]


async def test_a_month_read_as_a_date_is_read_again_once_a_person_bears_it_as_surname(
    ingestor: Ingestor,
) -> None:
    possessive = await ingest(
        ingestor,
        "LONDON (Test Wire) - The minister resigned on Friday, attacking May’s plans for the "
        "harbour and calling for a second vote.",
    )
    assert await people(ingestor.store, possessive) == set()
    await ingest(
        ingestor,
        "LONDON (Test Wire) - Prime Minister Helen May met Norwegian Finance Minister Ola "
        "Brekke in London on 7 May 2024 to discuss fisheries.",
    )
    await guarded(ingestor.settled())
    assert await people(ingestor.store, possessive) == {"Helen May"}
