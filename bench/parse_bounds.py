"""What hostile texts cost a parse worker, against a normal article of the same size.

    .venv/bin/python -m bench.parse_bounds [--sizes 100000,1000000] [--cap-mb 3000]

Each text is cleaned as pasted text (`document_from_text`, timed in this process), then
parsed by a parse worker of its own (a fresh spawned process, started as the pool starts
its workers: model loaded first), so its peak resident memory (VmHWM) is that text's
alone. The worker is killed past `--cap-mb` or `--cap-s` (reported as such). The baseline
is a normal article of the same size (corpus prose, paragraphs and sentences kept),
measured in the same run; the ratios compare time and the memory above the loaded model.
Target (issue 13): no input under the size limit takes a worker over 500 MB or a minute.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import random
import re
import string
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from bot.config import DEFAULT_MAX_ARTICLE_BYTES
from bot.models import SourceDocument
from bot.parse.pool import _start_worker, parse_batch
from bot.sources import document_from_file, document_from_text

ROOT = Path(__file__).resolve().parent.parent
PROSE = [
    *sorted((ROOT / "seeds").glob("*.txt")),
    *sorted((ROOT / "tests/data/corpus").glob("*.txt")),
]
TARGET_MB = 500
TARGET_S = 60.0
NAMES = 20_000
GIVEN = ["Ada", "Bela", "Cyra", "Dario", "Emre", "Farah", "Goran", "Hana", "Ivo", "Jana"]
SURNAMES = ["Kowal", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi"]


def sentences() -> list[str]:
    """The sentences of the seeds' and test corpus's bodies as the cleaning keeps them, in
    prose lines (eight words or more)."""
    bodies = [document_from_file(path, max_bytes=DEFAULT_MAX_ARTICLE_BYTES).text for path in PROSE]
    lines = [line for body in bodies for line in body.splitlines() if len(line.split()) >= 8]
    return [s for line in lines for s in re.split(r"(?<=[.!?])\s+", line) if s]


def normal(size: int) -> str:
    """An article of `size` characters: paragraphs of 2 to 5 corpus sentences drawn at random
    (so none repeats and the cleaning keeps them all)."""
    rng = random.Random(size)
    pool = sentences()
    paragraphs: list[str] = []
    length = 0
    while length < size:
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def no_breaks(size: int) -> str:
    """That article without a full stop, question or exclamation mark or line break."""
    return re.sub(r"\s*[.!?\n]+\s*", " ", normal(size))


def one_paragraph(size: int) -> str:
    """That article as one line: sentences kept, no paragraph break."""
    return re.sub(r"\s*\n+\s*", " ", normal(size))


def giant_word(size: int) -> str:
    rng = random.Random(3)
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(size))


def punctuation(size: int) -> str:
    """Punctuation without a space: the tokenizer's affix rules at their worst."""
    rng = random.Random(4)
    return "".join(rng.choice("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") for _ in range(size))


