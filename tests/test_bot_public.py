"""End to end: every public slash command on the seeds, through the real discord.py client."""

from __future__ import annotations

from datetime import date

import discord
import pytest
from discord import app_commands

from bot.discord import client, replies, transformers
from tests.bot_env import BotEnv, embed_text, page_count

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_actor_profile(briefbot: BotEnv) -> None:
    message = await briefbot.ask("actor", {"name": "masrour barzani"})
    text = embed_text(message)
    assert message.embeds[0]["title"] == "Masrour Barzani — person"
    assert "**Mentions:** 16 in 4 articles" in text
    assert "**First seen:** 2021-11-20" in text and "**Last seen:** 2024-02-27" in text
    assert "Lloyd Austin" in text and "in Bahrain" in text
    assert not message.ephemeral and not message.could_ping


async def test_actor_typo_and_unknown_name(briefbot: BotEnv) -> None:
    typo = await briefbot.ask("actor", {"name": "Masrour Barzni"})
    assert typo.embeds[0]["title"] == "Masrour Barzani — person"
    unknown = await briefbot.ask("actor", {"name": "Qubad Talabani"})
    assert unknown.ephemeral and not unknown.embeds
    assert unknown.content.startswith("No actor called 'Qubad Talabani'. Did you mean:")


async def test_actors_of_a_kind(briefbot: BotEnv) -> None:
    message = await briefbot.ask("actors", {"kind": "person"})
    lines = message.embeds[0]["description"].splitlines()
    assert message.embeds[0]["title"] == "Most mentioned persons"
    assert lines[0].startswith("1. **Masrour Barzani** (person) — 16 mentions")
    assert all("(person)" in line for line in lines)


async def test_actors_in_a_period(briefbot: BotEnv) -> None:
    message = await briefbot.ask("actors", {"since": "2024", "until": "2024"})
    text = embed_text(message)
    assert "(2024-01-01..2024-12-31)" in message.embeds[0]["title"]
    assert "Antony Blinken" in text and "Lloyd Austin" not in text


