"""`briefbot ingest` over folders and lists with bad files among good ones: every good file is
stored, every bad one gets its own line naming it once, and the exit status says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

PLACES = ["Erbil", "Baghdad", "Basra", "Mosul", "Kirkuk", "Duhok", "Halabja", "Zakho"]
PEOPLE = ["Jane Rowe", "Omar Aziz", "Lena Park", "Ivo Brandt", "Sara Kemal", "Tom Ruiz"]
BAD = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "scan.pdf.txt": b"\x00%PDF-1.7\x00" * 50,
}


def _article(number: int) -> str:
    person, other = PEOPLE[number % len(PEOPLE)], PEOPLE[(number + 1) % len(PEOPLE)]
    place = PLACES[number % len(PLACES)]
    return (
        f"Officials meet in {place} for talks number {number}\n\n"
        f"{place}, 12 March 2024 — {person} met {other} in {place} on Monday to discuss "
        f'water supplies for district {number}. "We agreed on a plan," {person} said.'
    )


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "briefbot.db"
    monkeypatch.setenv("BRIEFBOT_DB", str(path))
    monkeypatch.setenv("BRIEFBOT_PARSE_WORKERS", "0")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """15 article files: 12 good ones and 3 bad ones among them."""
    path = tmp_path / "articles"
    path.mkdir()
    for number in range(12):
        (path / f"{number:02d}_article.txt").write_text(_article(number))
    for name, content in BAD.items():
        (path / name).write_bytes(content)
    return path


def test_bad_files_in_a_folder_fail_alone(db: Path, folder: Path, capsys) -> None:
    assert main(["ingest", str(folder)]) == 1
    captured = capsys.readouterr()
    assert "12 stored, 0 duplicates, 3 failed." in captured.out
    errors = captured.err.splitlines()
    assert sorted(line.split(": ")[1].rsplit("/", 1)[-1] for line in errors) == sorted(BAD)
    assert f"error: {folder / 'empty.txt'}: the file is empty." in errors
    assert main(["export"]) == 0
    assert capsys.readouterr().out.count('"title": "Officials meet in') == 12


def test_bad_files_among_named_files_fail_alone(db: Path, folder: Path, capsys) -> None:
    named = [str(folder / "00_article.txt"), str(folder / "empty.txt"), str(folder / "nope.txt")]
    assert main(["ingest", *named]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{named[0]}: Stored #1")
    assert captured.err.splitlines() == [
        f"error: {named[1]}: the file is empty.",
        f"error: {named[2]}: file not found.",
    ]


def test_a_refusal_names_its_file_once(db: Path, folder: Path, capsys) -> None:
    assert main(["ingest", str(folder / "empty.txt")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.count("empty.txt") == 1, line
