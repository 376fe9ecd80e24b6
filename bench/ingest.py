"""Ingest throughput against bare spaCy, measured in the same run.

    .venv/bin/python -m bench.ingest [--articles 500]

Builds N distinct article texts from the seeds and the dev corpus (paragraphs reordered
and thinned, a distinct sentence each, so deduplication keeps them all), then times
1. bare `nlp.pipe` of the same model on the same texts (the baseline);
2. briefbot's ingest end to end in one process (cleaning, parsing, actors, dates, events,
   quotes, one transaction per article into a fresh store);
3. the same ingest with a pool of 2 worker processes.
Model loading is excluded everywhere (each side is warmed up first).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import spacy

from bot.config import Settings
from bot.ingestion import Ingestor
from bot.models import SourceDocument, Status
from bot.parse.nlp import model_name
from bot.parse.pipeline import BATCH_SIZE, parse_text
from bot.parse.pool import ParsePool
from bot.sources import document_from_text
from storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted((ROOT / "seeds").glob("*.txt")),
    *sorted((ROOT / "tests/data/corpus/dev").glob("*.txt")),
]
TARGET_RATIO = 1.25  # our single-process time / bare nlp.pipe time
TARGET_SPEEDUP = 1.7  # pool of 2 throughput / single-process throughput


def variants(count: int, seed: int = 7) -> list[str]:
    """`count` distinct article texts: each a source with its prose paragraphs shuffled, one
    paragraph sometimes dropped, and a sentence of its own in the middle."""
    rng = random.Random(seed)
    bases = [_paragraphs(path.read_text(encoding="utf-8")) for path in SOURCES]
    texts = []
    for n in range(count):
        head, *body = bases[n % len(bases)]
        body = _shuffled_prose(body, rng)
        if len(body) > 3 and rng.random() < 0.5:
            body.pop(rng.randrange(len(body)))
        body.insert(len(body) // 2, f"This is copy {n} of the article for the ingest bench.")
        texts.append("\n\n".join([head, *body]))
    return texts


def _shuffled_prose(paragraphs: list[str], rng: random.Random) -> list[str]:
    """The paragraphs with the prose ones shuffled among themselves; short lines (a
    "Comments" heading, a byline) keep their place, so page furniture stays furniture."""
    prose = [i for i, text in enumerate(paragraphs) if len(text) > 80]
    moved = [paragraphs[i] for i in prose]
    rng.shuffle(moved)
    result = paragraphs[:]
    for i, text in zip(prose, moved, strict=True):
        result[i] = text
    return result


def _paragraphs(text: str) -> list[str]:
    """Blank-line paragraphs, or lines when the file has no blank lines."""
    parts = text.split("\n\n") if "\n\n" in text else text.splitlines()
    return [part for part in parts if part.strip()]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


async def atimed(run: Callable[[], Awaitable[object]]) -> float:
    start = time.perf_counter()
    await run()
    return time.perf_counter() - start


def bare_pipe(texts: list[str], model: str) -> float:
    """Seconds for bare `nlp.pipe` over `texts` (after a warm-up)."""
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:2]))
    return timed(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)))


async def ingest(texts: list[str], workers: int, folder: Path, model: str) -> float:
    """Seconds to clean, parse and store `texts` into a fresh store with `workers` processes
    (0: one process, parsing in a background thread)."""
    pool = ParsePool(workers, model)
    try:
        await pool.parse([document_from_text(t) for t in texts[: max(workers, 1) * 2]])  # warm-up
        async with (
            await Store.open(folder / f"ingest-{workers}.db") as store,
            Ingestor(store, pool, Settings(db_path=store.path)) as ingestor,
        ):

            async def run() -> None:
                documents = [("bench", document_from_text(text)) for text in texts]
                outcomes = await ingestor.ingest_documents(documents)
                await ingestor.settled()  # as `briefbot ingest` does: re-reads included
                stored = sum(o.status is Status.STORED for o in outcomes)
                assert stored == len(texts), f"only {stored} of {len(texts)} stored"

            return await atimed(run)
    finally:
        pool.close()


def report(texts: list[str], model: str, bare: float, single: float, pooled: float) -> str:
    words = sum(len(text.split()) for text in texts)
    rows = [
        ("bare nlp.pipe (baseline)", bare),
        ("briefbot ingest, 1 process", single),
        ("briefbot ingest, pool of 2", pooled),
    ]
    lines = [f"{len(texts)} articles, {words:,} words, model {model}", ""]
    lines.append(f"{'':30} {'seconds':>8} {'articles/s':>11} {'words/s':>9}")
    for label, seconds in rows:
        lines.append(
            f"{label:30} {seconds:8.1f} {len(texts) / seconds:11.1f} {words / seconds:9,.0f}"
        )
    ratio, speedup = single / bare, single / pooled
    lines += [
        "",
        f"ingest / bare nlp.pipe:        {ratio:.2f}  (target <= {TARGET_RATIO})"
        f"  {'ok' if ratio <= TARGET_RATIO else 'MISSED'}",
        f"pool of 2 / single throughput: {speedup:.2f}  (target >= {TARGET_SPEEDUP})"
        f"  {'ok' if speedup >= TARGET_SPEEDUP else 'MISSED'}",
    ]
    return "\n".join(lines)


async def main(count: int) -> None:
    model = model_name(Settings.from_env().spacy_model)
    texts = variants(count)
    documents: list[SourceDocument] = [document_from_text(t) for t in texts]
    bare = bare_pipe([parse_text(d) for d in documents], model)
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as folder:
        single = await ingest(texts, 0, Path(folder), model)
        pooled = await ingest(texts, 2, Path(folder), model)
    print(report(texts, model, bare, single, pooled))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    asyncio.run(main(parser.parse_args().articles))
