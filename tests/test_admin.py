"""Admin operations on a real store of the seeds, parsed by the real model: the alias and the
re-parse of only the articles that name the actor."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from bot.admin import store_ops
from bot.answers import Reparse
from bot.config import Settings
from bot.errors import BadQuery, NotFound
from bot.ingestion import Ingestor
from bot.models import ActorKind, ActorRef, ParsedArticle
from bot.parse.pool import ParsePool
from bot.sources import content_hash
from storage.store import Store
from tests.test_storage import wrong_figures

KAK_MASROUR = (
    "ERBIL, Kurdistan Region (Rudaw) - Kak Masrour met US Ambassador Alina Romanowski in Erbil "
    "on Sunday to discuss Erbil-Baghdad relations. Kak Masrour said the talks went well."
)
NO_BARZANI = 5  # the seed about security talks names no Barzani


@dataclass
class Admin:
    store: Store
    ingestor: Ingestor

    async def names(self, article_id: int) -> set[str]:
        return {a.name for a in (await self.store.actors_of([article_id]))[article_id]}

    async def mark(self, article_id: int) -> None:
        """Store a parse of the article that only names a marker, as a re-parse would not."""
        document = await self.store.get_document(article_id)
        marker = ActorRef("Marker Person", ActorKind.PERSON, ["Marker Person"], 1)
        parsed = ParsedArticle(document, content_hash(document.text), actors=[marker])
        await self.store.replace_parse(article_id, parsed)


@pytest_asyncio.fixture(loop_scope="function")  # the tests' loop: the one it re-reads in
async def seeds(tmp_path: Path, seeds_db: Path) -> AsyncIterator[Admin]:
    """The seeds store (#1..#5) with an ingestor parsing in a thread."""
    path = tmp_path / "briefbot.db"
    shutil.copyfile(seeds_db, path)
    pool = ParsePool(0)
    try:
        async with (
            await Store.open(path) as store,
            Ingestor(store, pool, Settings(db_path=path, parse_workers=0)) as ingestor,
        ):
            yield Admin(store, ingestor)
    finally:
        pool.close()


async def test_alias_reparses_only_the_articles_naming_the_actor(seeds: Admin) -> None:
    await seeds.mark(1)
    await seeds.mark(NO_BARZANI)

    added = await store_ops.add_alias(seeds.store, "Masrour Barzani", "Kak Masrour")
    job = await store_ops.reparse(seeds.ingestor, Reparse(added))

    assert added.article_ids == [1, 2, 3, 4]
    assert (job.done, job.finished) == (4, True)
    assert "Masrour Barzani" in await seeds.names(1)  # re-parsed: the marker is gone
    assert "Marker Person" not in await seeds.names(1)
    assert await seeds.names(NO_BARZANI) == {"Marker Person"}  # left alone
    assert wrong_figures(seeds.store.path) == {}


async def test_alias_merges_an_actor_and_the_reparse_names_it_anew(seeds: Admin) -> None:
    stored = await seeds.ingestor.ingest_text(KAK_MASROUR)
    assert "Masrour" in await seeds.names(stored.article_id)  # the model's own reading

    added = await store_ops.add_alias(seeds.store, "Masrour Barzani", "Masrour")
    assert (added.actor, added.alias, added.merged) == ("Masrour Barzani", "Masrour", "Masrour")
    assert added.article_ids == [1, 2, 3, 4, stored.article_id]
    await store_ops.reparse(seeds.ingestor, Reparse(added))

    mentions = {a.name: a for a in (await seeds.store.actors_of([6]))[6]}
    assert "Masrour" not in mentions
    assert mentions["Masrour Barzani"].mentions == ["Masrour"]
    directory = {actor.name: actor for actor in (await seeds.store.actor_directory()).actors}
    assert "Masrour" not in directory and directory["Masrour Barzani"].articles == 5
    assert await seeds.store.alias_map() == {"Masrour": "Masrour Barzani"}
    assert wrong_figures(seeds.store.path) == {}


@pytest.mark.parametrize(
    ("alias", "refusal"),
    [
        ("@everyone", "An alias is a name: letters, digits, spaces and . ' - & only, not '@'."),
        ("<@&123> Kak", "not '<'"),
        ("🦀🔥", "not '🦀'"),
        ("!!!", "not '!'"),
        ("Kak\u202eMasrour", "not U+202E"),
        ("...", "An alias needs a letter; '...' has none."),
        ("2024", "needs a letter"),
        (" \t\n", "Give an alias."),
        ("x" * 500, "An alias has at most 100 characters; this one has 500."),
    ],
)
async def test_junk_aliases_are_refused_and_nothing_is_stored(
    seeds: Admin, alias: str, refusal: str
) -> None:
    with pytest.raises(BadQuery) as refused:
        await store_ops.add_alias(seeds.store, "Masrour Barzani", alias)
    assert refusal in str(refused.value) and len(str(refused.value)) < 100
    assert await seeds.store.alias_map() == {}


@pytest.mark.parametrize(
    ("alias", "kept"),
    [
        ("  Kak \t Masrour ", "Kak Masrour"),
        ("O’Neil", "O’Neil"),
        ("U.S. al-Sudani", "U.S. al-Sudani"),
        ("AT&T", "AT&T"),
        ("مسرور بارزاني", "مسرور بارزاني"),
        ("Mesrûr Barzanî", "Mesrûr Barzanî"),
        ("x" * store_ops.ALIAS_MAX, "x" * store_ops.ALIAS_MAX),
    ],
)
def test_names_are_aliases(alias: str, kept: str) -> None:
    assert store_ops.checked_alias(alias) == kept


async def test_an_alias_needs_an_actor_name(seeds: Admin) -> None:
    with pytest.raises(BadQuery, match="Give an actor name"):
        await store_ops.add_alias(seeds.store, " \x00 ", "Kak Masrour")


async def test_delete_and_stats(seeds: Admin) -> None:
    assert (await store_ops.delete(seeds.store, 2)).article_id == 2
    with pytest.raises(NotFound, match="No article #2"):
        await store_ops.delete(seeds.store, 2)
    assert (await store_ops.stats(seeds.store)).articles == 4
