"""Shared fixtures: the real spaCy pipeline (loaded once) and the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import document_from_file
from bot.models import ParsedArticle
from bot.parse.pipeline import ArticleParser
from storage.store import Store
from tests.factories import bahrain, undated, washington

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def parser() -> ArticleParser:
    return ArticleParser.create()


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
