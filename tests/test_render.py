"""Text and JSON renderings of every answer type."""

from __future__ import annotations

import json
from datetime import date

from bot import briefing
from bot.models import Interval
from bot.render.jsonout import to_json
from bot.render.text import render
from storage.store import Store
from tests.factories import day

WASHINGTON_CITE = "[#2 Blinken meets Iraqi Kurdistan PM in Washington — The National]"


async def test_profile_text(store: Store) -> None:
    text = render(await briefing.actor_profile(store, "Barzani"))
    assert text.splitlines()[0] == "Masrour Barzani — person"
    assert "Could also be: Masoud Barzani, Nechirvan Barzani" in text
    assert "Prime Minister (2021-11-20..2024-02-27, 2 articles)" in text
    assert "First seen:    2021-11-20" in text
    assert "Last seen:     2024-02-27" in text
    assert WASHINGTON_CITE in text


async def test_top_actors_text_is_aligned(store: Store) -> None:
    lines = render(await briefing.top_actors(store)).splitlines()
    assert lines[0].split() == ["#", "actor", "kind", "mentions", "articles"]
    assert lines[1].split()[:3] == ["1", "Masrour", "Barzani"]
    assert len({line.index("person") for line in lines if "person" in line}) == 1


async def test_date_text(store: Store) -> None:
    text = render(await briefing.on_date(store, Interval(date(2024, 2, 1), date(2024, 2, 29))))
    assert text.startswith("2024-02-01..2024-02-29")
    assert "2024-02-26  meeting  Antony Blinken, Masrour Barzani in Washington" in text
    assert render(await briefing.on_date(store, day("2019-01-01"))) == "Nothing on 2019-01-01."


async def test_timeline_between_search_text(store: Store) -> None:
    timeline = render(await briefing.timeline(store, "Masoud Barzani"))
    assert "No dated events." in timeline and "Undated" in timeline
    between = render(await briefing.between(store, "Blinken", "Masrour"))
    assert between.startswith("Antony Blinken and Masrour Barzani")
    assert WASHINGTON_CITE in between
    hits = render(await briefing.search(store, "Manama"))
    assert "[#1 Kurdistan PM meets Austin at Manama Dialogue — Rudaw] 2021-11-20" in hits
    assert "**Manama**" in hits
    assert render(await briefing.search(store, "zzzz")) == "Nothing found."


async def test_article_and_brief_text(store: Store) -> None:
    text = render(await briefing.article(store, 3))
    assert "Published: undated" in text
    assert "last year  undated" in text
    assert "Masoud Barzani: “the vote must be free”" in text
    brief = render(await briefing.brief(store))
    assert "3. undated  [#3 KDP leader urges parties to join elections — Kurdistan24]" in brief
    assert "Who: Masrour Barzani, Antony Blinken, Masoud Barzani, Washington" in brief
    empty = render(await briefing.brief(store, since=date(2030, 1, 1)))
    assert "The latest articles are from 2024-02-27." in empty


async def test_stats_text(store: Store) -> None:
    text = render(await store.stats())
    assert "Articles:      3 (1 undated)" in text
    assert "Published:     2021-11-20..2024-02-27" in text
    assert "Actors:        8 (0 aliases)" in text


async def test_json_profile(store: Store) -> None:
    data = json.loads(to_json(await briefing.actor_profile(store, "Masrour Barzani")))
    assert (data["first_seen"], data["last_seen"]) == ("2021-11-20", "2024-02-27")
    assert data["recent_events"][0]["article"] == {
        "id": 2,
        "title": "Blinken meets Iraqi Kurdistan PM in Washington",
        "source": "The National",
        "published": "2024-02-27",
    }
    assert list(data)[:3] == ["name", "kind", "aliases"]


async def test_json_lists_and_dates(store: Store) -> None:
    top = json.loads(to_json(await briefing.top_actors(store, limit=1)))
    assert top == [{"name": "Masrour Barzani", "kind": "person", "mentions": 6, "articles": 2}]
    answer = json.loads(to_json(await briefing.on_date(store, day("2024-02-26"))))
    assert answer["interval"] == {"start": "2024-02-26", "end": "2024-02-26"}
    brief = json.loads(to_json(await briefing.brief(store)))
    assert [item["undated"] for item in brief["items"]] == [False, False, True]
    assert brief["latest_with_articles"] is None
