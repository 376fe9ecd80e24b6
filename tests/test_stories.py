"""Stories: one item per event however many outlets reported it, and nothing dropped silently."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot import briefing, stories
from bot.answers import Briefing
from bot.models import ParsedArticle
from bot.outlets import is_outlet
from bot.parse.pipeline import ArticleParser
from bot.render import embeds
from bot.render.text import render
from bot.stories import near_duplicates
from storage.store import Store
from tests.factories import actor, article, day, event

# Light edits, as another outlet rewriting seed 000 (The National, 2024-02-27) would make them.
REWRITES = [
    (
        "Secretary of State Antony Blinken met",
        "US Secretary of State Antony Blinken held talks with",
    ),
    ("amid rising tension in Iraq over calls", "as tension rises in Iraq over demands"),
    ("Mr Blinken said before the meeting", "Blinken told reporters before the talks"),
    ("The meeting comes after recent talks", "The visit follows recent negotiations"),
    ("has been in Iraq since ISIS swept", "has been deployed in Iraq since ISIS overran"),
    ("The group was defeated in 2017", "The militants were defeated in 2017"),
    ("under increasing internal pressure", "under growing domestic pressure"),
    ("In a statement released on Tuesday", "In a Tuesday statement"),
    ("has voiced concern over moves", "has expressed concern about moves"),
    ("have held at least two rounds of talks", "have held two or more rounds of talks"),
    ("Five days later", "Days later"),
    ("have risen sharply since", "have increased sharply since"),
]
SEEDS = 5
REWRITE = 6

MANAMA_TEXT = (
    "US Defense Secretary Lloyd Austin and Kurdistan Region Prime Minister Masrour Barzani "
    "talked about the war on ISIS in Manama on Saturday, the Pentagon said in a readout. "
    "The Pentagon chief praised the Peshmerga forces."
)


def rewrite(seed: ParsedArticle, parser: ArticleParser) -> ParsedArticle:
    """Seed 000 as another outlet's lightly edited copy, published a day later."""
    text = seed.document.text
    for old, new in REWRITES:
        assert old in text, old
        text = text.replace(old, new)
    document = replace(
        seed.document,
        text=text,
        title="Kurdish premier and Blinken hold talks as Iraq weighs US troop exit",
        source="Rudaw",
        url=None,
        published=date(2024, 2, 28),
        published_basis="user",
    )
    return next(parser.parse([document]))


@pytest.fixture
async def seeds(tmp_path: Path, seeds_db: Path) -> AsyncIterator[Store]:
    """A copy of the seeds store (#1..#5)."""
    shutil.copyfile(seeds_db, tmp_path / "seeds.db")
    async with await Store.open(tmp_path / "seeds.db") as opened:
        yield opened


def texts_of(answer: Briefing) -> list[str]:
    return [embed.description or "" for embed in embeds.briefing(answer)]


def test_near_duplicates_are_rewrites_not_other_articles_of_the_beat(
    parsed_seeds: dict[str, ParsedArticle], parser: ArticleParser
) -> None:
    texts = [parsed.document.text for _, parsed in sorted(parsed_seeds.items())]
    copy = rewrite(parsed_seeds["000"], parser)
    assert list(near_duplicates([*texts, copy.document.text])) == [(0, SEEDS)]
    assert list(near_duplicates(texts)) == []


async def test_seed_articles_are_five_stories(seeds: Store) -> None:
    answer = await briefing.brief(seeds)
    assert [[a.id for a in s.sources] for s in answer.stories] == [[1], [2], [5], [4], [3]]


async def test_a_rewritten_copy_joins_its_seed(
    seeds: Store, parsed_seeds: dict[str, ParsedArticle], parser: ArticleParser
) -> None:
    await seeds.add_article(rewrite(parsed_seeds["000"], parser))
    answer = await briefing.brief(seeds)
    assert (answer.articles, len(answer.stories)) == (SEEDS + 1, SEEDS)
    story = answer.stories[0]
    assert [(a.id, a.source) for a in story.sources] == [(1, None), (REWRITE, "Rudaw")]
    assert story.headline == parsed_seeds["000"].document.title  # the earliest report's
    assert story.published == date(2024, 2, 27)
    meetings = [e for e in story.events if e.type == "meeting"]
    assert [(e.start, e.article.id) for e in meetings] == [(date(2024, 2, 26), 1)]  # once
    assert story.key_actors[:2] == ["Masrour Barzani", "Antony Blinken"]


