"""The briefing functions on a small realistic store (three hand-built articles)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot import briefing
from bot.errors import BadQuery, NotFound
from bot.models import Interval
from bot.names import complete_actors, resolve_actor
from bot.normalize import norm
from bot.render import text
from storage.store import Store
from tests.factories import actor, article, bahrain, day, event

MANAMA, WASHINGTON, UNDATED = 1, 2, 3


def test_norm() -> None:
    assert norm("  Masrour  BARZANÍ ") == "masrour barzani"
    assert norm("Barzani, Masrour") == "barzani masrour"
    assert norm("The Pentagon") == norm("pentagon") == "pentagon"
    assert norm("al‐Sudani") == norm("Al-Sudani") == norm("al Sudani")
    assert norm("U.S.") == norm("US")
    assert norm("O’Brien") == norm("O'Brien")


@pytest.mark.parametrize(
    "typed",
    ["Masrour Barzani", "masrour barzani", "Masrur Barzani", "Barzani, Masrour", "MASROUR BARZANÍ"],
)
async def test_resolve_forgiving(store: Store, typed: str) -> None:
    assert (await resolve_actor(store, typed)).actor.name == "Masrour Barzani"


@pytest.mark.parametrize(
    ("typed", "name"),
    [("blinken", "Antony Blinken"), ("Blinkin", "Antony Blinken"), ("austin", "Lloyd Austin")],
)
async def test_resolve_partial_and_typo(store: Store, typed: str, name: str) -> None:
    assert (await resolve_actor(store, typed)).actor.name == name


async def test_ambiguous_name_picks_most_mentioned(store: Store) -> None:
    match = await resolve_actor(store, "Barzani")
    assert match.actor.name == "Masrour Barzani"
    assert match.also == ["Masoud Barzani", "Nechirvan Barzani"]


async def test_unknown_name_suggests(store: Store) -> None:
    with pytest.raises(NotFound) as error:
        await resolve_actor(store, "Lyod Austen")
    assert str(error.value) == "No actor called 'Lyod Austen'."
    assert error.value.suggestions[0] == "Lloyd Austin"
    with pytest.raises(NotFound) as error:
        await resolve_actor(store, "Zelensky")
    assert len(error.value.suggestions) <= 5


async def test_alias_resolves_and_index_refreshes(store: Store) -> None:
    with pytest.raises(NotFound):
        await resolve_actor(store, "Kak Masrour")
    await store.add_alias("Masrour Barzani", "Kak Masrour")
    match = await resolve_actor(store, "kak masrour")
    assert (match.actor.name, match.how) == ("Masrour Barzani", "alias")


async def test_complete_actors(store: Store) -> None:
    assert await complete_actors(store, "barz") == [
        "Masrour Barzani",
        "Masoud Barzani",
        "Nechirvan Barzani",
    ]
    assert (await complete_actors(store, "ant"))[0] == "Antony Blinken"
    assert (await complete_actors(store, "blinkn"))[0] == "Antony Blinken"
    assert len(await complete_actors(store, "", limit=3)) == 3


async def test_actor_profile(store: Store) -> None:
    profile = await briefing.actor_profile(store, "masrour barzani")
    assert (profile.name, profile.kind) == ("Masrour Barzani", "person")
    assert (profile.first_seen, profile.last_seen) == (date(2021, 11, 20), date(2024, 2, 27))
    assert (profile.mentions, profile.articles, profile.undated_articles) == (6, 2, 0)
    assert {"Masrour Barzani", "Mr Barzani", "Barzani"} == set(profile.surfaces)
    # The titles seen ("Prime Minister" in two articles) fold into the pack's roles, dated
    # by their terms.
    assert [(r.role, r.first, r.last, r.articles, r.known) for r in profile.roles] == [
        (
            "Chancellor of the Kurdistan Region Security Council",
            date(2012, 1, 1),
            date(2019, 7, 10),
            0,
            True,
        ),
        ("Prime Minister of the Kurdistan Region", date(2019, 7, 10), None, 2, True),
    ]
    co_actors = {c.name: c.shared_articles for c in profile.co_actors}
    assert co_actors["Lloyd Austin"] == co_actors["Antony Blinken"] == 1
    assert [e.start for e in profile.recent_events] == [date(2024, 2, 26), date(2021, 11, 20)]
    assert profile.recent_events[0].article.source == "The National"


async def test_an_article_giving_two_spellings_of_one_office_counts_once(store: Store) -> None:
    await store.add_article(
        article(
            "KRG premier in Paris",
            "Kurdistan Region Prime Minister Masrour Barzani met officials. Prime Minister "
            "Barzani said the talks went well.",
            published="2024-03-05",
            actors=[actor("Masrour Barzani", roles=["Kurdistan Region Prime Minister", "PM"])],
        )
    )
    profile = await briefing.actor_profile(store, "Masrour Barzani")
    prime = profile.roles[-1]
    assert (prime.role, prime.articles) == ("Prime Minister of the Kurdistan Region", 3)


async def test_profile_counts_undated_articles(store: Store) -> None:
    profile = await briefing.actor_profile(store, "Masoud Barzani")
    assert (profile.articles, profile.undated_articles) == (2, 1)
    assert profile.first_seen == profile.last_seen == date(2024, 2, 27)
    assert profile.quotes[0].text == "the vote must be free"


async def test_top_actors(store: Store) -> None:
    top = await briefing.top_actors(store)
    assert (top[0].name, top[0].mentions, top[0].articles) == ("Masrour Barzani", 6, 2)
    places = await briefing.top_actors(store, kind="place")
    assert {a.name for a in places} == {"Bahrain", "Washington"}
    recent = await briefing.top_actors(store, since=date(2024, 1, 1), limit=2)
    assert [a.name for a in recent] == ["Masrour Barzani", "Antony Blinken"]
    old = await briefing.top_actors(store, until=date(2022, 1, 1))
    assert "Antony Blinken" not in {a.name for a in old}
    with pytest.raises(BadQuery):
        await briefing.top_actors(store, since=date(2024, 1, 1), until=date(2023, 1, 1))


async def test_on_date_day(store: Store) -> None:
    answer = await briefing.on_date(store, day("2024-02-26"))
    assert [(e.type, e.place) for e in answer.events] == [("meeting", "Washington")]
    assert answer.published == []
    assert [(h.article.id, h.texts) for h in answer.mentioned] == [(WASHINGTON, ["on Monday"])]


async def test_on_date_month(store: Store) -> None:
    answer = await briefing.on_date(store, Interval(date(2024, 2, 1), date(2024, 2, 29)))
    assert len(answer.events) == 1
    assert [a.id for a in answer.published] == [WASHINGTON]


async def test_on_date_year(store: Store) -> None:
    answer = await briefing.on_date(store, Interval(date(2021, 1, 1), date(2021, 12, 31)))
    assert [e.participants for e in answer.events] == [["Masrour Barzani", "Lloyd Austin"]]
    assert [a.id for a in answer.published] == [MANAMA]
    empty = await briefing.on_date(store, day("2019-05-05"))
    assert (empty.events, empty.published, empty.mentioned) == ([], [], [])


async def test_on_date_finds_wide_intervals(store: Store, tmp_path: Path) -> None:
    decade = bahrain()
    decade.document.url = None
    decade.content_hash = "decade"
    decade.events[0].interval = Interval(date(2014, 1, 1), date(2024, 12, 31))
    await store.add_article(decade)
    answer = await briefing.on_date(store, day("2019-05-05"))
    assert [e.end for e in answer.events] == [date(2024, 12, 31)]


async def test_timeline(store: Store) -> None:
    timeline = await briefing.timeline(store, "Masrour")
    assert [e.start for e in timeline.events] == [date(2021, 11, 20), date(2024, 2, 26)]
    recent = await briefing.timeline(store, "Masrour Barzani", since=date(2022, 1, 1))
    assert [e.place for e in recent.events] == ["Washington"]
    masoud = await briefing.timeline(store, "Masoud Barzani")
    assert masoud.events == [] and [e.type for e in masoud.undated] == ["statement"]


async def test_between(store: Store) -> None:
    answer = await briefing.between(store, "blinken", "Masrour Barzani")
    assert (answer.first, answer.second) == ("Antony Blinken", "Masrour Barzani")
    assert [(e.start, e.place) for e in answer.events] == [(date(2024, 2, 26), "Washington")]
    assert [a.id for a in answer.articles] == [WASHINGTON]
    apart = await briefing.between(store, "Lloyd Austin", "Antony Blinken")
    assert (apart.events, apart.articles) == ([], [])
    with pytest.raises(BadQuery):
        await briefing.between(store, "Masrour Barzani", "masrur barzani")


async def test_search(store: Store) -> None:
    hits = await briefing.search(store, "Manama")
    assert [h.article.id for h in hits] == [MANAMA]
    assert "**Manama**" in hits[0].highlighted()
    start, end = hits[0].matches[0]
    assert hits[0].snippet[start:end] == "Manama" and "*" not in hits[0].snippet
    phrase = await briefing.search(store, '"Kurdistan Region"')
    assert {h.article.id for h in phrase} == {MANAMA, WASHINGTON, UNDATED}
    either = await briefing.search(store, "Manama Washington")  # no article has both
    assert {h.article.id for h in either} == {MANAMA, WASHINGTON}


@pytest.mark.parametrize("hostile", ["AND(", "NEAR(", '"unbalanced', "OR", "title:x", "a^b"])
async def test_search_hostile_input(store: Store, hostile: str) -> None:
    assert isinstance(await briefing.search(store, hostile), list)


async def test_article(store: Store) -> None:
    view = await briefing.article(store, WASHINGTON)
    assert (view.title, view.source, view.published) == (
        "Blinken meets Iraqi Kurdistan PM in Washington",
        "The National",
        date(2024, 2, 27),
    )
    assert [a.name for a in view.actors][:2] == ["Antony Blinken", "Masrour Barzani"]
    assert view.events[0].participants == ["Antony Blinken", "Masrour Barzani"]
    assert [q.speaker for q in view.quotes] == ["Antony Blinken", None]
    assert view.dates[0].start == date(2024, 2, 26)
    with pytest.raises(NotFound):
        await briefing.article(store, 99)


async def test_brief_without_window_includes_undated(store: Store) -> None:
    brief = await briefing.brief(store)
    assert (brief.kind, brief.articles, brief.last_article_id) == ("brief", 3, UNDATED)
    assert [[a.id for a in s.sources] for s in brief.stories] == [[WASHINGTON], [MANAMA], [UNDATED]]
    assert [s.published for s in brief.stories] == [date(2024, 2, 27), date(2021, 11, 20), None]
    story = brief.stories[0]
    assert story.headline == "Blinken meets Iraqi Kurdistan PM in Washington"
    assert story.key_actors == ["Masrour Barzani", "Antony Blinken", "Masoud Barzani", "Washington"]
    assert 1 <= len(story.summary) <= 2
    assert [(e.type, e.place) for e in story.events] == [("meeting", "Washington")]
    assert (brief.more_stories, brief.more_articles) == (0, 0)
    assert brief.top_actors[0].name == "Masrour Barzani"
    # nothing is before a window without a start: no first appearances, no new roles
    assert not any(a.first_appearance or a.new_roles for a in brief.top_actors)


async def test_brief_window_and_actor(store: Store) -> None:
    window = await briefing.brief(store, since=date(2024, 1, 1), until=date(2024, 12, 31))
    assert [s.sources[0].id for s in window.stories] == [WASHINGTON]
    assert (window.articles, window.last_article_id) == (1, WASHINGTON)
    about = await briefing.brief(store, actor="austin")
    assert (about.actor, [s.sources[0].id for s in about.stories]) == ("Lloyd Austin", [MANAMA])
    assert "Lloyd Austin" not in {a.name for a in about.top_actors}


async def test_brief_empty_window_points_to_latest(store: Store) -> None:
    brief = await briefing.brief(store, since=date(2030, 1, 1))
    assert (brief.stories, brief.top_actors, brief.articles) == ([], [], 0)
    assert brief.last_article_id is None
    assert brief.latest_with_articles == date(2024, 2, 27)
    about = await briefing.brief(store, since=date(2030, 1, 1), actor="Lloyd Austin")
    assert about.latest_with_articles == date(2021, 11, 20)


async def test_digest_covers_the_articles_after_an_id(store: Store) -> None:
    everything = await briefing.digest(store, after_id=0)
    assert (everything.kind, everything.articles, everything.last_article_id) == ("digest", 3, 3)
    assert {s.sources[0].id for s in everything.stories} == {MANAMA, WASHINGTON, UNDATED}
    later = await briefing.digest(store, after_id=MANAMA)
    assert [s.sources[0].id for s in later.stories] == [WASHINGTON, UNDATED]
    assert (later.after_id, later.articles, later.last_article_id) == (MANAMA, 2, UNDATED)
    about = await briefing.digest(store, after_id=MANAMA, actor="Masrour")
    assert (about.actor, about.articles, about.last_article_id) == ("Masrour Barzani", 1, 2)
    nothing = await briefing.digest(store, after_id=UNDATED)
    assert (nothing.stories, nothing.articles, nothing.last_article_id) == ([], 0, None)
    assert nothing.latest_with_articles == date(2024, 2, 27)


async def test_what_is_new_about_the_top_actors(store: Store) -> None:
    """First appearance: no article before the window mentions them; new roles: titles never
    seen with them before it (in any case)."""
    await store.add_article(
        article(
            "Austin writes to Barzani",
            "US Secretary of Defense Lloyd Austin wrote to Masrour Barzani about the Peshmerga.",
            published="2024-03-01",
            actors=[
                actor("Lloyd Austin", roles=["Secretary of Defense", "defense secretary"]),
                actor("Masrour Barzani", roles=["Prime Minister"]),
            ],
        )
    )
    digest = await briefing.digest(store, after_id=MANAMA)
    news = {a.name: (a.first_appearance, a.new_roles) for a in digest.top_actors}
    assert news["Masrour Barzani"] == (False, [])  # Prime Minister in #1 already
    assert news["Antony Blinken"] == (True, ["Secretary"])
    assert news["Lloyd Austin"] == (False, ["Secretary of Defense"])
    assert news["Nechirvan Barzani"] == (True, ["Kurdistan Region President"])
    since = await briefing.brief(store, since=date(2024, 1, 1))
    news = {a.name: (a.first_appearance, a.new_roles) for a in since.top_actors}
    assert news["Antony Blinken"] == (True, ["Secretary"])
    assert news["Lloyd Austin"] == (False, ["Secretary of Defense"])
    assert "Nechirvan Barzani" not in news  # only in the undated article, outside the window


async def test_export_shape(store: Store) -> None:
    exported = [item async for item in briefing.export_articles(store)]
    assert [item["id"] for item in exported] == [MANAMA, WASHINGTON, UNDATED]
    second = exported[1]
    assert list(second) == [
        "id", "title", "source", "url", "published", "published_basis", "actors", "dates", "events",
        "planned_events", "quotes",
    ]  # fmt: skip
    assert (second["published"], second["published_basis"]) == ("2024-02-27", "user")
    assert second["actors"][1] == {
        "name": "Masrour Barzani",
        "kind": "person",
        "mentions": ["Masrour Barzani", "Mr Barzani"],
    }
    assert second["dates"] == [{"text": "on Monday", "start": "2024-02-26", "end": "2024-02-26"}]
    assert second["events"] == [
        {
            "type": "meeting",
            "participants": ["Antony Blinken", "Masrour Barzani"],
            "start": "2024-02-26",
            "end": "2024-02-26",
            "place": "Washington",
        }
    ]
    assert second["planned_events"] == []
    assert second["quotes"][0] == {
        "speaker": "Antony Blinken",
        "text": "The United States is committed to a resilient region.",
    }
    assert exported[2]["published"] is None
    assert exported[2]["dates"] == [{"text": "last year", "start": None, "end": None}]


async def test_a_window_larger_than_one_briefing_reads_is_counted(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(briefing, "MAX_ARTICLES", 2)
    answer = await briefing.brief(store)
    assert (answer.articles, answer.unread, answer.last_article_id) == (3, 1, UNDATED)
    assert sum(len(story.sources) for story in answer.stories) == 2
    assert "…and 1 older article not grouped here." in text.render(answer)


async def test_export_keeps_planned_events_apart(tmp_path: Path) -> None:
    """`events` is what happened; what an article announces goes to `planned_events`."""
    async with await Store.open(tmp_path / "planned.db") as store:
        body = "Ann Lee met Bo Park on Monday. Lee will meet Cy Ray next week."
        meeting = event("meeting", ["Ann Lee", "Bo Park"], sentence="Ann Lee met Bo Park.")
        announced = event("meeting", ["Ann Lee", "Cy Ray"], planned=True)
        await store.add_article(
            article("Talks", body, published="2024-02-27", events=[meeting, announced])
        )
        [exported] = [item async for item in briefing.export_articles(store)]
    assert [e["participants"] for e in exported["events"]] == [["Ann Lee", "Bo Park"]]
    assert [e["participants"] for e in exported["planned_events"]] == [["Ann Lee", "Cy Ray"]]
