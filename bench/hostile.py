"""Hostile markdown files against an ordinary article of the same size, in the same run.

    .venv/bin/python -m bench.hostile [--timeout 120] [--only NAME ...]

For each hostile input (unclosed emphasis, unclosed links across lines, bracket and image
runs, one 1 MB line, a line of share buttons, thousands of hard-wrapped lines, ...) it
measures two steps, each in a fresh process killed after `--timeout` seconds: the markdown
cleaning alone (`markdown_to_text`) and the whole path of an uploaded `.md` file
(`document_from_bytes`: size check, decoding, cleaning, the checks of
`bot/sources/guards.py`). Each step is timed once, then run again under tracemalloc for its
peak of Python memory. The baseline is an ordinary article in markdown of the same size (the
prose of the seeds and the dev corpus with bold, italic and links, paragraphs numbered so
none repeats), through the same steps. The worst figures close the report.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from bot.errors import IngestError
from bot.sources import document_from_bytes
from bot.sources.markdown import markdown_to_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus" / "dev"
KB = 1000


def _lines(unit: str, size: int, width: int = 80) -> str:
    """`unit` repeated to `size` characters, broken into lines of about `width`."""
    per_line = max(width // len(unit), 1)
    line = unit * per_line
    return "\n".join([line] * (size // (len(line) + 1) + 1))[:size]


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


CASES: dict[str, Callable[[], str]] = {
    "strong **a x25000 (100 KB)": lambda: "**a " * 25_000,
    "strong **a x100000 (400 KB)": lambda: "**a " * 100_000,
    "emphasis *a (400 KB)": lambda: _repeat("*a ", 400 * KB),
    "emphasis _a (400 KB)": lambda: _repeat("_a ", 400 * KB),
    "unclosed links across lines (400 KB)": lambda: _repeat("[a](b\n", 400 * KB),
    "unclosed links, one line (400 KB)": lambda: _repeat("[a](b ", 400 * KB),
    "brackets [ (400 KB, lines)": lambda: _lines("[", 400 * KB),
    "images ![ (400 KB, lines)": lambda: _lines("![", 400 * KB),
    "backticks `a (400 KB)": lambda: _repeat("`a ", 400 * KB),
    "one 1 MB line": lambda: _repeat("word ", 1000 * KB),
    "share buttons, one line (48 KB)": lambda: "Share " * 8000 + "the minister said.",
    "hard-wrapped lines, no full stop (400 KB)": lambda: _lines(
        "officials met the envoy ", 400 * KB
    ),
    "images ![ (2 MB, lines)": lambda: _lines("![", 2000 * KB),
    "images ![ at the marks limit (2 MB)": lambda: _lines("![a b c d e f g h i ", 2000 * KB),
}


def ordinary(size: int) -> str:
    """One markdown article of `size` bytes: a heading, then the prose paragraphs of the
    seeds and the dev corpus with bold, italic and links, numbered so that none repeats."""
    sources = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted(CORPUS.glob("*.txt"))]
    prose = [
        line.split()
        for path in sources
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.split()) >= 12 and "moderates" not in line  # no comment policy
    ]
    parts, total, number = ["# Officials meet in Erbil to discuss security"], 0, 0
    while total < size:
        words = list(prose[number % len(prose)])
        words[2] = f"**{words[2]}**"
        words[5] = f"[{words[5]}](https://example.org/{number})"
        words[7] = f"*{words[7]}*"
        paragraph = " ".join(words) + f" (paragraph {number})"
        parts.append(paragraph)
        total += len(paragraph) + 2
        number += 1
    # Cut to `size` bytes, as the hostile inputs (ASCII) are, so both pass the byte limit alike.
    return "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")


def clean(text: str) -> str:
    return f"{len(markdown_to_text(text)):,} characters out"


def whole_path(text: str) -> str:
    try:
        document = document_from_bytes(text.encode("utf-8"), "hostile.md")
    except IngestError as error:
        return f"refused: {error}"
    return f"stored: {len(document.text):,} characters"


STEPS: dict[str, Callable[[str], str]] = {"cleaning": clean, "whole path": whole_path}


@dataclass(frozen=True, slots=True)
class Measure:
    seconds: float | None  # None: killed at the timeout
    peak: int | None  # bytes; None: the traced run was killed at the timeout
    outcome: str


def _child(step: str, text: str, pipe: Connection) -> None:
    """The timed run, sent at once, then the traced run's peak."""
    start = time.perf_counter()
    outcome = STEPS[step](text)
    pipe.send((time.perf_counter() - start, outcome))
    tracemalloc.start()
    STEPS[step](text)
    pipe.send(tracemalloc.get_traced_memory()[1])
    tracemalloc.stop()


def measure(step: str, text: str, timeout: float) -> Measure:
    """One step on one text in a forked process; each of its two runs is given `timeout`
    seconds (tracing memory slows the second one down)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(step, text, sender))
    process.start()
    try:
        if not receiver.poll(timeout):
            return Measure(None, None, f"killed after {timeout:g} s")
        seconds, outcome = receiver.recv()
        peak = receiver.recv() if receiver.poll(timeout) else None
        return Measure(seconds, peak, outcome)
    finally:
        process.kill()
        process.join()


def _seconds(value: float | None) -> str:
    return "timeout" if value is None else f"{value:8.3f}"


def _megabytes(value: int | None) -> str:
    return "-" if value is None else f"{value / 1e6:7.1f}"


def _ratio(value: float | None, base: float | None) -> str:
    if value is None or not base:
        return "-"
    return f"{value / base:6.1f}x"


def main(timeout: float, only: list[str]) -> None:
    baselines: dict[tuple[str, int], Measure] = {}
    worst: dict[str, tuple[float, str]] = {}
    print(
        f"{'case':40} {'step':10} {'size':>9} {'s':>8} {'x base':>7} {'peak MB':>7} "
        f"{'x base':>7}  outcome"
    )
    for name, build in CASES.items():
        if only and not any(part in name for part in only):
            continue
        text = build()
        for step in STEPS:
            key = (step, len(text))
            if key not in baselines:
                baselines[key] = measure(step, ordinary(len(text)), timeout)
            base, hostile = baselines[key], measure(step, text, timeout)
            print(
                f"{name:40} {step:10} {len(text):9,} {_seconds(hostile.seconds)} "
                f"{_ratio(hostile.seconds, base.seconds):>7} {_megabytes(hostile.peak)} "
                f"{_ratio(hostile.peak, base.peak):>7}  {hostile.outcome[:70]}",
                flush=True,
            )
            print(
                f"{'  baseline (ordinary article)':40} {step:10} {len(text):9,} "
                f"{_seconds(base.seconds)} {'':7} {_megabytes(base.peak)} {'':7}  "
                f"{base.outcome[:70]}",
                flush=True,
            )
            seconds = hostile.seconds if hostile.seconds is not None else timeout
            if seconds >= worst.get(f"{step} time", (0.0, ""))[0]:
                worst[f"{step} time"] = (seconds, name)
            if hostile.peak is not None and hostile.peak >= worst.get(f"{step} peak", (0, ""))[0]:
                worst[f"{step} peak"] = (hostile.peak, name)
    print()
    for label, (value, name) in worst.items():
        shown = f"{value:.3f} s" if label.endswith("time") else f"{value / 1e6:.1f} MB"
        print(f"worst {label}: {shown} ({name})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", nargs="*", default=[], help="cases whose name contains this")
    arguments = parser.parse_args()
    main(arguments.timeout, arguments.only)
