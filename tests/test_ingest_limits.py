"""What a text must be to be stored: not too long for the parser, and an article, not junk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import pytest_asyncio

from bot.config import DEFAULT_MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS, Settings
from bot.errors import IngestError
from bot.ingestion import Ingestor
from bot.models import Status
from bot.parse.pool import ParsePool
from bot.sources import check_upload, document_from_bytes, document_from_html, document_from_text
from storage.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CORPUS = Path(__file__).resolve().parent / "data" / "corpus" / "dev"
ARTICLES = [*sorted(SEEDS.glob("*.txt")), *sorted(CORPUS.glob("*.txt"))]
SENTENCE = "Officials met the envoy in Erbil on Monday to discuss security and the budget."


def long_text(characters: int) -> str:
    """Distinct paragraphs of prose (identical ones would be dropped as repeats)."""
    paragraphs, size, number = [], 0, 0
    while size <= characters:
        paragraph = f"Paragraph {number}. {SENTENCE}"
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        number += 1
    return "\n\n".join(paragraphs)


@pytest_asyncio.fixture(loop_scope="function")  # the tests' loop: the one it re-reads in
async def ingestor(tmp_path: Path):
    pool = ParsePool(workers=0)
    try:
        async with (
            await Store.open(tmp_path / "briefbot.db") as store,
            Ingestor(store, pool, replace(Settings(), parse_workers=0)) as opened,
        ):
            yield opened
    finally:
        pool.close()


async def test_a_text_too_long_for_the_parser_is_refused_and_the_run_goes_on(
    ingestor: Ingestor, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(long_text(1_050_000), encoding="utf-8")  # about 1 MB: under the byte limit
    good = tmp_path / "good.txt"
    good.write_text(next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    refused, stored = await ingestor.ingest_sources([str(big), str(good)])
    assert refused.status is Status.FAILED
    assert refused.message.startswith("The text is too long (1,0")
    assert refused.message.endswith(f" characters; the limit is {MAX_ARTICLE_CHARS:,}).")
    assert stored.status is Status.STORED


def test_the_character_limit_is_checked_after_cleaning_for_every_source() -> None:
    text = long_text(MAX_ARTICLE_CHARS + 1)
    for load in (
        lambda: document_from_text(text),
        lambda: document_from_bytes(text.encode(), "long.md"),
        lambda: document_from_html(f"<html><body><article><p>{text}</p></article></body></html>"),
    ):
        with pytest.raises(IngestError, match="too long"):
            load()
    fits = long_text(MAX_ARTICLE_CHARS - 1000)
    assert len(document_from_text(fits).text) < MAX_ARTICLE_CHARS


def test_the_byte_limit_lets_through_any_text_within_the_character_limit() -> None:
    check_upload("wide.txt", 4 * MAX_ARTICLE_CHARS)  # four bytes per character at most
    assert Settings().max_article_bytes == DEFAULT_MAX_ARTICLE_BYTES == 4 * MAX_ARTICLE_CHARS
    with pytest.raises(IngestError, match="too large"):
        check_upload("wide.txt", 4 * MAX_ARTICLE_CHARS + 1)


@pytest.mark.parametrize(
    "text", ["Home", "hello", "🎉" * 50, "Home\nNews\nWorld\nContact us", "1 2 3 4 5 6 7 8 9 10"]
)
def test_junk_text_is_refused(text: str) -> None:
    with pytest.raises(IngestError, match=r"too little text to be an article"):
        document_from_text(text)


def test_junk_files_and_pages_are_refused() -> None:
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nBT /F1 24 Tf (Hello World) Tj ET\n"
    with pytest.raises(IngestError, match=r"^paper\.txt: is a PDF document, not text\.$"):
        document_from_bytes(pdf, "paper.txt")
    with pytest.raises(IngestError, match=r"^hello\.md: .*too little text"):
        document_from_bytes(b"hello", "hello.md")
    nav = "<html><body><nav><a href='/'>Home</a></nav><article><p>Home</p></article></body></html>"
    with pytest.raises(IngestError, match=r"too little text|no article text"):
        document_from_html(nav)


@pytest.mark.parametrize("path", ARTICLES, ids=[path.name for path in ARTICLES])
def test_every_seed_and_corpus_article_passes(path: Path) -> None:
    document = document_from_text(path.read_text(encoding="utf-8"))
    assert len(document.text.split()) >= 50