def word_per_line(size: int) -> str:
    """A numbered word per line (numbered: the cleaning drops repeated lines)."""
    words = itertools.cycle(re.findall(r"[A-Za-z]+", " ".join(sentences())))
    lines = (f"{word} {n}" for n, word in enumerate(itertools.islice(words, size // 8)))
    return "\n".join(lines)[:size]


def names() -> str:
    """A list of `NAMES` distinct invented names, commas only."""
    pairs = itertools.product(GIVEN, SURNAMES, range(NAMES // (len(GIVEN) * len(SURNAMES)) + 1))
    listed = [f"{given} {surname}{'-' + str(n) if n else ''}" for given, surname, n in pairs]
    return "Those present were " + ", ".join(listed[:NAMES])


CASES: list[tuple[str, Callable[[int], str]]] = [
    ("no sentence breaks", no_breaks),
    ("one paragraph", one_paragraph),
    ("one giant word", giant_word),
    ("punctuation run", punctuation),
    ("a word per line", word_per_line),
]


@dataclass
class Run:
    seconds: float | None  # None: killed, died or failed
    peak_mb: float
    loaded_mb: float
    stopped: str = ""  # why there is no time

    @property
    def parse_mb(self) -> float:
        return self.peak_mb - self.loaded_mb


def _worker(connection: Connection) -> None:
    """A parse worker: start as the pool's do, parse the document it is sent, and stay until
    its peak memory has been read."""
    _start_worker(None)
    connection.send("ready")
    document = connection.recv()
    start = time.perf_counter()
    try:
        parse_batch([document], {})
        failed = ""
    except Exception as error:  # the pool would report it as a failed ingest
        failed = f"failed ({type(error).__name__})"
    connection.send((time.perf_counter() - start, failed))
    connection.recv()


def _memory_mb(pid: int, field: str) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_worker(document: SourceDocument, cap_mb: float, cap_s: float) -> Run:
    """Parse `document` in a fresh worker; its time and peak memory, or why it stopped."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_worker, args=(theirs,), daemon=True)
    process.start()
    ours.recv()  # the model is loaded
    loaded = peak = _memory_mb(process.pid, "VmHWM")
    ours.send(document)
    start = time.perf_counter()
    stopped = ""
    while not stopped and not ours.poll(0.05):
        if not process.is_alive():
            stopped = f"died ({process.exitcode})"
            continue
        peak = max(peak, _memory_mb(process.pid, "VmHWM"))
        if _memory_mb(process.pid, "VmRSS") > cap_mb:
            stopped = f"killed over {cap_mb:.0f} MB"
        elif time.perf_counter() - start > cap_s:
            stopped = f"killed after {cap_s:.0f} s"
    if stopped:
        process.kill()
        process.join()
        return Run(None, peak, loaded, stopped)
    seconds, failed = ours.recv()
    peak = _memory_mb(process.pid, "VmHWM")
    ours.send("done")
    process.join()
    if failed:
        return Run(None, peak, loaded, f"{failed} after {seconds:.0f} s")
    return Run(seconds, peak, loaded)


HEADER = (
    f"{'text':30} {'KB':>5} {'clean':>6} {'parse':>7} {'ratio':>6} {'peak MB':>8} {'+MB':>5} "
    f"{'ratio':>6}  under {TARGET_MB} MB and {TARGET_S:.0f} s"
)


def report(label: str, size: int, clean_s: float, run: Run, baseline: Run | None) -> None:
    """One row: the text's cleaned size, cleaning time, then the worker's parse time and
    peak memory (and what parsing added to the loaded model), with ratios to the baseline."""
    met = run.seconds is not None and run.seconds < TARGET_S and run.peak_mb < TARGET_MB
    if run.seconds is None:
        timing = f"{run.stopped:>21}"
    else:
        ratio = _ratio(run.seconds, baseline.seconds if baseline else None)
        timing = f"{run.seconds:6.1f}s {ratio:>6}"
    memory = _ratio(run.parse_mb, max(baseline.parse_mb, 1) if baseline else None)
    print(
        f"{label:30} {size / 1000:5.0f} {clean_s:5.2f}s {timing} {run.peak_mb:8.0f} "
        f"{run.parse_mb:5.0f} {memory:>6}  {'met' if met else 'MISSED'}",
        flush=True,
    )


def _ratio(value: float, baseline: float | None) -> str:
    return f"{value / baseline:5.1f}x" if baseline else ""


def main(sizes: list[int], cap_mb: float, cap_s: float, only: str) -> None:
    print(HEADER)
    texts = [
        (f"{name}, {size // 1000} KB", build(size), size) for size in sizes for name, build in CASES
    ]
    listed = names()
    texts.append((f"{NAMES:,} names", listed, len(listed)))
    baselines: dict[int, Run] = {}
    for label, text, size in texts:
        if not any(part in label for part in only.split(",")):
            continue
        if size not in baselines:
            baseline = f"normal article, {size // 1000} KB"
            baselines[size] = measure(baseline, normal(size), None, cap_mb, cap_s)
        measure(label, text, baselines[size], cap_mb, cap_s)


def measure(label: str, text: str, baseline: Run | None, cap_mb: float, cap_s: float) -> Run:
    """Clean and parse `text`, print its row and return the worker's figures."""
    start = time.perf_counter()
    document = document_from_text(text, title="Hostile text")
    clean_s = time.perf_counter() - start
    run = run_worker(document, cap_mb, cap_s)
    report(label, len(document.text), clean_s, run, baseline)
    return run


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="characters, comma-separated")
    parser.add_argument("--cap-mb", type=float, default=3000.0, help="kill a worker above this")
    parser.add_argument("--cap-s", type=float, default=180.0, help="kill a worker after this")
    parser.add_argument("--only", default="", help="texts whose label holds one of these (a,b)")
    arguments = parser.parse_args()
    sizes = [int(s) for s in arguments.sizes.split(",")]
    main(sizes, arguments.cap_mb, arguments.cap_s, arguments.only)
