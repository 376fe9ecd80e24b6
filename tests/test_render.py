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
    assert "Prime Minister of the Kurdistan Region (2019-07-10 on, 2 articles)" in text
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
    assert text.startswith("February 2024\n")
    assert "2024-02-26  meeting  Antony Blinken, Masrour Barzani in Washington" in text
    assert render(await briefing.on_date(store, day("2019-01-01"))) == "Nothing on 1 January 2019."


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
    assert brief.splitlines()[:2] == ["Briefing", "3 stories from 3 articles."]
    assert "3. undated  KDP leader urges parties to join elections" in brief
    assert "Source: undated  [#3 KDP leader urges parties to join elections — Kurdistan24]" in brief
    assert "Source: 2021-11-20  [#1 Kurdistan PM meets Austin at Manama Dialogue — Rudaw]" in brief
    assert "https://example.org/manama" in brief
    assert "Who: Masrour Barzani, Antony Blinken, Masoud Barzani, Washington" in brief
    assert "2024-02-26  meeting  Antony Blinken, Masrour Barzani in Washington  #2" in brief
    empty = render(await briefing.brief(store, since=date(2030, 1, 1)))
    assert "No articles in this period. The latest articles are from 2024-02-27." in empty
    digest = render(await briefing.digest(store, after_id=1))
    assert digest.splitlines()[:2] == ["Digest", "2 stories from 2 articles."]
    rows = [" ".join(line.split()) for line in digest.split("Most mentioned")[1].splitlines()]
    assert "Antony Blinken person 2 mentions first appearance as Secretary" in rows
    nothing = render(await briefing.digest(store, after_id=3, actor="Blinken"))
    assert nothing == "Digest about Antony Blinken\nNo new articles since the last digest."


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
        "url": None,
    }
    assert list(data)[:3] == ["name", "kind", "aliases"]


async def test_json_lists_and_dates(store: Store) -> None:
    top = json.loads(to_json(await briefing.top_actors(store, limit=1)))
    assert top == [{"name": "Masrour Barzani", "kind": "person", "mentions": 6, "articles": 2}]
    answer = json.loads(to_json(await briefing.on_date(store, day("2024-02-26"))))
    assert answer["interval"] == {"start": "2024-02-26", "end": "2024-02-26"}
    hits = json.loads(to_json(await briefing.search(store, "Manama")))
    assert hits[0]["article"]["url"] == "https://example.org/manama"
    brief = json.loads(to_json(await briefing.brief(store)))
    assert (brief["kind"], brief["articles"], brief["last_article_id"]) == ("brief", 3, 3)
    assert [story["published"] for story in brief["stories"]] == ["2024-02-27", "2021-11-20", None]
    assert brief["stories"][1]["sources"] == [
        {
            "id": 1,
            "title": "Kurdistan PM meets Austin at Manama Dialogue",
            "source": "Rudaw",
            "published": "2021-11-20",
            "url": "https://example.org/manama",
        }
    ]
    assert brief["top_actors"][0] == {
        "name": "Masrour Barzani",
        "kind": "person",
        "mentions": 6,
        "articles": 2,
        "first_appearance": False,
        "new_roles": [],
    }
    assert brief["latest_with_articles"] is None
