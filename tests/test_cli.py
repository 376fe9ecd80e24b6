"""The command line end to end: real store file, real model, real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store" / "briefbot.db"
    monkeypatch.setenv("BRIEFBOT_DB", str(path))
    monkeypatch.setenv("BRIEFBOT_PARSE_WORKERS", "0")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    return path


@pytest.fixture()
def seeded(db: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["ingest", str(SEEDS)]) == 0
    capsys.readouterr()
    return db


def _export(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    assert main(["export"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_ingest_seeds_reports_undated_articles(db: Path, capsys):
    assert main(["ingest", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "5 stored, 0 duplicates, 0 failed." in out
    assert out.count("undated") == 3


def test_ingesting_twice_reports_five_duplicates_and_changes_nothing(seeded: Path, capsys):
    before = _export(capsys)
    assert main(["ingest", str(SEEDS)]) == 0
    assert "0 stored, 5 duplicates, 0 failed." in capsys.readouterr().out
    assert _export(capsys) == before


def test_export_matches_the_contract(seeded: Path, capsys):
    records = {r["title"][:20]: r for r in _export(capsys)}
    blinken = next(r for r in records.values() if r["published"] == "2024-02-27")
    assert set(blinken) >= {
        "id",
        "title",
        "source",
        "url",
        "published",
        "actors",
        "dates",
        "events",
        "quotes",
    }
    masrour = next(a for a in blinken["actors"] if a["name"] == "Masrour Barzani")
    assert masrour["kind"] == "person" and "Mr Barzani" in masrour["mentions"]
    monday = next(d for d in blinken["dates"] if d["text"].lower() == "on monday")
    assert monday["start"] == monday["end"] == "2024-02-26"
    meeting = next(e for e in blinken["events"] if e["type"] == "meeting")
    assert {"Antony Blinken", "Masrour Barzani"} <= set(meeting["participants"])
    assert (meeting["start"], meeting["place"]) == ("2024-02-26", "Washington")
    assert any(q["speaker"] == "Antony Blinken" for q in blinken["quotes"])


def test_published_option_dates_an_undated_article(db: Path, tmp_path: Path, capsys):
    seed = tmp_path / "002.txt"
    shutil.copy(next(SEEDS.glob("002_*.txt")), seed)
    assert main(["ingest", str(seed), "--published", "2018-11-14"]) == 0
    capsys.readouterr()
    (record,) = _export(capsys)
    assert record["published"] == "2018-11-14"
    wednesday = next(d for d in record["dates"] if "Wednesday" in d["text"])
    assert wednesday["start"] == "2018-11-14"


def test_redate_re_resolves_relative_dates(seeded: Path, capsys):
    undated = next(r for r in _export(capsys) if r["title"].startswith("Masrour Barzani reviews"))
    assert main(["redate", str(undated["id"]), "2018-11-15"]) == 0
    capsys.readouterr()
    record = next(r for r in _export(capsys) if r["id"] == undated["id"])
    assert record["published"] == "2018-11-15"
    wednesday = next(d for d in record["dates"] if "Wednesday" in d["text"])
    assert wednesday["start"] == "2018-11-14"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 40),
        ("scripts.html", b"<html><head><script>var a = 1;</script></head><body></body></html>"),
        ("garbage.txt", b"\x81\x8d\x8f\x90\x9d" * 200),
        ("notes.pdf", b"%PDF-1.4 not an article"),
    ],
)
def test_bad_files_get_one_line_and_change_nothing(seeded, tmp_path, capsys, name, content):
    before = _export(capsys)
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["ingest", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ")
    assert _export(capsys) == before


def test_a_fifty_megabyte_file_is_refused_without_reading_it(seeded, tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert main(["ingest", str(path)]) == 1
    assert "error:" in capsys.readouterr().err


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/article.txt", "http://127.0.0.1:9/article", "http://localhost/article"],
)
def test_bad_urls_are_refused(seeded, capsys, url):
    assert main(["ingest", url]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ")


def test_unreachable_url_with_private_addresses_allowed(db, capsys, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_ALLOWED_NETWORKS", "127.0.0.0/8")
    monkeypatch.setenv("BRIEFBOT_FETCH_TIMEOUT", "3")
    assert main(["ingest", "http://127.0.0.1:9/article"]) == 1
    assert "Could not reach host 127.0.0.1." in capsys.readouterr().err  # not refused
    assert main(["ingest", "http://127.0.0.2:9/article", "http://[::1]:9/"]) == 1
    assert capsys.readouterr().err.count("private or local address") == 1  # ::1 is not listed


def test_actor_answers_and_suggestions(seeded, capsys):
    assert main(["actor", "masrour barzani", "--json"]) == 0
    profile = json.loads(capsys.readouterr().out)
    assert profile["name"] == "Masrour Barzani"
    assert main(["actor", "Blinkin"]) == 0
    assert "Antony Blinken" in capsys.readouterr().out
    assert main(["actor", "Zzyzx Qwerty"]) == 1
    assert "No actor" in capsys.readouterr().err


def test_date_and_timeline_and_between(seeded, capsys):
    assert main(["date", "2024-02-26", "--json"]) == 0
    assert "Masrour Barzani" in capsys.readouterr().out
    assert main(["timeline", "Masrour Barzani"]) == 0
    out = capsys.readouterr().out
    assert out.index("2021-11-20") < out.index("2024-02-26")
    assert main(["between", "Barzani", "Austin", "--json"]) == 0
    assert "Lloyd Austin" in capsys.readouterr().out


def test_search_and_article(seeded, capsys):
    assert main(["search", "Higher Military Commission", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and "Military" in json.dumps(hits)
    assert main(["article", "1"]) == 0
    assert capsys.readouterr().out.strip()
    assert main(["article", "999"]) == 1


def test_start_without_token_prints_the_briefing(db, capsys):
    assert main(["start", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "DISCORD_TOKEN is not set" in out
    assert "Briefing\n5 stories from 5 articles." in out
    assert "1. 2024-02-27  Blinken meets Iraqi Kurdistan PM in Washington" in out


def test_brief_as_json(seeded: Path, capsys):
    assert main(["brief", "--since", "2024-01-01", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["kind"], answer["articles"], answer["since"]) == ("brief", 1, "2024-01-01")
    assert [[s["id"] for s in story["sources"]] for story in answer["stories"]] == [[1]]


def test_alias_reparses_the_articles_naming_the_actor(seeded: Path, capsys):
    assert main(["alias", "Masrour Barzani", "Kak Masrour"]) == 0
    assert capsys.readouterr().out.strip() == (
        "'Kak Masrour' now means Masrour Barzani. Re-parsed 4 articles."
    )
    assert main(["actor", "Kak Masrour", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["aliases"] == ["Kak Masrour"]


@pytest.mark.parametrize("alias", ["@everyone", "x" * 500, "🦀", "--"])
def test_a_junk_alias_is_one_error_line(seeded: Path, capsys, alias: str):
    assert main(["alias", "Masrour Barzani", "--", alias]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("error: An alias ") and len(line) < 100


def test_delete_and_stats(seeded: Path, capsys):
    assert main(["delete", "2"]) == 0
    assert capsys.readouterr().out.strip() == "Deleted article #2."
    assert main(["delete", "2"]) == 1
    assert capsys.readouterr().err.strip() == "error: No article #2."
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 4
