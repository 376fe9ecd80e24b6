"""The knowledge base end to end from the command line (real store file, real model): what a
server teaches, what the store learns from article to article, and the packs in use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

# Invented articles; the store learns Arne Kvalheim (and his title) from INTRODUCED.
INTRODUCED = (
    "OSLO, Norway (Test Wire) - Norwegian Prime Minister Arne Kvalheim met Swedish Foreign "
    "Minister Lise Kvalheim in Oslo on 4 March 2024. Mr Kvalheim said the talks went well."
)
LATER = (
    "STOCKHOLM, Sweden (Test Wire) - Prime Minister Kvalheim visited Stockholm on 12 March "
    "2024, where he opened a trade fair. Kvalheim praised the organisers."
)
HER = (
    "OSLO, Norway (Test Wire) - Foreign Minister Kvalheim called her Danish counterpart on "
    "8 March 2024."
)
ALONE = (
    "BERGEN, Norway (Test Wire) - Mayor Halvorsen opened the new harbour in Bergen on 2 May "
    "2024. Halvorsen thanked the builders."
)
# One batch, as a folder comes in: each spelling is learned before either resolves the other.
MISSPELT = (
    "Geneva, May 10, 2025: Norland's Vice Premier Tam Lipeng met Vesterian Trade Minister Ola "
    "Brekke in Geneva on Saturday."
)
SPELT = (
    "Oslo, October 30, 2025: Vice Premier Tam Lifeng and Vesterian Trade Minister Ola Brekke "
    "signed a fisheries accord in Oslo on Thursday."
)
NOW_PREMIER = "OSLO, Norway (Test Wire) - Premier Sun Marlo opened a bridge in Oslo on 2 May 2024."
THEN_PREMIER = "OSLO, Norway (Test Wire) - Premier Sun Kemarlo opened a road in Oslo on 2 May 2015."
PACKED = (
    "ERBIL, Kurdistan Region (Test Wire) - Masrur Barzani met two envoys in Erbil on 4 March 2024."
)


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store" / "briefbot.db"
    monkeypatch.setenv("BRIEFBOT_DB", str(path))
    monkeypatch.setenv("BRIEFBOT_PARSE_WORKERS", "0")
    monkeypatch.delenv("BRIEFBOT_BEATS", raising=False)
    return path


def ingest(
    tmp_path: Path, name: str, text: str, capsys: pytest.CaptureFixture[str], published: str
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["ingest", str(path), "--published", published]) == 0
    capsys.readouterr()


def people(article_id: int, capsys: pytest.CaptureFixture[str]) -> set[str]:
    assert main(["article", str(article_id), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    return {a["name"] for a in answer["actors"] if a["kind"] == "person"}


def test_a_person_learned_from_one_article_resolves_in_the_next(db, tmp_path, capsys) -> None:
    ingest(tmp_path, "introduced", INTRODUCED, capsys, "2024-03-04")
    ingest(tmp_path, "later", LATER, capsys, "2024-03-12")
    ingest(tmp_path, "her", HER, capsys, "2024-03-08")
    assert people(2, capsys) == {"Arne Kvalheim"}  # "Prime Minister Kvalheim", "Kvalheim"
    assert people(3, capsys) == {"Lise Kvalheim"}  # the namesake with that title
    assert main(["actor", "Arne Kvalheim", "--json"]) == 0
    profile = json.loads(capsys.readouterr().out)
    assert profile["articles"] == 2
    assert [(r["role"], r["first"], r["last"]) for r in profile["roles"]] == [
        ("Prime Minister", "2024-03-04", "2024-03-12")
    ]


def test_an_article_read_before_the_person_was_learned_is_read_again(db, tmp_path, capsys) -> None:
    ingest(tmp_path, "later", LATER, capsys, "2024-03-12")
    assert people(1, capsys) == {"Kvalheim"}  # nobody to resolve it to yet
    ingest(tmp_path, "introduced", INTRODUCED, capsys, "2024-03-04")
    assert people(1, capsys) == {"Arne Kvalheim"}


def test_spellings_a_letter_apart_with_one_title_are_one_person(db, tmp_path, capsys) -> None:
    for name, text in (("misspelt", MISSPELT), ("spelt", SPELT)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "misspelt.txt"), str(tmp_path / "spelt.txt")]) == 0
    capsys.readouterr()
    # the spelling seen with the title last: news settles on one
    assert people(1, capsys) == people(2, capsys) == {"Tam Lifeng", "Ola Brekke"}


def test_a_name_two_letters_from_a_learned_one_is_another_person(db, tmp_path, capsys) -> None:
    ingest(tmp_path, "now", NOW_PREMIER, capsys, "2024-05-02")
    ingest(tmp_path, "then", THEN_PREMIER, capsys, "2015-05-02")
    ingest(tmp_path, "misspelt", MISSPELT, capsys, "2025-05-10")
    ingest(tmp_path, "spelt", SPELT, capsys, "2025-10-30")
    assert people(2, capsys) == {"Sun Kemarlo"}
    assert people(4, capsys) == {"Tam Lipeng", "Ola Brekke"}  # a letter apart: the one learned


def test_kb_add_show_export_and_import(db, tmp_path, capsys) -> None:
    ingest(tmp_path, "alone", ALONE, capsys, "2024-05-02")
    assert people(1, capsys) == {"Halvorsen"}
    teach = ["kb", "add", "Tor Halvorsen", "--role", "Mayor of Bergen", "--since", "2023-10-01"]
    assert main([*teach, "--alias", "Tor B. Halvorsen"]) == 0
    assert capsys.readouterr().out.strip() == "Taught Tor Halvorsen (person). Re-parsed 1 article."
    assert people(1, capsys) == {"Tor Halvorsen"}  # the surname, re-read with what was taught

    assert main(["kb", "show", "tor b. halvorsen"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Tor Halvorsen — person",
        "Aliases: Tor B. Halvorsen",
        "Roles:   Mayor of Bergen (2023-10-01 on)",
        "From:    taught",
    ]
    assert main(["kb", "export"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported == {
        "persons": [
            {
                "name": "Tor Halvorsen",
                "aliases": ["Tor B. Halvorsen"],
                "roles": [
                    {
                        "title": "Mayor of Bergen",
                        "keys": ["mayor", "mayor of bergen"],
                        "from": "2023-10-01",
                        "to": None,
                    }
                ],
            }
        ]
    }
    exported["persons"][0]["roles"][0]["to"] = "2025-09-30"
    exported["organizations"] = [{"name": "Bergen Harbour Board", "aliases": ["BHB"]}]
    file = tmp_path / "kb.json"
    file.write_text(json.dumps(exported), encoding="utf-8")
    assert main(["kb", "import", str(file)]) == 0
    assert capsys.readouterr().out.strip() == "Taught 2 entries (1 new). Re-parsed 1 article."
    assert main(["kb", "show", "BHB", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "organization"
    assert main(["kb", "show", "Tor Halvorsen", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["roles"][0]["end"] == "2025-09-30"


def test_kb_refuses_what_it_cannot_use(db, tmp_path, capsys) -> None:
    assert main(["kb", "add", "Tor Halvorsen", "--since", "2023"]) == 1
    assert capsys.readouterr().err == "error: Give the role that starts or ends then.\n"
    assert main(["kb", "show", "Tor Halvorsen"]) == 1
    assert "error: Nothing is known about 'Tor Halvorsen'." in capsys.readouterr().err
    file = tmp_path / "bad.json"
    file.write_text('["not", "a", "pack"]', encoding="utf-8")
    assert main(["kb", "import", str(file)]) == 1
    assert "A knowledge file is a JSON object with one of: persons" in capsys.readouterr().err


def test_kb_show_reads_the_packs_in_use(db, capsys, monkeypatch) -> None:
    assert main(["kb", "show", "Masrur Barzani"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Masrour Barzani — person") and "From:    pack kurdistan" in out
    monkeypatch.setenv("BRIEFBOT_BEATS", "none")
    assert main(["kb", "show", "Masrur Barzani"]) == 1


def test_the_packs_are_switched_by_configuration(db, tmp_path, capsys, monkeypatch) -> None:
    ingest(tmp_path, "packed", PACKED, capsys, "2024-03-04")
    assert "Masrour Barzani" in people(1, capsys)  # the pack's alias
    monkeypatch.setenv("BRIEFBOT_BEATS", "none")
    monkeypatch.setenv("BRIEFBOT_DB", str(tmp_path / "nopack.db"))
    ingest(tmp_path, "packed", PACKED, capsys, "2024-03-04")
    assert "Masrour Barzani" not in people(1, capsys)
