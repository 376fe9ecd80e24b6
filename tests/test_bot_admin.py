"""End to end: the admin commands (ingest, store) and who may use them."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiohttp import web

from bot import ingestion
from bot.discord.permissions import ADMIN_PERMISSIONS
from bot.parse import pool
from bot.parse.pool import parse_batch
from tests.bot_env import ADMIN_ROLE, BotEnv, embed_text
from tests.test_storage import wrong_figures

pytestmark = pytest.mark.asyncio(loop_scope="session")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLE = (
    "ERBIL, Kurdistan Region (Rudaw) - Kurdistan Region Prime Minister Masrour Barzani met "
    "US Ambassador Alina Romanowski in Erbil on Sunday to discuss Erbil-Baghdad relations. "
    '"We are committed to our partnership," Romanowski said after the meeting.'
)
PINGING = (
    "@everyone ERBIL - Prime Minister Masrour Barzani met @here US envoy Brett McGurk "
    "<@&123456789012345678> in Erbil on Monday, said <@123456789012345678> and [a link](x)."
)


async def test_admin_commands_are_registered_for_managers_only(briefbot: BotEnv) -> None:
    registered = {c["name"]: c for c in briefbot.discord.registered_commands()}
    assert {"ingest", "store"} <= set(registered)
    for name in ("ingest", "store"):
        assert registered[name]["default_member_permissions"] == str(ADMIN_PERMISSIONS.value)
    assert registered["actor"]["default_member_permissions"] is None
    with pytest.raises(AssertionError, match="cannot see /ingest"):
        await briefbot.invoke("ingest text", {"text": ARTICLE})


async def test_ingest_text(briefbot: BotEnv) -> None:
    message = await briefbot.ask(
        "ingest text",
        {"text": ARTICLE, "title": "PM meets US ambassador", "published": "2023-05-15"},
        member=briefbot.discord.admin,
    )
    text = embed_text(message)
    assert message.ephemeral
    assert message.embeds[0]["title"] == "Stored #6: PM meets US ambassador"
    assert "Published: 2023-05-15" in text and "Masrour Barzani" in text
    assert "Alina Romanowski" in text and "Events: 1" in text
    shown = await briefbot.ask("date", {"when": "2023-05-14"})
    assert "meeting: " in embed_text(shown) and "#6 *PM meets US ambassador*" in embed_text(shown)
    again = await briefbot.ask(
        "ingest text", {"text": ARTICLE, "published": "2023-05-15"}, member=briefbot.discord.admin
    )
    assert again.embeds[0]["title"] == "Already stored as #6"


async def test_ingest_undated_text_hints_at_redate(briefbot: BotEnv) -> None:
    undated = ARTICLE.replace("ERBIL, Kurdistan Region (Rudaw) - ", "")
    message = await briefbot.ask("ingest text", {"text": undated}, member=briefbot.discord.admin)
    text = embed_text(message)
    assert "Published: undated" in text
    assert "/store redate article_id:6 published:YYYY-MM-DD" in text
    redated = await briefbot.ask(
        "store redate", {"article_id": 6, "published": "2023-05-15"}, member=briefbot.discord.admin
    )
    assert "Published: 2023-05-15" in embed_text(redated)
    timeline = await briefbot.ask("timeline", {"actor": "Alina Romanowski"})
    assert "`2023-05-14` meeting" in embed_text(timeline)


async def test_article_text_never_pings_or_breaks_markdown(briefbot: BotEnv) -> None:
    stored = await briefbot.ask(
        "ingest text",
        {"text": PINGING, "title": "PM meets @everyone **now**", "published": "2024-03-05"},
        member=briefbot.discord.admin,
    )
    assert stored.embeds[0]["title"] == "Stored #6: PM meets @\u200beveryone \\*\\*now\\*\\*"
    answers = [
        await briefbot.ask("article", {"id": 6}),
        await briefbot.ask("search", {"query": "envoy"}),
        await briefbot.ask("brief", {"since": "2024-03-01"}),
    ]
    for answer in answers:
        text = embed_text(answer)
        assert "@everyone" not in text and "@here" not in text
        assert "<@&123456789012345678>" not in text and "<@123456789012345678>" not in text
        assert "@\u200beveryone" in text
    assert "\\[a link](x)" in embed_text(answers[0])
    assert all(not write.could_ping for write in briefbot.discord.writes)


async def test_ingest_attachment(briefbot: BotEnv) -> None:
    seed = (SEEDS / "001_07ddd6d095e39139.txt").read_bytes()
    changed = seed.replace(b"Layal Shakir", b"Staff writer")  # not a duplicate of seed #2
    upload = briefbot.discord.add_attachment("rudaw.txt", changed, "text/plain")
    message = await briefbot.ask("ingest file", {"file": upload}, member=briefbot.discord.admin)
    text = embed_text(message)
    assert message.embeds[0]["title"].startswith("Stored #6: KRG, US discuss partnership")
    assert "Published: 2021-11-20" in text and "Lloyd Austin" in text


@pytest.mark.parametrize(
    ("filename", "data", "reason"),
    [
        ("scan.pdf", b"%PDF-1.7 ...", "unsupported file type .pdf"),
        ("blob.txt", b"\x00\x01\x02binary", "looks like a binary file"),
        ("empty.md", b"", "the file is empty"),
    ],
)
async def test_ingest_attachment_refused(
    briefbot: BotEnv, filename: str, data: bytes, reason: str
) -> None:
    upload = briefbot.discord.add_attachment(filename, data)
    message = await briefbot.ask("ingest file", {"file": upload}, member=briefbot.discord.admin)
    assert message.embeds[0]["title"] == "Not stored"
    assert reason in embed_text(message)


async def test_oversized_attachment_is_refused_before_download(briefbot: BotEnv) -> None:
    too_big = b"word " * (briefbot.bot.settings.max_article_bytes // 5 + 1)
    upload = briefbot.discord.add_attachment("huge.txt", too_big, "text/plain")
    message = await briefbot.ask("ingest file", {"file": upload}, member=briefbot.discord.admin)
    assert "the file is too large" in embed_text(message)
    assert not [r for r in briefbot.discord.requests if "/attachments/" in r.path]


@pytest.fixture
async def article_site() -> AsyncIterator[str]:
    """A web server on 127.0.0.1 with one article page."""
    page = (
        "<html><head><title>PM meets US ambassador | Rudaw</title>"
        '<meta property="article:published_time" content="2023-05-15T10:00:00Z"></head>'
        f"<body><nav>Home | News</nav><article><h1>PM meets US ambassador</h1><p>{ARTICLE}</p>"
        "</article><footer>© Rudaw</footer></body></html>"
    )
    app = web.Application()

    async def serve_page(_: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    app.router.add_get("/news/pm", serve_page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def test_ingest_url(briefbot: BotEnv, article_site: str) -> None:
    admin = briefbot.discord.admin
    message = await briefbot.ask("ingest url", {"url": f"{article_site}/news/pm"}, member=admin)
    text = embed_text(message)
    assert message.embeds[0]["title"] == "Stored #6: PM meets US ambassador"
    assert "Published: 2023-05-15" in text and "Alina Romanowski" in text
    missing = await briefbot.ask("ingest url", {"url": f"{article_site}/gone"}, member=admin)
    assert missing.embeds[0]["title"] == "Not stored" and "404" in embed_text(missing)
    path = await briefbot.ask("ingest url", {"url": "/etc/passwd"}, member=admin)
    assert "give an http:// or https:// URL" in embed_text(path)


async def test_bad_published_option(briefbot: BotEnv) -> None:
    message = await briefbot.ask(
        "ingest text", {"text": ARTICLE, "published": "2023"}, member=briefbot.discord.admin
    )
    assert message.ephemeral and message.content.startswith("A publication date is one day")


async def test_non_admin_refused_at_run_time(briefbot: BotEnv) -> None:
    discord = briefbot.discord
    discord.allow_command("store", discord.member)  # a server admin opened /store to them
    message = await briefbot.ask("store stats", member=discord.member)
    assert message.ephemeral and "for server admins" in message.content
    editor_role = await discord.add_role(ADMIN_ROLE)
    editor = discord.add_member("editor", roles=[editor_role])
    discord.allow_command("store", editor_role)
    stats = await briefbot.ask("store stats", member=editor)
    assert "Articles: 5 (3 undated)" in embed_text(stats)


async def test_store_delete(briefbot: BotEnv) -> None:
    admin = briefbot.discord.admin
    deleted = await briefbot.ask("store delete", {"article_id": 2}, member=admin)
    assert "Article #2 is gone." in embed_text(deleted)
    gone = await briefbot.ask("article", {"id": 2})
    assert gone.content == "No article #2."
    again = await briefbot.ask("store delete", {"article_id": 2}, member=admin)
    assert again.ephemeral and again.content == "No article #2."


async def test_store_alias(briefbot: BotEnv) -> None:
    record = await briefbot.invoke(
        "store alias",
        {"actor": "Masrour Barzani", "alias": "Kak Masrour"},
        member=briefbot.discord.admin,
    )
    message = await record.wait_response()
    assert message.ephemeral
    assert "“Kak Masrour” now means **Masrour Barzani**." in embed_text(message)
    assert "Re-parsing 4 articles that name it…" in embed_text(message)  # not #5
    (done,) = await record.wait_followups(1, timeout=60)
    assert done.ephemeral and done.embeds[0]["title"] == "Re-parse done"
    assert "Re-parsed 4 articles for “Kak Masrour” → **Masrour Barzani**." in embed_text(done)
    profile = await briefbot.ask("actor", {"name": "Kak Masrour"})
    assert profile.embeds[0]["title"] == "Masrour Barzani — person"
    assert "**Aliases:** Kak Masrour" in embed_text(profile)


async def test_store_alias_refuses_a_mention(briefbot: BotEnv) -> None:
    record = await briefbot.invoke(
        "store alias",
        {"actor": "Masrour Barzani", "alias": "@everyone"},
        member=briefbot.discord.admin,
    )
    message = await record.wait_response()
    assert message.ephemeral and not message.embeds and not message.could_ping
    assert message.content.startswith("An alias is a name: letters, digits, spaces and")
    assert await briefbot.bot.store.alias_map() == {}


async def test_bot_answers_while_an_alias_reparses(
    briefbot: BotEnv, held_parsing: threading.Event
) -> None:
    admin = briefbot.discord.admin
    alias = await briefbot.invoke(
        "store alias", {"actor": "Masrour Barzani", "alias": "Kak Masrour"}, member=admin
    )
    assert "Re-parsing 4 articles" in embed_text(await alias.wait_response())
    profile = await briefbot.ask("actor", {"name": "Lloyd Austin"})
    stats = await briefbot.ask("store stats", member=admin)
    assert profile.embeds and "Articles: 5" in embed_text(stats)
    assert not alias.followups  # all answered while the re-parse was held
    held_parsing.set()
    (done,) = await alias.wait_followups(1, timeout=60)
    assert "Re-parsed 4 articles" in embed_text(done)


async def test_bad_redate_date_is_refused_before_the_command_runs(briefbot: BotEnv) -> None:
    record = await briefbot.invoke(
        "store redate", {"article_id": 3, "published": "2023"}, member=briefbot.discord.admin
    )
    message = await record.wait_response()
    assert record.response_type == 4  # answered at once: the command, which defers, never ran
    assert message.ephemeral and message.content.startswith("A publication date is one day")
    assert (await briefbot.bot.store.article_row(3)).published is None


async def test_closing_stops_a_reparse_between_articles(
    briefbot: BotEnv, held_parsing: threading.Event
) -> None:
    alias = await briefbot.invoke(
        "store alias",
        {"actor": "Masrour Barzani", "alias": "Kak Masrour"},
        member=briefbot.discord.admin,
    )
    await alias.wait_response()
    closing = asyncio.create_task(briefbot.bot.close())
    (report,) = await alias.wait_followups(1, timeout=30)
    assert report.embeds[0]["title"] == "Re-parse interrupted"
    assert "of 4 articles" in embed_text(report) and "`/store alias` again" in embed_text(report)
    held_parsing.set()  # the pool closes once the batch under way is parsed
    await closing
    path = briefbot.bot.settings.db_path
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone() == (5,)
    assert wrong_figures(path) == {}


@pytest.fixture
def held_parsing(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Re-parses one article per batch and holds the second batch until the event is set."""
    monkeypatch.setattr(ingestion, "STREAM_BATCH", 1)
    calls = itertools.count()
    release = threading.Event()

    def held(documents, knowledge, model, beats):
        if next(calls) > 0:
            release.wait(timeout=60)
        return parse_batch(documents, knowledge, model, beats)

    monkeypatch.setattr(pool, "parse_batch", held)
    yield release
    release.set()
