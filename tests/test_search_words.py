"""A search needs words: an empty, blank or punctuation-only query is asked for words instead
of answering "Nothing found"."""

from __future__ import annotations

import pytest

from bot import briefing
from bot.errors import BadQuery
from bot.render.text import render
from storage.store import Store
from tests.bot_env import BotEnv

ASK = 'Give words to search for, e.g. Barzani or "security agreement".'


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "?!", '"', '""', "'", "-", "* - ( )", "…"])
async def test_a_query_without_words_asks_for_some(store: Store, query: str) -> None:
    with pytest.raises(BadQuery, match="Give words to search for"):
        await briefing.search(store, query)


async def test_a_query_with_words_still_finds_or_says_nothing_found(store: Store) -> None:
    assert render(await briefing.search(store, "zzzz")) == "Nothing found."
    assert await briefing.search(store, '"Manama?!"')


@pytest.mark.asyncio(loop_scope="session")
async def test_search_command_asks_for_words(briefbot: BotEnv) -> None:
    message = await briefbot.ask("search", {"query": "?!"})
    assert message.ephemeral and message.content == ASK
