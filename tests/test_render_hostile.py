"""Hostile article text through every renderer that shows it: nothing comes alive.

Discord embeds must show no live masked link, ping, heading or code fence made of article
text; terminal text must carry no control characters (escape sequences, OSC 8 links).
"""

from __future__ import annotations

import re
from pathlib import Path

import discord
import pytest

from bot import briefing
from bot.models import QuoteRecord
from bot.render import embeds
from bot.render.text import render
from storage.store import Store
from tests.factories import actor, article, dated, day, event

PHISH = "[click me](http://x.example/phish)"
PINGS = "@everyone @here <@123> <@!123> <@&456> <#789>"
TERMINAL = "\x1b]8;;http://x.example/phish\x07click\x1b]8;;\x07 \x9b31m"
HOSTILE = f"{PHISH} {PINGS} {TERMINAL}"
BODY = (
    f"# Zebra heading {PHISH}\n"
    f"Masrour Barzani met the zebra envoy {PINGS} on Monday. "
    f"[two](<http://y.example/a>) and [three][x] follow.\n"
    f"```\nfenced {PHISH}\n```\n"
    f"-# small print {TERMINAL}\n> quoted @everyone"
)
NAME = "[Phish](http://x.example/p) @here"


def hostile_article():
    return article(
        f"# {PHISH} @everyone",
        BODY,
        published="2024-03-04",
        source=f"<@&456> {PHISH}",
        url="https://example.org/hostile",
        actors=[
            actor("Masrour Barzani", roles=[f"<@123> {PHISH}"]),
            actor(NAME, mentions=[NAME, HOSTILE]),
        ],
        dates=[dated("on Monday", BODY, day("2024-03-04"))],
        events=[
            event("meeting", ["Masrour Barzani", NAME], day("2024-03-04"), place=HOSTILE),
        ],
        quotes=[QuoteRecord(NAME, f"{HOSTILE} said the envoy"), QuoteRecord(None, HOSTILE)],
        summary=[f"## {HOSTILE}", f"- {PHISH} ```{PINGS}```"],
    )


@pytest.fixture
async def hostile(tmp_path: Path):
    async with await Store.open(tmp_path / "briefbot.db") as store:
        await store.add_article(hostile_article())
        yield store


def _unescaped(text: str, index: int) -> bool:
    """Whether the character at `index` is preceded by an even run of backslashes."""
    run = len(text[:index]) - len(text[:index].rstrip("\\"))
    return run % 2 == 0


_PINGS = re.compile(r"@(?:everyone|here)|<@[!&]?\d|<#\d|</\w")
_BLOCKS = re.compile(r"^(?:#{1,3} |-# )", re.MULTILINE)


def live_markdown(text: str) -> list[str]:
    """What Discord would turn into a masked link, a ping, a heading or a code fence."""
    found = [match.group() for match in _PINGS.finditer(text)]
    found += [match.group() for match in _BLOCKS.finditer(text)]
    for index, char in enumerate(text):
        if char == "[" and _unescaped(text, index) and "](" in text[index:]:
            found.append(text[index : text.index("](", index) + 2])
        if text.startswith("```", index) and _unescaped(text, index):
            found.append("```")
    return found


def embed_strings(pages: list[discord.Embed]) -> list[str]:
    strings = []
    for page in pages:
        strings += [page.title or "", page.description or ""]
        strings += [f"{field.name}\n{field.value}" for field in page.fields]
        strings += [page.footer.text or ""] if page.footer else []
    return strings


async def answers(store: Store) -> dict[str, object]:
    return {
        "search": await briefing.search(store, "zebra"),
        "article": await briefing.article(store, 1),
        "profile": await briefing.actor_profile(store, "Masrour Barzani"),
        "hostile profile": await briefing.actor_profile(store, NAME),
        "date": await briefing.on_date(store, day("2024-03-04")),
        "timeline": await briefing.timeline(store, "Masrour Barzani"),
        "between": await briefing.between(store, "Masrour Barzani", NAME),
        "brief": await briefing.brief(store),
        "digest": await briefing.digest(store, after_id=0),
    }


async def test_no_article_text_comes_alive_in_embeds(hostile: Store) -> None:
    shown = await answers(hostile)
    pages = {
        "search": embeds.search(shown["search"], "zebra"),
        "article": embeds.article(shown["article"]),
        "profile": embeds.profile(shown["profile"]),
        "hostile profile": embeds.profile(shown["hostile profile"]),
        "date": embeds.on_date(shown["date"]),
        "timeline": embeds.timeline(shown["timeline"]),
        "between": embeds.between(shown["between"]),
        "brief": embeds.briefing(shown["brief"]),
        "digest": embeds.briefing(shown["digest"]),
    }
    for name, rendered in pages.items():
        strings = embed_strings(rendered)
        assert any("click me" in string for string in strings), name  # shown, but inert
        for string in strings:
            assert live_markdown(string) == [], (name, string)


async def test_no_control_characters_reach_the_terminal(hostile: Store) -> None:
    for name, answer in (await answers(hostile)).items():
        text = render(answer)
        assert "click" in text, name
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), (name, text)


def test_the_checker_sees_live_markdown() -> None:
    assert live_markdown(PHISH) == ["[click me]("]
    assert live_markdown("\\\\" + PHISH) == ["[click me]("]
    assert live_markdown("\\" + PHISH) == []
    assert len(live_markdown(PINGS)) == 6
    assert live_markdown("# big\n-# small\n```x```") == ["# ", "-# ", "```", "```"]