async def test_summaries_are_sentences_of_the_lead_article(
    seeds: Store, parsed_seeds: dict[str, ParsedArticle], parser: ArticleParser
) -> None:
    await seeds.add_article(rewrite(parsed_seeds["000"], parser))
    for story in (await briefing.brief(seeds)).stories:
        text = " ".join((await seeds.get_document(story.sources[0].id)).text.split())
        assert 1 <= len(story.summary) <= 2
        assert all(sentence in text for sentence in story.summary), story.headline
        assert all(sentence[-1] in '.”"' for sentence in story.summary)


async def test_two_outlets_reporting_one_meeting_are_one_story(store: Store) -> None:
    await store.add_article(
        article(
            "Austin and Barzani discuss ISIS in Manama",
            MANAMA_TEXT,
            published="2021-11-21",
            source="Kurdistan 24",
            actors=[actor("Lloyd Austin"), actor("Masrour Barzani"), actor("Peshmerga", "group")],
            events=[
                event(
                    "meeting",
                    ["Lloyd Austin", "Masrour Barzani"],
                    day("2021-11-20"),
                    place="Manama",
                )
            ],
        )
    )
    answer = await briefing.brief(store)
    assert [[a.id for a in s.sources] for s in answer.stories] == [[2], [1, 4], [3]]
    story = answer.stories[1]
    assert story.headline == "Kurdistan PM meets Austin at Manama Dialogue"
    assert [(e.type, e.start) for e in story.events] == [("meeting", date(2021, 11, 20))]
    assert story.key_actors == ["Masrour Barzani", "Lloyd Austin", "ISIS", "Peshmerga"]
    text = "\n".join(texts_of(answer))
    assert "**`2021-11-20` Kurdistan PM meets Austin at Manama Dialogue**" in text
    assert "`2021-11-20` #1 *Kurdistan PM meets Austin at Manama Dialogue* (Rudaw)" in text
    assert "`2021-11-21` #4 *Austin and Barzani discuss ISIS in Manama* (Kurdistan 24)" in text
    assert "3 stories from 4 articles." in text


async def test_shared_people_alone_do_not_make_one_story(tmp_path: Path) -> None:
    """The same two people meet in all; only the same meeting, reported within three days
    of the other report, joins a story."""
    pair = ["Lloyd Austin", "Masrour Barzani"]
    reports = [
        ("2021-11-20", "meeting", day("2021-11-20")),
        ("2021-11-22", "meeting", day("2021-11-20")),  # the same meeting: joins #1
        ("2021-11-26", "meeting", day("2021-11-20")),  # looking back days later
        ("2021-11-20", "meeting", day("2021-11-19")),  # another meeting
        ("2021-11-21", "meeting", None),  # no date
        ("2021-11-20", "call", day("2021-11-20")),  # another kind of event
    ]
    async with await Store.open(tmp_path / "briefbot.db") as store:
        for n, (published, kind, when) in enumerate(reports, 1):
            await store.add_article(
                article(
                    f"Report {n}",
                    f"Report number {n} on Austin and Barzani.",
                    published=published,
                    actors=[actor(name) for name in pair],
                    events=[event(kind, pair, when, place="Bahrain")],
                )
            )
        answer = await briefing.brief(store)
    groups = sorted(sorted(a.id for a in s.sources) for s in answer.stories)
    assert groups == [[1, 2], [3], [4], [5], [6]]


async def test_more_stories_are_counted_not_dropped(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "briefbot.db") as store:
        for n in range(1, 28):
            await store.add_article(
                article(
                    f"Envoy {n} visits Erbil",
                    f"Envoy {n} arrived in Erbil for talks on subject {n} with officials.",
                    published=f"2024-01-{n:02d}",
                    actors=[actor(f"Envoy {n}"), actor("Masrour Barzani")],
                    events=[event("meeting", [f"Envoy {n}", "Masrour Barzani"], day("2024-01-01"))],
                )
            )
        await store.add_article(  # another outlet on the oldest story
            article(
                "Barzani receives the first envoy",
                "Masrour Barzani received the first envoy of the year in his office.",
                published="2024-01-02",
                actors=[actor("Envoy 1"), actor("Masrour Barzani")],
                events=[event("meeting", ["Masrour Barzani", "Envoy 1"], day("2024-01-01"))],
            )
        )
        answer = await briefing.brief(store)
    assert (answer.articles, len(answer.stories)) == (28, briefing.MAX_STORIES)
    assert (answer.more_stories, answer.more_articles) == (2, 3)
    assert answer.stories[0].headline == "Envoy 27 visits Erbil"
    assert "…and 2 more stories (3 articles)." in render(answer)
    assert "…and 2 more stories (3 articles)." in "\n".join(texts_of(answer))
    assert render(answer).splitlines()[1] == "27 stories from 28 articles."