async def test_date(briefbot: BotEnv) -> None:
    message = await briefbot.ask("date", {"when": "20 November 2021"})
    text = embed_text(message)
    assert message.embeds[0]["title"] == "On 20 November 2021"
    assert "`2021-11-20` meeting: Lloyd Austin, Masrour Barzani in Bahrain" in text
    assert "**Published**" in text and "#2 *KRG, US discuss partnership" in text


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("date", {"when": "the day after tomorrow's yesterday"}),
        ("actors", {"since": "the day after tomorrow's yesterday"}),
        ("timeline", {"actor": "Masrour Barzani", "until": "the day after tomorrow's yesterday"}),
        ("brief", {"since": "2021", "until": "the day after tomorrow's yesterday"}),
    ],
)
async def test_date_not_understood(
    briefbot: BotEnv, command: str, options: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[Exception] = []

    async def answer_error(interaction: discord.Interaction, error: Exception) -> None:
        errors.append(error)
        await replies.answer_error(interaction, error)

    monkeypatch.setattr(client, "answer_error", answer_error)
    message = await briefbot.ask(command, options)
    assert message.ephemeral and not message.embeds
    assert message.content.startswith(
        "Could not understand the date 'the day after tomorrow's yesterday'. Try 2021-11-20,"
    )
    (error,) = errors  # refused by the option's transformer, before the command ran
    assert isinstance(error, app_commands.TransformerError)


async def test_relative_dates_count_from_today(
    briefbot: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transformers, "today", lambda: date(2021, 11, 21))
    message = await briefbot.ask("date", {"when": "yesterday"})
    assert message.embeds[0]["title"] == "On 20 November 2021"
    since = await briefbot.ask("actors", {"since": "last week", "until": "today"})
    assert "(2021-11-08..2021-11-21)" in since.embeds[0]["title"]


async def test_timeline_oldest_first_and_in_a_period(briefbot: BotEnv) -> None:
    message = await briefbot.ask("timeline", {"actor": "Masrour Barzani"})
    description = message.embeds[0]["description"]
    assert description.index("`2021-11-20`") < description.index("`2024-02-26`")
    assert "**Undated**" in description
    since = await briefbot.ask("timeline", {"actor": "Masrour Barzani", "since": "2022"})
    assert message.embeds[0]["title"] == "Timeline of Masrour Barzani"
    assert "2021-11-20" not in embed_text(since) and "`2024-02-26`" in embed_text(since)


async def test_between(briefbot: BotEnv) -> None:
    message = await briefbot.ask("between", {"first": "Austin", "second": "Masrour Barzani"})
    text = embed_text(message)
    assert message.embeds[0]["title"] == "Lloyd Austin and Masrour Barzani"
    assert "**Together at**" in text and "in Bahrain" in text
    same = await briefbot.ask("between", {"first": "PM Masrour Barzani", "second": "Masrour"})
    assert same.ephemeral and "same actor" in same.content


async def test_search_highlights_matches(briefbot: BotEnv) -> None:
    message = await briefbot.ask("search", {"query": "Manama"})
    text = embed_text(message)
    assert "(IISS) **Manama**" in text and "#2 *KRG, US discuss partnership" in text
    nothing = await briefbot.ask("search", {"query": "zeppelin"})
    assert "No article matches." in embed_text(nothing)


async def test_article(briefbot: BotEnv) -> None:
    message = await briefbot.ask("article", {"id": 2})
    text = embed_text(message)
    assert message.embeds[0]["title"].startswith("#2 KRG, US discuss partnership")
    assert "**Published:** 2021-11-20" in text and "**Source:** Rudaw" in text
    missing = await briefbot.ask("article", {"id": 99})
    assert missing.ephemeral and missing.content == "No article #99."


async def test_brief_whole_store_and_about_an_actor(briefbot: BotEnv) -> None:
    everything = await briefbot.ask("brief")
    pages = await briefbot.all_pages(everything)
    text = "\n".join(pages)
    assert "5 stories from 5 articles." in text
    assert all(f"#{n} *" in text for n in range(1, 6))
    assert "**`2021-11-20` KRG, US discuss partnership, regional security: statement**" in text
    assert "**Most mentioned**" in text
    about = await briefbot.ask("brief", {"actor": "Blinken"})
    about_text = embed_text(about)
    assert about.embeds[0]["title"] == "Briefing about Antony Blinken"
    assert "#1 *" in about_text and "#2 *" not in about_text
    empty = await briefbot.ask("brief", {"since": "2030-01-01"})
    assert "No articles in this period. The latest articles are from 2024-02-27." in embed_text(
        empty
    )


async def test_actor_autocomplete(briefbot: BotEnv) -> None:
    barzanis = await briefbot.discord.autocomplete("actor", "name", "barz")
    names = [choice["value"] for choice in barzanis]
    assert names[0] == "Masrour Barzani" and len(names) <= 25
    typo = await briefbot.discord.autocomplete("between", "second", "Blinkn")
    assert [c["value"] for c in typo][:1] == ["Antony Blinken"]
    empty = await briefbot.discord.autocomplete("timeline", "actor", "")
    assert len(empty) == 25 and empty[0]["value"] == "United States"


async def test_long_answer_pages_and_only_the_asker_turns_them(briefbot: BotEnv) -> None:
    message = await briefbot.ask("article", {"id": 1})
    total = page_count(message)
    assert total > 1 and "Page 1/" in embed_text(message)
    stranger = await briefbot.discord.click(message, "pages:next", member=briefbot.discord.admin)
    refusal = await stranger.wait_response()
    assert refusal.ephemeral and "Only the member who asked" in refusal.content
    pages = await briefbot.all_pages(message)
    assert len(pages) == total and len(set(pages)) == total
    assert f"Page {total}/{total}" in pages[-1]
