"""Storage on real SQLite files: migrations, transactions, duplicates, cascades, aliases."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import storage.article_queries
import storage.writes
from bot import briefing
from bot.errors import DuplicateArticle, IngestError, NotFound
from bot.models import Interval
from bot.normalize import norm
from storage.migrate import migrate, migrations, statements
from storage.rows import ActorStats
from storage.store import Store
from tests.factories import actor, article, bahrain, day, event, undated, washington

TABLES = ("articles", "actors", "mentions", "actor_roles", "date_mentions", "events", "quotes")


@pytest.fixture
async def store(tmp_path: Path):
    async with await Store.open(tmp_path / "data" / "briefbot.db") as opened:
        yield opened


def counts(path: Path) -> dict[str, int]:
    """Row counts of every table, read with a separate plain connection."""
    with sqlite3.connect(path) as conn:
        found = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        found["fts"] = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    return found


# Each query lists the rows where a figure kept by triggers differs from its definition.
KEPT_FIGURES = {
    "actor counts": "SELECT a.id FROM actors a LEFT JOIN ("
    " SELECT actor_id, sum(count) AS n, count(*) AS k FROM mentions GROUP BY actor_id) m"
    " ON m.actor_id = a.id"
    " WHERE a.mention_count <> coalesce(m.n, 0) OR a.article_count <> coalesce(m.k, 0)",
    "mention dates": "SELECT m.article_id FROM mentions m JOIN articles ar ON ar.id = m.article_id"
    " WHERE m.published IS NOT ar.published",
    "quote dates": "SELECT q.id FROM quotes q JOIN articles ar ON ar.id = q.article_id"
    " WHERE q.published IS NOT ar.published",
    "date mention dates": "SELECT d.id FROM date_mentions d JOIN articles ar"
    " ON ar.id = d.article_id WHERE d.published IS NOT ar.published",
    "participant dates": "SELECT p.event_id FROM event_participants p"
    " JOIN events e ON e.id = p.event_id JOIN articles ar ON ar.id = e.article_id"
    " WHERE p.start_date IS NOT e.start_date OR p.end_date IS NOT e.end_date"
    " OR p.published IS NOT ar.published",
    "co-mentions": "SELECT * FROM (SELECT m1.actor_id, m2.actor_id, count(*) FROM mentions m1"
    " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.actor_id <> m1.actor_id"
    " GROUP BY 1, 2 EXCEPT SELECT * FROM co_mentions)"
    " UNION ALL SELECT * FROM (SELECT * FROM co_mentions EXCEPT SELECT m1.actor_id, m2.actor_id,"
    " count(*) FROM mentions m1 JOIN mentions m2 ON m2.article_id = m1.article_id"
    " AND m2.actor_id <> m1.actor_id GROUP BY 1, 2)",
    "surfaces": "SELECT * FROM (SELECT m.actor_id, s.value, count(*) FROM mentions m,"
    " json_each(m.surfaces) s GROUP BY 1, 2 EXCEPT SELECT * FROM actor_surfaces)"
    " UNION ALL SELECT * FROM (SELECT * FROM actor_surfaces EXCEPT SELECT m.actor_id, s.value,"
    " count(*) FROM mentions m, json_each(m.surfaces) s GROUP BY 1, 2)",
}


def wrong_figures(path: Path) -> dict[str, list]:
    """The figures the triggers keep (actor counts, copied dates, co-mentions, spellings) that
    differ from what they stand for, computed afresh from `mentions` and `articles`."""
    with sqlite3.connect(path) as conn:
        found = {name: conn.execute(sql).fetchall() for name, sql in KEPT_FIGURES.items()}
    return {name: rows for name, rows in found.items() if rows}


async def test_open_creates_folder_and_migrates(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "b.db"
    async with await Store.open(path):
        pass
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_migrations_are_idempotent(store: Store) -> None:
    await store.add_article(bahrain())
    version = await migrate(store._writer)
    assert version == migrations()[-1][0]
    await store.close()
    async with await Store.open(store.path) as again:
        assert await again.article_ids() == [1]


async def test_foreign_keys_and_query_only_reader(store: Store) -> None:
    async with store._writer.execute("PRAGMA foreign_keys") as cursor:
        assert (await cursor.fetchone())[0] == 1
    with pytest.raises(sqlite3.OperationalError):
        await store._reader.execute("DELETE FROM articles")


def test_statements_keep_trigger_bodies_whole() -> None:
    script = (
        "CREATE TABLE t (x);\n-- note\n"
        "CREATE TRIGGER g AFTER INSERT ON t BEGIN\n  SELECT 1;\nEND;\n-- trailing comment\n"
    )
    assert len(statements(script)) == 2


async def test_add_article_round_trip(store: Store) -> None:
    first = await store.add_article(bahrain())
    second = await store.add_article(washington())
    assert (first, second) == (1, 2)
    stats = await store.stats()
    assert (stats.articles, stats.undated_articles, stats.events) == (2, 0, 2)
    assert (stats.earliest, stats.latest) == (date(2021, 11, 20), date(2024, 2, 27))
    document = await store.get_document(first)
    assert document == bahrain().document
    assert wrong_figures(store.path) == {}


async def test_duplicate_by_hash_leaves_store_unchanged(store: Store) -> None:
    await store.add_article(bahrain())
    before = counts(store.path)
    with pytest.raises(DuplicateArticle) as error:
        await store.add_article(replace(bahrain(), summary=["other"]))
    assert error.value.existing_id == 1
    assert counts(store.path) == before


async def test_duplicate_by_url_leaves_store_unchanged(store: Store) -> None:
    await store.add_article(bahrain())
    before = counts(store.path)
    same_url = article("Other text", "Different body.", url="https://example.org/manama")
    with pytest.raises(DuplicateArticle) as error:
        await store.add_article(same_url)
    assert error.value.existing_id == 1
    assert counts(store.path) == before


async def test_failure_mid_write_rolls_back(store: Store) -> None:
    await store.add_article(bahrain())
    before = counts(store.path)
    broken = washington()
    broken.events.append(event("meeting", ["Antony Blinken", "  "]))  # blank actor name
    with pytest.raises(IngestError):
        await store.add_article(broken)
    assert counts(store.path) == before
    assert await store.add_article(washington()) == 2  # the store still takes writes


async def test_exception_after_article_row_rolls_back(store: Store, monkeypatch) -> None:
    async def explode(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(storage.writes, "_insert_derived", explode)
    with pytest.raises(RuntimeError):
        await store.add_article(bahrain())
    assert counts(store.path) == dict.fromkeys([*TABLES, "fts"], 0)


async def test_delete_cascades_and_drops_orphan_actors(store: Store) -> None:
    await store.add_article(bahrain())
    await store.add_article(washington())
    assert await store.delete_article(1)
    assert not await store.delete_article(1)
    with sqlite3.connect(store.path) as conn:
        for table in ("mentions", "actor_roles", "date_mentions", "events", "quotes"):
            assert not conn.execute(f"SELECT 1 FROM {table} WHERE article_id = 1").fetchall()
        names = {row[0] for row in conn.execute("SELECT name FROM actors")}
    assert "Lloyd Austin" not in names and "Bahrain" not in names
    assert "Masrour Barzani" in names
    assert await store.search("Manama") == []
    assert wrong_figures(store.path) == {}


async def test_participants_missing_from_actors_are_stored(store: Store) -> None:
    parsed = washington()
    parsed.events.append(event("call", ["Antony Blinken", "Mohammed Shia al-Sudani"]))
    article_id = await store.add_article(parsed)
    actors = (await store.actors_of([article_id]))[article_id]
    sudani = next(a for a in actors if a.name == "Mohammed Shia al-Sudani")
    assert (sudani.kind, sudani.count) == ("person", 0)


async def test_alias_merges_actor(store: Store) -> None:
    await store.add_article(bahrain())
    variant = washington()
    variant.actors[1] = actor("Masrur Barzani", mentions=["Masrur Barzani"], count=2)
    variant.events[0].participants = ["Antony Blinken", "Masrur Barzani"]
    await store.add_article(variant)

    result = await store.add_alias("Masrour Barzani", "Masrur Barzani")

    assert (result.actor, result.merged) == ("Masrour Barzani", "Masrur Barzani")
    assert await store.alias_map() == {"Masrur Barzani": "Masrour Barzani"}
    names = {entry.name: entry for entry in (await store.actor_directory()).actors}
    assert "Masrur Barzani" not in names
    assert (names["Masrour Barzani"].mentions, names["Masrour Barzani"].articles) == (5, 2)
    events = await store.timeline_events(names["Masrour Barzani"].id, None, None)
    assert [e.participants for e in events][-1] == ["Antony Blinken", "Masrour Barzani"]
    assert wrong_figures(store.path) == {}


async def test_alias_merge_within_one_article_sums_mentions(store: Store) -> None:
    parsed = washington()
    parsed.actors.append(actor("Masrur Barzani", mentions=["Masrur"], count=1))
    parsed.quotes[1].speaker = "Masrur Barzani"
    await store.add_article(parsed)
    await store.add_alias("Masrour Barzani", "Masrur Barzani")
    actors = {a.name: a for a in (await store.actors_of([1]))[1]}
    assert actors["Masrour Barzani"].count == 4
    assert actors["Masrour Barzani"].mentions == ["Masrour Barzani", "Mr Barzani", "Masrur"]
    quotes = (await store.quotes_of([1]))[1]
    assert quotes[1].speaker == "Masrour Barzani"
    assert wrong_figures(store.path) == {}


async def test_alias_applies_to_later_articles(store: Store) -> None:
    await store.add_article(bahrain())
    await store.add_alias("Masrour Barzani", "Masrur Barzani")
    later = washington()
    later.actors[1] = actor("Masrur Barzani", count=1)
    later.events[0].participants = ["Antony Blinken", "Masrur Barzani"]
    await store.add_article(later)
    names = [entry.name for entry in (await store.actor_directory()).actors]
    assert "Masrur Barzani" not in names


async def test_alias_for_unknown_actor(store: Store) -> None:
    with pytest.raises(NotFound):
        await store.add_alias("Nobody", "Nemo")


async def test_replace_parse_redates_and_replaces_derived_rows(store: Store) -> None:
    await store.add_article(bahrain())
    reparsed = bahrain()
    reparsed.document.published = date(2021, 11, 21)
    reparsed.actors = reparsed.actors[:2]  # Bahrain and ISIS no longer found
    reparsed.events[0].interval = day("2021-11-21")
    await store.replace_parse(1, reparsed)

    row = await store.article_row(1)
    assert row is not None and row.published == date(2021, 11, 21)
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT DISTINCT seen_on FROM actor_roles").fetchall() == [
            ("2021-11-21",)
        ]
        names = {r[0] for r in conn.execute("SELECT name FROM actors")}
    assert names == {"Masrour Barzani", "Lloyd Austin"}
    events = (await store.events_of([1]))[1]
    assert [(e.start, e.participants) for e in events] == [
        (date(2021, 11, 21), ["Masrour Barzani", "Lloyd Austin"])
    ]
    assert counts(store.path)["events"] == 1
    assert wrong_figures(store.path) == {}


async def test_refresh_parse_writes_only_over_the_document_it_read(store: Store) -> None:
    await store.add_article(bahrain())
    fewer = bahrain()
    fewer.actors = fewer.actors[:2]
    assert await store.refresh_parse(1, fewer)
    assert {a.name for a in (await store.actors_of([1]))[1]} == {"Masrour Barzani", "Lloyd Austin"}

    stale = bahrain()  # parsed from the document before it was redated
    await store.replace_parse(1, replace(fewer, document=replace(fewer.document, published=None)))
    assert not await store.refresh_parse(1, stale)
    assert not await store.refresh_parse(42, stale)  # deleted meanwhile
    assert len((await store.actors_of([1]))[1]) == 2
    assert (await store.article_row(1)).published is None
    assert wrong_figures(store.path) == {}


async def test_articles_containing_any_spelling(store: Store) -> None:
    for parsed in (bahrain(), washington(), undated()):
        await store.add_article(parsed)
    spellings = await store.actor_spellings("Lloyd Austin")
    assert set(spellings) >= {"Lloyd Austin"}
    assert await store.articles_containing(spellings) == [1]
    assert await store.articles_containing(["barzani"]) == [1, 2, 3]
    assert await store.articles_containing(['Mr "Barzani', "nobody-here"]) == [2]
    assert await store.articles_containing(["", "…"]) == []
    await store.add_alias("Lloyd Austin", "Secretary Austin")
    assert "Secretary Austin" in await store.actor_spellings("Lloyd Austin")


async def test_replace_parse_missing_article(store: Store) -> None:
    with pytest.raises(NotFound):
        await store.replace_parse(42, bahrain())


async def test_replace_parse_refuses_other_articles_hash(store: Store) -> None:
    await store.add_article(bahrain())
    await store.add_article(washington())
    with pytest.raises(DuplicateArticle):
        await store.replace_parse(1, washington())


async def test_deleted_article_ids_are_not_reused(store: Store) -> None:
    await store.add_article(bahrain())
    await store.add_article(washington())
    await store.delete_article(2)
    assert await store.add_article(undated()) == 3


async def test_generation_grows_with_writes(store: Store) -> None:
    start = store.generation
    await store.add_article(undated())
    assert store.generation == start + 1
    with pytest.raises(DuplicateArticle):
        await store.add_article(undated())
    assert store.generation == start + 1


async def test_actor_norm_unifies_spellings(store: Store) -> None:
    parsed = bahrain()
    parsed.actors[3] = actor("The Islamic State", "group")
    await store.add_article(parsed)
    later = washington()
    later.actors.append(actor("Islamic State", "group"))
    await store.add_article(later)
    entries = [e for e in (await store.actor_directory()).actors if e.norm == norm("ISIS group")]
    assert entries == []
    islamic = [e for e in (await store.actor_directory()).actors if "Islamic" in e.name]
    assert [(e.name, e.articles) for e in islamic] == [("The Islamic State", 2)]


async def test_overlap_queries_use_the_range_index(store: Store) -> None:
    plan = await store._all(
        "EXPLAIN QUERY PLAN SELECT id FROM events e WHERE e.end_date >= '2024-01-01' AND ("
        " (e.wide = 0 AND e.start_date BETWEEN '2023-01-01' AND '2024-01-31')"
        " OR (e.wide = 1 AND e.start_date <= '2024-01-31'))"
    )
    assert any("events_range" in row[-1] for row in plan)


async def test_add_articles_stores_a_batch_like_add_article(store: Store, tmp_path: Path) -> None:
    ids = await store.add_articles([bahrain(), washington(), undated()])
    assert ids == [1, 2, 3]
    assert store.generation == 1  # one transaction
    async with await Store.open(tmp_path / "one-by-one.db") as single:
        for parsed in (bahrain(), washington(), undated()):
            await single.add_article(parsed)
        assert counts(single.path) == counts(store.path)
        assert await single.actor_directory() == await store.actor_directory()
    assert wrong_figures(store.path) == {}


async def test_add_articles_is_all_or_nothing(store: Store) -> None:
    await store.add_article(bahrain())
    before = counts(store.path)
    with pytest.raises(DuplicateArticle) as error:
        await store.add_articles([washington(), undated(), washington()])  # repeats itself
    assert error.value.existing_id == 2  # the list's own first copy, rolled back since
    assert counts(store.path) == before
    with pytest.raises(DuplicateArticle):
        await store.add_articles([washington(), bahrain()])
    assert counts(store.path) == before
    assert await store.add_articles([]) == []


async def test_migrating_a_version_4_store_computes_the_kept_figures(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    with sqlite3.connect(path) as conn:
        for number, script in migrations():
            if number <= 4:
                conn.executescript(script)
        conn.executescript(
            "INSERT INTO articles (id, title, published, content_hash, text) VALUES"
            " (1, 'a', '2021-11-20', 'h1', 'x'), (2, 'b', NULL, 'h2', 'y'),"
            " (3, 'c', '2024-02-27', 'h3', 'z');"
            "INSERT INTO actors (id, name, kind, norm) VALUES"
            " (1, 'A', 'person', 'a'), (2, 'B', 'person', 'b'), (3, 'C', 'place', 'c');"
            "INSERT INTO mentions (article_id, actor_id, seq, surfaces, count) VALUES"
            ' (1, 1, 0, \'["A", "Mr A"]\', 2), (1, 2, 1, \'["B"]\', 1),'
            " (2, 1, 0, '[\"Mr A\"]', 1), (2, 2, 1, '[\"B\"]', 1), (2, 3, 2, '[\"C\"]', 1),"
            " (3, 1, 0, '[\"Mr A\"]', 1);"
            "INSERT INTO events (id, article_id, type, start_date, end_date, sentence) VALUES"
            " (1, 1, 'meeting', '2021-11-19', '2021-11-19', 'A met B.'),"
            " (2, 2, 'call', NULL, NULL, 'A called B.');"
            "INSERT INTO event_participants (event_id, actor_id, position) VALUES"
            " (1, 1, 0), (1, 2, 1), (2, 1, 0), (2, 2, 1);"
            "INSERT INTO quotes (article_id, actor_id, text) VALUES (1, 1, 'x'), (3, 1, 'y');"
            "INSERT INTO date_mentions (article_id, text, char_start, char_end, start_date,"
            " end_date) VALUES (1, 'on Friday', 0, 9, '2021-11-19', '2021-11-19');"
            "PRAGMA user_version = 4;"
        )
    async with await Store.open(path) as store:
        assert [(c.name, c.shared_articles) for c in await store.co_actors(1)] == [
            ("B", 2),
            ("C", 1),
        ]
        assert await store.actor_surfaces(1) == ["Mr A", "A"]
        assert await store.actor_stats(1) == ActorStats(
            4, 3, 1, date(2021, 11, 20), date(2024, 2, 27)
        )
        assert [q.text for q in await store.actor_quotes(1)] == ["y", "x"]
        assert [e.type for e in await store.recent_events(1)] == ["meeting", "call"]
        assert [e.type for e in await store.shared_events(1, 2)] == ["meeting", "call"]
        day = Interval(date(2021, 11, 19), date(2021, 11, 19))
        assert [(h.article.id, h.texts) for h in await store.date_hits(day)] == [(1, ["on Friday"])]
    assert wrong_figures(path) == {}


async def test_search_ranks_the_newest_matches_of_a_common_word(store: Store, monkeypatch) -> None:
    await store.add_article(article("Oil", "Oil oil oil: the oil law and oil exports."))
    await store.add_article(article("Budget", "The budget talks touched on oil."))
    await store.add_article(article("Salaries", "Salaries wait on oil revenue and the budget."))
    assert [hit.article.id for hit in await store.search("oil")] == [1, 2, 3]
    monkeypatch.setattr(storage.article_queries, "SEARCH_CANDIDATES", 2)
    assert [hit.article.id for hit in await store.search("oil")] == [2, 3]
    assert [hit.article.id for hit in await store.search("budget")] == [2, 3]


# Tables that grow with every article: an actor's answers must reach them through an index.
GROWING = {"mentions", "event_participants", "quotes", "co_mentions", "actor_surfaces"}


async def test_an_actors_answers_never_scan_a_growing_table(store: Store) -> None:
    await store.add_article(bahrain())
    await store.add_article(washington())
    statements: list[str] = []
    await store._reader.set_trace_callback(statements.append)
    await briefing.actor_profile(store, "Masrour Barzani")
    await briefing.timeline(store, "Masrour Barzani")
    await briefing.timeline(store, "Masrour Barzani", since=date(2021, 1, 1))
    await briefing.between(store, "Lloyd Austin", "Masrour Barzani")
    await store._reader.set_trace_callback(None)
    with sqlite3.connect(store.path) as conn:
        steps = [row[-1] for sql in statements for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
    assert len(statements) > 10
    assert [step for step in steps if step.startswith("SCAN") and step.split()[1] in GROWING] == []


async def test_a_mention_keeps_its_actor(store: Store) -> None:
    await store.add_article(bahrain())
    with sqlite3.connect(store.path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE mentions SET actor_id = 2 WHERE actor_id = 1")
    assert wrong_figures(store.path) == {}
