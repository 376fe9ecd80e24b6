"""Shared fixtures: the real spaCy pipeline (loaded once) and the seed articles."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.models import ParsedArticle
from bot.parse.pipeline import ArticleParser
from bot.sources import document_from_file
from storage.store import Store
from tests.bot_env import ACK_LATENCIES, BotEnv, bot_settings, running_bot
from tests.factories import bahrain, undated, washington

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def parser() -> ArticleParser:
    return ArticleParser.create()


@pytest.fixture(scope="session")
def packless_parser() -> ArticleParser:
    """The pipeline with no beat pack: only the general knowledge in `bot/data`."""
    return ArticleParser.create(beats=())


@pytest.fixture(scope="session")
def parsed_seeds(parser: ArticleParser) -> dict[str, ParsedArticle]:
    """The five seeds parsed as `briefbot ingest seeds` would, keyed "000".."004"."""
    paths = sorted(SEEDS.glob("*.txt"))
    documents = [document_from_file(path, max_bytes=2_000_000) for path in paths]
    return {
        path.name[:3]: parsed for path, parsed in zip(paths, parser.parse(documents), strict=True)
    }


@pytest.fixture
async def store(tmp_path: Path):
    """A real store file holding three hand-built articles (tests/factories.py)."""
    async with await Store.open(tmp_path / "briefbot.db") as opened:
        for parsed in (bahrain(), washington(), undated()):
            await opened.add_article(parsed)
        yield opened


@pytest.fixture(scope="session")
async def seeds_db(
    tmp_path_factory: pytest.TempPathFactory, parsed_seeds: dict[str, ParsedArticle]
) -> Path:
    """A store file holding the five seeds as articles #1..#5 (copy it before writing)."""
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    async with await Store.open(path) as store:
        for key in sorted(parsed_seeds):
            await store.add_article(parsed_seeds[key])
    return path


@pytest.fixture
async def briefbot(tmp_path: Path, seeds_db: Path) -> AsyncIterator[BotEnv]:
    """The real bot on a copy of the seeds store, connected to a fresh Discord emulator."""
    db_path = tmp_path / "briefbot.db"
    shutil.copyfile(seeds_db, db_path)
    async with running_bot(bot_settings(db_path)) as env:
        yield env
        assert not env.discord.errors, [str(e) for e in env.discord.errors]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The slowest acknowledgements of the interactions the bot answered in the tests (the
    ones slowed on purpose show the 1 s deferral)."""
    if ACK_LATENCIES:
        ranked = sorted(ACK_LATENCIES, key=lambda pair: -pair[1])
        slowest = ", ".join(f"{seconds * 1000:.0f} ms ({label})" for label, seconds in ranked[:4])
        median = ranked[len(ranked) // 2][1] * 1000
        terminalreporter.write_line(
            f"interaction acknowledgements: {len(ranked)}, median {median:.0f} ms, "
            f"slowest {slowest}"
        )
