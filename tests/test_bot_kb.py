"""End to end on the Discord emulator: /kb add and /kb show (admins only)."""

from __future__ import annotations

import pytest

from bot.discord.permissions import ADMIN_PERMISSIONS
from tests.bot_env import BotEnv, embed_text

pytestmark = pytest.mark.asyncio(loop_scope="session")

ALONE = (
    "BERGEN, Norway (Test Wire) - Mayor Halvorsen opened the new harbour in Bergen on Thursday. "
    "Halvorsen thanked the builders."
)


async def test_kb_is_for_admins(briefbot: BotEnv) -> None:
    registered = {c["name"]: c for c in briefbot.discord.registered_commands()}
    assert registered["kb"]["default_member_permissions"] == str(ADMIN_PERMISSIONS.value)
    with pytest.raises(AssertionError, match="cannot see /kb"):
        await briefbot.invoke("kb show", {"name": "Masrour Barzani"})


async def test_kb_add_teaches_and_rereads_then_kb_show_tells(briefbot: BotEnv) -> None:
    admin = briefbot.discord.admin
    stored = await briefbot.ask(
        "ingest text", {"text": ALONE, "published": "2024-05-02"}, member=admin
    )
    assert "Halvorsen" in embed_text(stored)
    record = await briefbot.invoke(
        "kb add",
        {
            "name": "Tor Halvorsen",
            "role": "Mayor of Bergen",
            "since": "October 2023",
            "aliases": "Tor B. Halvorsen, T. Halvorsen",
        },
        member=admin,
    )
    taught = await record.wait_response()
    assert taught.ephemeral and taught.embeds[0]["title"] == "Taught: Tor Halvorsen"
    text = embed_text(taught)
    assert "**Aliases:** T. Halvorsen, Tor B. Halvorsen" in text
    assert "**Roles:** Mayor of Bergen (2023-10-01 on)" in text
    assert "Re-parsing 1 article that may name it…" in text
    (done,) = await record.wait_followups(1, timeout=60)
    assert "Re-parsed 1 article for **Tor Halvorsen**." in embed_text(done)

    profile = await briefbot.ask("actor", {"name": "Tor Halvorsen"})
    assert profile.embeds[0]["title"] == "Tor Halvorsen — person"  # the bare surname, re-read
    assert "**Roles:** Mayor of Bergen (2023-10-01 on, 1 article)" in embed_text(profile)

    choices = await briefbot.discord.autocomplete("kb show", "name", "tor b", member=admin)
    assert [c["value"] for c in choices] == ["Tor B. Halvorsen"]
    choices = await briefbot.discord.autocomplete("kb show", "name", "masr", member=admin)
    assert "Masrour Barzani" in [c["value"] for c in choices]  # the pack's names too
    shown = await briefbot.ask("kb show", {"name": "Tor B. Halvorsen"}, member=admin)
    assert shown.ephemeral and shown.embeds[0]["title"] == "Tor Halvorsen — person"
    assert "**From:** taught" in embed_text(shown)
    packed = await briefbot.ask("kb show", {"name": "Masrour Barzani"}, member=admin)
    assert "**From:** pack kurdistan" in embed_text(packed)


async def test_kb_refusals_are_one_line(briefbot: BotEnv) -> None:
    admin = briefbot.discord.admin
    missing = await briefbot.ask("kb show", {"name": "Tor Halvorsen"}, member=admin)
    assert missing.ephemeral and missing.content.startswith("Nothing is known about")
    undated = await briefbot.ask("kb add", {"name": "Tor Halvorsen", "until": "2023"}, member=admin)
    assert undated.content == "Give the role that starts or ends then."
    assert (await briefbot.ask("kb add", {"name": "Tor Halvorsen"}, member=admin)).embeds
