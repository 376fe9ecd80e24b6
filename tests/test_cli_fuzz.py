"""Hostile input to every query command of the CLI, in-process against a small real store
(the five seeds and one article made of hostile text): never a traceback, exit 0 or 1, and on 1
exactly one `error:` line; everything printed is valid UTF-8."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import main
from storage.store import Store
from tests.factories import actor, article, dated, day, event

HOSTILE = [
    "",
    " ",
    "\t\n\r",
    "x" * 10_000,
    "\x00",
    "Barzani\x00DROP",
    "\u202eBarzani\u202c",  # right-to-left override
    "\u200f\u200e",  # right-to-left and left-to-right marks
    "مسرور بارزاني",
    "🦀🔥",
    "👨\u200d👩\u200d👧",
    '"',
    '"unclosed phrase',
    "*",
    "NEAR(",
    "AND",
    "Barzani OR Blinken NOT Austin",
    "title:Barzani",
    "'; DROP TABLE articles; --",
    "%",
    "_%_\\",
    "\udcff",  # an undecodable byte of the command line (surrogateescape)
    "9223372036854775808",
    "-1",
    "9" * 400,
    "１２",  # full-width digits
    "0001-01-01",
    "9999-12-31..0001-01-01",
    "..",
    "last 9999 days",
    "<@everyone> @here",
]
HOSTILE_TEXT = (
    '\u202eBarzani\u202c met 🦀 "Crab" O\'Neil; DROP TABLE articles; -- in Erbil on '
    'Monday. NEAR( "AND" * % _ \\ <@everyone>'
)


def _slots(value: str) -> list[list[str]]:
    """Every place a query command takes user text, holding `value`; options as --name=value
    and positionals after `--`, so a value starting with a dash is still a value."""
    return [
        ["actor", "--", value],
        ["actors", f"--since={value}"],
        ["actors", f"--until={value}"],
        ["date", "--", value],
        ["timeline", "--", value],
        ["timeline", f"--since={value}", "--", "Masrour Barzani"],
        ["between", "--", value, "Blinken"],
        ["between", "--", "Blinken", value],
        ["search", "--", value],
        ["article", "--", value],
        ["brief", f"--since={value}"],
        ["brief", f"--actor={value}"],
    ]


@pytest.fixture(scope="module")
async def hostile_db(tmp_path_factory: pytest.TempPathFactory, seeds_db: Path) -> Path:
    """The seeds store plus one article whose title, text, names and dates are hostile."""
    path = tmp_path_factory.mktemp("fuzz") / "briefbot.db"
    shutil.copyfile(seeds_db, path)
    crab = actor("\u202eBarzani\u202c 🦀", mentions=["\u202eBarzani\u202c"])
    async with await Store.open(path) as store:
        await store.add_article(
            article(
                '\'; DROP TABLE articles; -- \u202eRTL\u202c 🦀 "NEAR("',
                HOSTILE_TEXT,
                published="2024-02-27",
                source="<@everyone>",
                actors=[crab, actor("O'Neil")],
                dates=[dated("on Monday", HOSTILE_TEXT, day("2024-02-26"))],
                events=[event("meeting", [crab.name, "O'Neil"], day("2024-02-26"), place="Erbil")],
            )
        )
    return path


@pytest.fixture
def briefbot(
    hostile_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[[list[str]], tuple[int, str, str]]:
    monkeypatch.setenv("BRIEFBOT_DB", str(hostile_db))
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)

    def run(argv: list[str]) -> tuple[int, str, str]:
        code = main(argv)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _check(argv: list[str], code: int, out: str, err: str) -> None:
    shown = [arg[:40] for arg in argv]
    assert "Traceback" not in err, (shown, err[-2000:])
    assert code in (0, 1), (shown, code, err[-500:])
    errors = err.splitlines()
    if code == 1:
        assert len(errors) == 1 and errors[0].startswith("error: "), (shown, errors)
        assert len(errors[0]) < 400, (shown, errors[0][:500])
    out.encode("utf-8")  # strict: printable on a UTF-8 terminal
    err.encode("utf-8")


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_query_commands_survive_hostile_input(briefbot, value: str) -> None:
    for number, argv in enumerate(_slots(value)):
        if number % 2:  # half the places also as JSON
            argv = [argv[0], "--json", *argv[1:]]
        _check(argv, *briefbot(argv))


@pytest.mark.parametrize("argv", [["export"], ["stats"], ["stats", "--json"], ["search", "DROP"]])
def test_hostile_stored_text_is_printed_safely(briefbot, argv: list[str]) -> None:
    code, out, err = briefbot(argv)
    _check(argv, code, out, err)
    assert code == 0 and out