async def test_story_text_is_escaped_in_discord(store: Store) -> None:
    await store.add_article(
        article(
            "@everyone **Breaking** <@&123456789012345678>",
            "Masrour Barzani said that [a link](https://x.test) and @here are not pings today.",
            published="2024-03-01",
            source="_Outlet_",
            actors=[actor("Masrour Barzani", roles=["@everyone", "Envoy to ~~Iraq~~"])],
            summary=["Masrour Barzani said that [a link](https://x.test) and @here are not pings."],
        )
    )
    answer = await briefing.digest(store, after_id=3)
    text = "\n".join(texts_of(answer))
    assert "@everyone" not in text and "@here" not in text and "<@&1" not in text
    assert "\\*\\*Breaking\\*\\*" in text and "\\[a link]" in text
    assert "#4 *@\u200beveryone \\*\\*Breaking\\*\\*" in text and "(\\_Outlet\\_)" in text
    assert "new role: Envoy to \\~\\~Iraq\\~\\~" in text  # "@everyone" is no title
    nothing = await briefing.digest(store, after_id=4)
    assert texts_of(nothing) == ["No new articles since the last digest."]
    assert embeds.briefing(nothing)[0].title == "Digest"


async def test_outlets_are_not_who_in_briefings_and_digests(tmp_path: Path) -> None:
    """Two outlets report one meeting and name themselves, each other and agencies: none of
    them is a key actor of the story, in the briefing nor in the digest."""
    pair = ["Masrour Barzani", "Lloyd Austin"]
    meeting = event("meeting", pair, day("2021-11-20"), place="Erbil")
    outlets = [
        article(
            "Barzani meets Austin",
            "Shafaq News reports that Masrour Barzani met Lloyd Austin in Erbil, Reuters said.",
            published="2021-11-20",
            source="Shafaq News",
            actors=[
                *map(actor, pair),
                actor("Shafaq News", "organization", count=9),
                actor("Reuters", "organization", count=5),
                actor("Kurdistan Regional Government", "organization", count=2),
            ],
            events=[meeting],
        ),
        article(
            "Austin in Erbil",
            "Erbil Daily TV: Lloyd Austin met Masrour Barzani, Yonhap News Agency reported.",
            published="2021-11-21",
            source="Erbil Daily",  # an outlet no list knows
            actors=[
                actor("Erbil Daily", "organization", count=7),
                actor("Erbil Daily TV", "organization", count=3),
                actor("Yonhap News Agency", "organization", count=3),
                *map(actor, pair),
                actor("Erbil", "place"),
            ],
            events=[meeting],
        ),
    ]
    async with await Store.open(tmp_path / "briefbot.db") as store:
        for parsed in outlets:
            await store.add_article(parsed)
        brief, digest = await briefing.brief(store), await briefing.digest(store, after_id=0)
    who = ["Masrour Barzani", "Lloyd Austin", "Kurdistan Regional Government", "Erbil"]
    for answer in (brief, digest):
        (story,) = answer.stories
        assert story.key_actors == who
        assert f"Who: {', '.join(who)}" in "\n".join(texts_of(answer))
        assert f"Who: {', '.join(who)}" in render(answer)


async def test_the_seeds_outlets_are_not_who(seeds: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seeds 002 and 003 (Kurdistan 24) name their outlet; with room for every actor in the
    "Who" line it still holds none, and the other actors all stay."""
    monkeypatch.setattr(stories, "KEY_ACTORS", 100)
    answer = await briefing.brief(seeds)
    names = {name for story in answer.stories for name in story.key_actors}
    stored = {a.name for ids in (await seeds.actors_of(list(range(1, 6)))).values() for a in ids}
    assert "Kurdistan 24" in stored
    assert names == stored - {"Kurdistan 24"}


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("Kurdistan 24", None, True),  # a known outlet, whoever published
        ("Rudaw Media Network", "Kurdistan 24", True),  # another spelling of a known one
        ("Associated Press", None, True),
        ("Korean Central News Agency", "KCNA", True),  # named like a news agency
        ("Fox News", None, True),
        ("Erbil Daily", "Erbil Daily", True),  # the article's own outlet
        ("Erbil Daily TV", "Erbil Daily", True),
        ("Erbil Daily", None, False),
        ("Erbil", "Erbil Daily", False),
        ("Kurdistan", "Kurdistan 24", False),
        ("Kurdistan Regional Government", "KRG Cabinet", False),
        ("Daily Mail Group", "Daily Mail", False),  # not outlet words after it
        ("Good Friday Agreement", None, False),
        ("", "", False),
    ],
)
def test_is_outlet(name: str, source: str | None, expected: bool) -> None:
    assert is_outlet(name, source) is expected
