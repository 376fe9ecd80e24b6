"""What one article may cost the parser is bounded before it parses (issue 13): the model
sees bounded pieces and batches, the extractors bounded lines and a bounded number of names.
Budgets are lowered here so that small texts cross them; bench/parse_bounds.py measures
time and memory on hostile texts at the real ones."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from bot.config import Settings
from bot.ingestion import Ingestor
from bot.models import ActorKind, SourceDocument
from bot.parse import bounds
from bot.parse.nlp import text_of
from bot.parse.pipeline import ArticleParser, parse_text
from bot.parse.pool import ParsePool
from storage.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GIVEN = ["Ada", "Bela", "Cyra", "Dario", "Emre", "Farah", "Goran", "Hana", "Ivo", "Jana"]
SURNAMES = ["Kowal", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi"]


def seeds_text() -> str:
    return "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


def without_breaks(text: str) -> str:
    """`text` as one line without a full stop."""
    return " ".join(text.replace(".", " ").split())


def test_pieces_and_lines_keep_the_text() -> None:
    text = seeds_text()
    pieces = bounds.chunks(text, 3000, 100)
    assert "".join(pieces) == text and max(map(len, pieces)) <= 3000
    assert all(piece.endswith(("\n", " ")) for piece in pieces[:-1])
    assert bounds.chunks("x" * 7000, 3000, 9000) == ["x" * 3000, "x" * 3000, "x" * 1000]
    words = bounds.chunks("ab " + "x" * 250 + " cd", 3000, 100)  # a run cut every 100
    assert words == ["ab " + "x" * 100, "x" * 100, "x" * 50 + " cd"]
    one_line = "Title\n\n" + "word " * 1000  # its one paragraph break is too early to cut at
    assert 1990 < len(bounds.parsed_part(one_line, 2000)) <= 2000
    assert bounds.parsed_part(one_line, 2000).endswith("word ")
    line = without_breaks(text)
    broken = bounds.bounded_lines(line, 500)
    assert len(broken) == len(line) and broken.replace("\n", " ") == line
    assert max(map(len, broken.split("\n"))) <= 500
    sentences = bounds.bounded_lines("One two three. Four five six seven. Eight nine.", 30)
    assert sentences == "One two three.\nFour five six seven.\nEight nine."
    assert bounds.bounded_lines("a" * 50 + " b", 20) == "a" * 50 + "\nb"  # a word too long


def test_batches_are_bounded_in_count_and_characters() -> None:
    texts = ["a" * 10, "b" * 10, "c" * 25, "d" * 5, "e" * 5, "f" * 5]
    assert list(bounds.batches(texts, 2, 30)) == [texts[0:2], texts[2:4], texts[4:6]]
    assert list(bounds.batches(["x" * 50, "y"], 16, 30)) == [["x" * 50], ["y"]]


def test_the_model_sees_bounded_pieces_and_the_article_parses_the_same(
    parser: ArticleParser, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = SourceDocument(text=seeds_text(), title="Seeds", published=date(2024, 3, 1))
    [whole] = parser.parse([document])
    seen: list[list[str]] = []
    pipe = parser.nlp.pipe

    def spy(texts, **options):  # type: ignore[no-untyped-def]
        texts = list(texts)
        seen.append(texts)
        return pipe(texts, **options)

    monkeypatch.setattr(bounds, "CHUNK_CHARS", 3000)
    monkeypatch.setattr(bounds, "BATCH_CHARS", 7000)
    monkeypatch.setattr(parser.nlp, "pipe", spy)
    [doc] = parser.docs([parse_text(document)])
    assert doc.text == parse_text(document)
    assert max(len(text) for batch in seen for text in batch) <= 3000
    assert max(sum(map(len, batch)) for batch in seen) <= 7000
    [pieced] = parser.parse([document])
    assert {a.name for a in pieced.actors} == {a.name for a in whole.actors}
    assert [d.text for d in pieced.dates] == [d.text for d in whole.dates]


def test_a_text_without_sentence_breaks_reaches_the_extractors_in_bounded_lines(
    parser: ArticleParser,
) -> None:
    text = without_breaks(seeds_text())[:12_000] + " on Monday 4 March 2024 Barzani met Blinken"
    document = SourceDocument(text=text, title="", published=date(2024, 3, 6))
    [doc] = parser.docs([parse_text(document)])
    assert max(map(len, text_of(doc).split("\n"))) <= bounds.LINE_CHARS
    assert max(len(sentence.text) for sentence in doc.sents) <= bounds.LINE_CHARS
    [parsed] = parser.parse([document])
    assert parsed.document.text == text
    assert parsed.dates and all(
        text[m.char_start : m.char_end] == m.text for m in parsed.dates
    )  # offsets into the text as given


def test_a_list_of_names_keeps_a_bounded_number(
    parser: ArticleParser, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"{given} {surname}" for given, surname in itertools.product(GIVEN, SURNAMES)]
    text = "Present at the talks in Geneva were " + ", ".join(names) + "."
    monkeypatch.setattr(bounds, "MAX_NAMES", 30)
    [doc] = parser.docs([text])
    assert len({ent.text for ent in doc.ents}) == 30
    [parsed] = parser.parse([SourceDocument(text=text, title="", published=date(2024, 3, 6))])
    people = [a for a in parsed.actors if a.kind is ActorKind.PERSON]
    assert 10 <= len(people) <= 30


async def test_an_article_too_long_is_parsed_in_part_and_stored_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "PARSE_CHARS", 2000)
    text = seeds_text()
    document = SourceDocument(text=text, title="Seeds", published=date(2024, 3, 1))
    read = parse_text(document)
    assert len(read) <= 2000 and read.endswith("\n") and text.startswith(read[len("Seeds\n\n") :])
    pool = ParsePool(workers=0)
    try:
        async with (
            await Store.open(tmp_path / "briefbot.db") as store,
            Ingestor(store, pool, Settings(parse_workers=0)) as ingestor,
        ):
            [outcome] = await ingestor.ingest_documents([("seeds.txt", document)])
            assert outcome.unparsed == len(text) + len("Seeds\n\n") - len(read)
            assert f"its last {outcome.unparsed:,} characters were not parsed" in outcome.message
            assert outcome.article_id is not None
            assert (await store.get_document(outcome.article_id)).text == text
    finally:
        pool.close()


@pytest.mark.parametrize(
    "text",
    [
        "The two delegations met separately in Geneva on Monday.",
        "Both sides met separately on Monday, officials said.",
    ],
)
def test_a_meeting_held_separately_by_unnamed_parties_parses(
    parser: ArticleParser, text: str
) -> None:
    """Found by the hostile texts of bench/parse_bounds.py: it stopped the whole article."""
    [parsed] = parser.parse([SourceDocument(text=text, title="", published=date(2024, 3, 6))])
    assert parsed.document.text == text
