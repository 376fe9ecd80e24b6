"""Shared fixtures: the real spaCy pipeline (loaded once) and the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import document_from_file
from bot.models import ParsedArticle
from bot.parse.pipeline import ArticleParser

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
