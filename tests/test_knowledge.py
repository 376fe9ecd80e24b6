"""What briefbot knows besides its articles: the beat packs in use, the lookups the parser makes
over them, what a server taught and the people the store learned (real SQLite files)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import BadQuery
from bot.ingestion import parse_knowledge
from bot.knowledge import (
    Entry,
    Role,
    StoreKnowledge,
    beats_in_use,
    known_outlets,
    pack_entry,
    shipped_beats,
    to_pack,
)
from bot.models import ActorKind
from bot.parse.gazetteer import Gazetteer, newly_resolved_names
from bot.parse.pipeline import ArticleParser
from bot.sources import document_from_text
from storage.store import Store

PERSON = ActorKind.PERSON
DATELINE = "ERBIL, Kurdistan Region (Kurdistan24) - The minister met two envoys on Monday."


def role(title: str, start: str | None, end: str | None, *keys: str) -> Role:
    return Role(
        title, frozenset(keys), *(date.fromisoformat(d) if d else None for d in (start, end))
    )


def test_kurdistan_is_the_pack_shipped() -> None:
    assert shipped_beats() == ("kurdistan",)


def test_the_packs_in_use_give_their_actors_and_word_lists() -> None:
    with beats_in_use(("kurdistan",)):
        assert Gazetteer.load().lookup("Masrur Barzani").name == "Masrour Barzani"
        assert pack_entry("Masrur Barzani")[0] == "kurdistan"
        assert known_outlets()["kurdistan24"] == "Kurdistan 24"
        assert document_from_text(DATELINE).source == "Kurdistan 24"
    with beats_in_use(()):
        assert Gazetteer.load().lookup("Masrur Barzani") is None
        assert Gazetteer.load().lookup("United Nations") is not None  # institutions stay
        assert pack_entry("Masrur Barzani") is None
        assert "kurdistan24" not in known_outlets()
        assert document_from_text(DATELINE).source == "Kurdistan24"  # the credit as written


def test_taught_entries_merge_with_the_pack_and_win_a_name() -> None:
    taught = Entry(
        "Masrour Barzani", PERSON, ("Kak Masrour",), (role("Envoy", "2030-01-01", None),)
    )
    gazetteer = Gazetteer.load(("kurdistan",), StoreKnowledge(taught=(taught,)))
    entry = gazetteer.lookup("Kak Masrour")
    assert entry is gazetteer.lookup("Masrur Barzani")  # one entry: the pack's aliases kept
    assert entry.roles[0].title == "Envoy"
    assert "Prime Minister of the Kurdistan Region" in [r.title for r in entry.roles]


def learned(*entries: Entry) -> Gazetteer:
    return Gazetteer.load((), StoreKnowledge(learned=entries))


ARNE = Entry(
    "Arne Kvalheim",
    PERSON,
    roles=(role("Prime Minister", "2022-01-01", "2023-06-01", "prime minister"),),
)
LISE = Entry(
    "Lise Kvalheim",
    PERSON,
    roles=(role("Foreign Minister", "2010-01-01", "2011-01-01", "foreign minister", "minister"),),
)


def test_a_learned_person_owns_a_bare_name_of_theirs() -> None:
    gazetteer = learned(ARNE)
    assert gazetteer.holder("Kvalheim", None, None) is ARNE
    assert gazetteer.holder("Arne", None, None) is ARNE  # given names too, across articles
    assert gazetteer.holder("Halvorsen", None, None) is None


def test_namesakes_are_told_apart_by_title_then_by_date() -> None:
    gazetteer = learned(ARNE, LISE)
    assert gazetteer.holder("Kvalheim", "prime minister", None) is ARNE
    assert gazetteer.holder("Kvalheim", "foreign minister", date(2024, 1, 1)) is LISE
    assert gazetteer.holder("Kvalheim", None, date(2024, 1, 1)) is ARNE  # seen nearer then
    assert gazetteer.holder("Kvalheim", None, date(2009, 1, 1)) is LISE
    assert gazetteer.holder("Kvalheim", None, None) is None  # nothing to tell them apart


def test_a_pack_person_wins_a_surname_over_a_learned_one() -> None:
    namesake = Entry("Dilshad Barzani", PERSON)
    gazetteer = Gazetteer.load(("kurdistan",), StoreKnowledge(learned=(namesake,)))
    assert gazetteer.holder("Barzani", "chancellor", date(2015, 1, 1)).name == "Masrour Barzani"


def test_known_people_are_found_in_the_other_order_or_without_initials() -> None:
    gazetteer = learned(ARNE)
    assert gazetteer.lookup("Kvalheim Arne") is ARNE
    assert gazetteer.lookup("Arne B. Kvalheim") is ARNE
    assert gazetteer.lookup("Norland B. Group") is None


def test_names_a_reparse_now_resolves() -> None:
    before = learned(LISE)
    after = learned(LISE, ARNE, Entry("Tor Moe", PERSON, ("Tor B. Moe",)))
    assert newly_resolved_names(before, after) == [
        "arne",
        "kvalheim",  # Lise's alone before: a title or the date tells them apart now
        "kvalheim arne",
        "moe",
        "moe tor",
        "tor",
        "tor b moe",
    ]
    assert newly_resolved_names(after, after) == []
    many = learned(*(Entry(f"{n} Kvalheim", PERSON) for n in "ABCD"))
    assert "kvalheim" not in newly_resolved_names(before, many)  # too many to tell apart
    packed = Gazetteer.load(("kurdistan",), StoreKnowledge(learned=(Entry("Ali Barzani", PERSON),)))
    empty = Gazetteer.load(("kurdistan",))
    assert "barzani" not in newly_resolved_names(empty, packed)  # the pack's to resolve


async def test_teaching_adds_names_and_roles_to_one_entry(tmp_path) -> None:
    async with await Store.open(tmp_path / "kb.db") as store:
        first = await store.teach(
            Entry(
                "Arne Kvalheim", PERSON, ("A. Kvalheim",), (role("Minister", "2019-01-01", None),)
            )
        )
        again = await store.teach(
            Entry(
                "A. Kvalheim",  # named by its alias
                PERSON,
                ("Kvalheim",),
                (
                    role("Minister", "2019-01-01", "2021-12-31"),
                    role("Prime Minister", "2022-01-01", None),
                ),
            )
        )
        assert (first.created, again.created) == (True, False)
        entry = await store.taught_entry("kvalheim")
        assert entry.name == "Arne Kvalheim"
        assert entry.aliases == ("A. Kvalheim", "Kvalheim")
        assert [(r.title, r.start, r.end) for r in entry.roles] == [
            ("Minister", date(2019, 1, 1), date(2021, 12, 31)),  # taught again: the new end
            ("Prime Minister", date(2022, 1, 1), None),
        ]
        other = await store.teach(Entry("Lise Kvalheim", PERSON, ("Kvalheim",)))
        assert other.entry.aliases == ("Kvalheim",)  # the alias moved to her
        assert (await store.taught_entry("Arne Kvalheim")).aliases == ("A. Kvalheim",)
        assert await store.taught_names() == [
            "A. Kvalheim",
            "Arne Kvalheim",
            "Kvalheim",
            "Lise Kvalheim",
        ]
        assert to_pack(await store.taught_entries())["persons"][1] == {
            "name": "Lise Kvalheim",
            "aliases": ["Kvalheim"],
        }
        with pytest.raises(BadQuery, match="cannot end"):
            await store.teach(
                Entry("Tor Moe", PERSON, (), (role("Mayor", "2020-01-01", "2019-01-01"),))
            )
        assert await store.taught_entry("Tor Moe") is None  # nothing of it was kept


async def test_the_store_learns_titled_or_often_named_people(store: Store) -> None:
    knowledge = await parse_knowledge(store)
    people = {entry.name: entry for entry in knowledge.learned}
    # The three hand-built articles: Masrour Barzani is named in two, the others given a title
    assert set(people) >= {"Masrour Barzani", "Lloyd Austin", "Antony Blinken"}
    prime = people["Masrour Barzani"].roles[0]
    assert (prime.title, prime.start, prime.end) == (
        "Prime Minister",
        date(2021, 11, 20),
        date(2024, 2, 27),
    )
    assert "prime minister" in prime.keys


@pytest.mark.slow
def test_the_parser_finds_the_names_taught_since_it_was_built() -> None:
    document = document_from_text("Kak Tor met two envoys in Bergen on Monday.")
    parser = ArticleParser.create(beats=())
    taught = Entry("Tor Halvorsen", PERSON, ("Kak Tor",))
    [before] = parser.parse([document])
    [after] = parser.with_knowledge(StoreKnowledge(taught=(taught,))).parse([document])
    [forgotten] = parser.with_knowledge(StoreKnowledge()).parse([document])
    names = [{a.name for a in parsed.actors} for parsed in (before, after, forgotten)]
    assert "Tor Halvorsen" not in names[0]
    assert "Tor Halvorsen" in names[1]
    assert names[2] == names[0]


@pytest.mark.slow
def test_a_known_person_named_with_an_initial_is_that_person() -> None:
    document = document_from_text("Minister S Okonkwo met two envoys in Bergen on Monday.")
    taught = Entry("Subrata Okonkwo", PERSON, ())
    parser = ArticleParser.create(beats=()).with_knowledge(StoreKnowledge(taught=(taught,)))
    [parsed] = parser.parse([document])
    assert "Subrata Okonkwo" in {a.name for a in parsed.actors}
