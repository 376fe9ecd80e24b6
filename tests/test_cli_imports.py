"""Query commands answer without the parser: no spaCy, no parse pool, no Discord library."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "discord", "aiohttp", "trafilatura", "apscheduler", "bot.parse", "bot.ingestion")
QUERIES = [
    ["actor", "Masrour Barzani"],
    ["actors", "--since", "2021", "--kind", "person"],
    ["date", "2024-02-26..last week"],
    ["timeline", "Masrour Barzani", "--until", "February 2024"],
    ["between", "Masrour Barzani", "Antony Blinken"],
    ["search", "Peshmerga"],
    ["article", "1"],
    ["brief", "--json"],
    ["export"],
    ["stats"],
    ["kb", "show", "Masrour Barzani"],
    ["kb", "export"],
]

# Runs each query through `main()` in one fresh interpreter and reports, per query, its exit
# code, its output and the heavy modules loaded by then.
PROBE = """
import contextlib, io, json, sys
from bot.cli import main

heavy, queries = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for query in queries:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(query)
    loaded = sorted(n for n in sys.modules if any(n == h or n.startswith(h + ".") for h in heavy))
    print(json.dumps({"query": query, "code": code, "out": out.getvalue(), "loaded": loaded}))
"""


def test_query_commands_never_import_the_parser_or_discord(tmp_path: Path, seeds_db: Path):
    db_path = tmp_path / "seeds.db"
    shutil.copyfile(seeds_db, db_path)
    queries = [["--db", str(db_path), *query] for query in QUERIES]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_"))}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY), json.dumps(queries)],
        cwd=tmp_path,  # no .env from the project
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    reports = [json.loads(line) for line in probe.stdout.splitlines()]
    assert [report["query"][2:] for report in reports] == QUERIES
    for report in reports:
        assert report["code"] == 0, report
        assert report["out"].strip(), report
        assert report["loaded"] == [], report
    assert "Masrour Barzani" in reports[0]["out"]
    assert "Peshmerga" in reports[5]["out"].replace("**", "")
