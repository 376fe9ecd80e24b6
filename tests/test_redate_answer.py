"""Redating an article says what changed: the new date, the old one, and how many of its dates
now resolve differently; not "Stored #6"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from tests.bot_env import BotEnv, embed_text

UNDATED_SEED = 3  # "Masrour Barzani reviews anti-IS campaign…": no date in the text


@pytest.fixture
def seeded(seeds_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "briefbot.db"
    shutil.copyfile(seeds_db, path)
    monkeypatch.setenv("BRIEFBOT_DB", str(path))
    monkeypatch.setenv("BRIEFBOT_PARSE_WORKERS", "0")
    return path


def test_redate_says_what_changed(seeded: Path, capsys) -> None:
    assert main(["redate", str(UNDATED_SEED), "2018-11-15"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"#{UNDATED_SEED} redated: 2018-11-15 (was undated); ")
    assert line.endswith(" dates re-resolved.") and "; 0 dates" not in line
    assert main(["redate", str(UNDATED_SEED), "2018-11-15"]) == 0
    (again,) = capsys.readouterr().out.splitlines()
    assert again == f"#{UNDATED_SEED} redated: 2018-11-15 (was 2018-11-15); 0 dates re-resolved."


def test_redating_a_missing_article(seeded: Path, capsys) -> None:
    assert main(["redate", "99", "2018-11-15"]) == 1
    assert capsys.readouterr().err == "error: No article #99.\n"


@pytest.mark.asyncio(loop_scope="session")
async def test_store_redate_says_what_changed(briefbot: BotEnv) -> None:
    admin = briefbot.discord.admin
    message = await briefbot.ask(
        "store redate", {"article_id": UNDATED_SEED, "published": "2018-11-15"}, member=admin
    )
    title = message.embeds[0]["title"]
    assert title.startswith(f"#{UNDATED_SEED} redated: Masrour Barzani reviews"), title
    text = embed_text(message)
    assert "Published: 2018-11-15 (was undated)" in text
    assert "Dates re-resolved:" in text and "Dates re-resolved: 0" not in text
