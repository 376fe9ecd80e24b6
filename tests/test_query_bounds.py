"""Dates and article numbers at the edges: the first and last days a date can name, numbers
beyond any store, reversed ranges; and periods headed by their names ("February 2024")."""

from __future__ import annotations

from datetime import date

import pytest

from bot.cli import main
from bot.errors import BadQuery
from bot.models import Interval
from bot.render.spans import interval_name
from bot.when import parse_when
from tests.bot_env import BotEnv, embed_text


def _interval(start: str, end: str) -> Interval:
    return Interval(date.fromisoformat(start), date.fromisoformat(end))


@pytest.fixture
def seeded(seeds_db, tmp_path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "briefbot.db"
    path.write_bytes(seeds_db.read_bytes())
    monkeypatch.setenv("BRIEFBOT_DB", str(path))
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("when", "answer"),
    [
        ("0001-01-01", "Nothing on 1 January 0001."),
        ("9999-12-31", "Nothing on 31 December 9999."),
        ("0001", "Nothing in 0001."),
    ],
)
def test_the_first_and_last_days_are_answered(seeded, capsys, when: str, answer: str) -> None:
    assert _run(capsys, "date", when) == (0, answer + "\n", "")


def test_a_range_from_the_first_day_is_answered(seeded, capsys) -> None:
    code, out, err = _run(capsys, "date", "0001-01-01..2020")
    assert (code, err) == (0, "")
    assert out.startswith("0001–2020\n") and "KRG, US discuss partnership" in out


@pytest.mark.parametrize("number", ["9223372036854775808", "9" * 40, "0"])
def test_article_numbers_beyond_any_store(seeded, capsys, number: str) -> None:
    for command in ("article", "delete"):
        assert _run(capsys, command, number) == (1, "", f"error: No article #{number}.\n")


def test_article_number_as_typed(seeded, capsys) -> None:
    assert _run(capsys, "article", "#2")[1].startswith("#2 KRG, US discuss partnership")
    code, _, err = _run(capsys, "article", "two")
    assert (code, err) == (1, "error: 'two' is not an article number; give one like 12 or #12.\n")


@pytest.mark.parametrize("text", ["2022..2021", "9999-12-31..0001-01-01", "March 2024..2024-02"])
def test_reversed_range_says_so(text: str) -> None:
    with pytest.raises(BadQuery) as error:
        parse_when(text, date(2024, 2, 27))
    assert str(error.value) == (
        f"The range '{text}' ends before it starts: put the earlier date first."
    )


@pytest.mark.parametrize(
    ("start", "end", "name"),
    [
        ("2024-02-27", "2024-02-27", "27 February 2024"),
        ("2024-02-01", "2024-02-29", "February 2024"),
        ("2024-01-01", "2024-12-31", "2024"),
        ("2024-02-01", "2024-02-15", "1–15 February 2024"),
        ("2024-01-01", "2024-03-31", "January–March 2024"),
        ("2024-02-26", "2024-03-03", "26 February – 3 March 2024"),
        ("2023-11-01", "2024-02-29", "November 2023 – February 2024"),
        ("2023-12-27", "2024-01-03", "27 December 2023 – 3 January 2024"),
        ("2020-01-01", "2024-12-31", "2020–2024"),
        ("0001-01-01", "0001-01-01", "1 January 0001"),
    ],
)
def test_interval_names(start: str, end: str, name: str) -> None:
    assert interval_name(_interval(start, end)) == name


def test_date_text_is_headed_by_the_periods_name(seeded, capsys) -> None:
    assert _run(capsys, "date", "February 2024")[1].startswith("February 2024\n")
    assert _run(capsys, "date", "27 February 2024")[1].startswith("On 27 February 2024\n")


@pytest.mark.asyncio(loop_scope="session")
async def test_date_command_names_its_period_and_reaches_the_first_day(briefbot: BotEnv) -> None:
    month = await briefbot.ask("date", {"when": "February 2024"})
    assert month.embeds[0]["title"] == "February 2024"
    day = await briefbot.ask("date", {"when": "20 November 2021"})
    assert day.embeds[0]["title"] == "On 20 November 2021"
    first = await briefbot.ask("date", {"when": "0001-01-01..2020"})
    assert first.embeds[0]["title"] == "0001–2020" and not first.ephemeral
    reversed_range = await briefbot.ask("date", {"when": "2024..2021"})
    assert reversed_range.ephemeral
    assert reversed_range.content.startswith("The range '2024..2021' ends before it starts")


@pytest.mark.asyncio(loop_scope="session")
async def test_article_command_takes_only_numbers_discord_can_send(briefbot: BotEnv) -> None:
    (article,) = [c for c in briefbot.discord.registered_commands() if c["name"] == "article"]
    (option,) = article["options"]
    assert (option["min_value"], option["max_value"]) == (1, 2**53 - 1)
    highest = await briefbot.ask("article", {"id": 2**53 - 1})
    assert highest.content == f"No article #{2**53 - 1}."
    with pytest.raises(AssertionError, match="expects <="):
        await briefbot.ask("article", {"id": 2**63})  # the client refuses it
    for command in ("store delete", "store redate"):
        (group, sub) = command.split()
        (store,) = [c for c in briefbot.discord.registered_commands() if c["name"] == group]
        (found,) = [o for o in store["options"] if o["name"] == sub]
        assert found["options"][0]["max_value"] == 2**53 - 1
    assert embed_text(highest) == highest.content


LONG = "Qwzx " * 2000  # 10,000 characters


@pytest.mark.parametrize(
    "args",
    [
        ("actor", LONG),
        ("timeline", LONG),
        ("between", "Blinken", LONG),
        ("date", LONG),
        ("actors", f"--since={LONG}"),
        ("article", LONG),
        ("redate", "1", LONG),
    ],
    ids=lambda args: args[0],
)
def test_long_input_is_clipped_where_an_error_quotes_it(seeded, capsys, args) -> None:
    code, _, err = _run(capsys, *args)
    (line,) = err.splitlines()
    quoted = line.split("'")[1]
    assert code == 1 and len(quoted) == 80 and quoted.endswith("…"), line
