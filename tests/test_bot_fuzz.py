"""Hostile input to every free-text option of the slash commands, and to their autocomplete,
through the real discord.py client and the emulator (the strings of the CLI's fuzz test):
every interaction is answered, no bug is logged, every answer keeps to Discord's limits
(the emulator refuses the rest) and nothing can ping; refusals are short and never quote a
blank input as '', and no answer carries a direction override or an empty heading."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from tests.bot_env import BotEnv, embed_text
from tests.discord_emulator import Member, Message
from tests.test_cli_fuzz import HOSTILE

pytestmark = pytest.mark.asyncio(loop_scope="session")

# Discord carries valid Unicode only: the CLI's undecodable byte cannot be typed in a client.
TYPABLE = [value for value in HOSTILE if not any(0xD800 <= ord(c) <= 0xDFFF for c in value)]
ERROR_REPLY_MAX = 400  # characters of a refusal: one short line, not the input echoed whole
EMPTY_END = re.compile(r":[\s\x00-\x1f\u200b-\u200f]*$")  # "Stored #6: " and no title
INVISIBLE = re.compile(r"[\s\x00-\x1f\u200b-\u200f\u202a-\u202e\u2066-\u2069]*")
# Embeddings, overrides and isolates: unclosed, they turn the rest of a line around
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

ARTICLE = (
    "ERBIL, Kurdistan Region - Prime Minister Masrour Barzani met US envoy Brett McGurk in "
    "Erbil on Monday to discuss the security agreement, the two offices said in a statement."
)

# (command, option, the other options it needs)
PUBLIC = [
    ("actor", "name", {}),
    ("actors", "since", {}),
    ("actors", "until", {}),
    ("date", "when", {}),
    ("timeline", "actor", {}),
    ("timeline", "since", {"actor": "Masrour Barzani"}),
    ("timeline", "until", {"actor": "Masrour Barzani"}),
    ("between", "first", {"second": "Blinken"}),
    ("between", "second", {"first": "Blinken"}),
    ("search", "query", {}),
    ("brief", "since", {}),
    ("brief", "until", {}),
    ("brief", "actor", {}),
]
ADMIN = [
    ("store alias", "actor", {"alias": "Kak Masrour"}),
    ("store alias", "alias", {"actor": "Masrour Barzani"}),
    ("ingest text", "text", {}),
    ("ingest text", "title", {}),
    ("ingest text", "source", {}),
    ("ingest text", "published", {}),
    ("digest subscribe", "time", {}),
    ("digest subscribe", "timezone", {"time": "08:00"}),
]
AUTOCOMPLETED = [
    ("actor", "name", False),
    ("timeline", "actor", False),
    ("between", "first", False),
    ("between", "second", False),
    ("brief", "actor", False),
    ("store alias", "actor", True),
    ("digest subscribe", "actor", True),
    ("digest subscribe", "timezone", True),
]


def _option_schema(env: BotEnv, command: str) -> dict[str, dict[str, Any]]:
    """The registered options of `command` ("name" or "group sub"), by name."""
    root, *path = command.split()
    (spec,) = [c for c in env.discord.registered_commands() if c["name"] == root]
    options = spec.get("options") or []
    for part in path:
        options = next(o for o in options if o["name"] == part).get("options") or []
    return {option["name"]: option for option in options}


def _typed(value: str, option: dict[str, Any]) -> str | None:
    """`value` as a member could enter it in `option`: cut at its maximum length; None when
    shorter than its minimum (the client does not send it)."""
    typed = value[: option.get("max_length", 6000)]
    return typed if len(typed) >= option.get("min_length", 0) else None


def _others(env: BotEnv, command: str, option: str) -> dict[str, Any]:
    """Options `command` needs beside `option`: a channel, or an article text new to the
    store (else every article after the first would be "Already stored")."""
    if command == "ingest text" and option != "text":
        return {"text": f"{ARTICLE} Case {len(env.discord.interactions)}."}
    if command == "digest subscribe":
        return {"channel": env.discord.channel}
    return {}


def _flaws(message: Message, typed: str) -> list[str]:
    """What is wrong with an answer to hostile input `typed` (Discord's limits aside, which
    the emulator enforces): a long refusal, one quoting a blank input as '', a bug reported,
    a direction override let through, a heading with nothing after its label."""
    text = embed_text(message)
    flaws = []
    if INVISIBLE.fullmatch(typed) and "''" in text:
        flaws.append(f"blank input quoted as '': {text[:80]!r}")
    if message.ephemeral and not message.embeds and len(text) > ERROR_REPLY_MAX:
        flaws.append(f"a refusal of {len(text)} characters")
    if "went wrong" in text:
        flaws.append(text)
    if BIDI_CONTROLS & set(text):
        flaws.append(f"a text-direction control in {text[:80]!r}")
    titles = [embed.get("title", "") for embed in message.embeds]
    flaws += [f"a heading with nothing after it: {t!r}" for t in titles if EMPTY_END.search(t)]
    return flaws


async def _fuzz(
    env: BotEnv, slots: list[tuple[str, str, dict[str, Any]]], member: Member
) -> list[str]:
    """Send every typable hostile string to every slot; the flaws found, one line each."""
    found = []
    for command, option, given in slots:
        schema = _option_schema(env, command)[option]
        for value in TYPABLE:
            typed = _typed(value, schema)
            if typed is None:
                continue
            options = {**given, **_others(env, command, option), option: typed}
            record = await env.invoke(command, options, member=member)
            message = await record.wait_response(timeout=30)
            if command == "store alias":  # stop the re-parse an accepted alias starts
                await env.bot.jobs.cancel_all()
            shown = f"/{command} {option}={typed[:30]!r}"
            replies = [message, *record.followups]
            found += [f"{shown}: {flaw}" for reply in replies for flaw in _flaws(reply, typed)]
    return found


def _audit(env: BotEnv, caplog: pytest.LogCaptureFixture) -> None:
    """Nothing refused by Discord, nothing that could ping, no bug logged."""
    assert not env.discord.errors, [str(error) for error in env.discord.errors]
    assert not [write for write in env.discord.writes if write.could_ping]
    bugs = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not bugs, [f"{r.getMessage()}: {r.exc_info and r.exc_info[1]!r}" for r in bugs]


async def test_public_commands_survive_hostile_input(
    briefbot: BotEnv, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        flaws = await _fuzz(briefbot, PUBLIC, briefbot.discord.member)
    assert not flaws, flaws
    _audit(briefbot, caplog)


async def test_admin_commands_survive_hostile_input(
    briefbot: BotEnv, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        flaws = await _fuzz(briefbot, ADMIN, briefbot.discord.admin)
    assert not flaws, flaws
    _audit(briefbot, caplog)


async def test_autocomplete_survives_hostile_prefixes(
    briefbot: BotEnv, caplog: pytest.LogCaptureFixture
) -> None:
    discord = briefbot.discord
    with caplog.at_level(logging.ERROR):
        for command, option, admin in AUTOCOMPLETED:
            schema = _option_schema(briefbot, command)[option]
            member = discord.admin if admin else discord.member
            for value in TYPABLE:
                typed = value[: schema.get("max_length", 6000)]
                choices = await discord.autocomplete(command, option, typed, member=member)
                assert len(choices) <= 25, (command, option, typed[:30])
    _audit(briefbot, caplog)
