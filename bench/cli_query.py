"""A CLI query from start to exit: wall time and peak memory of `briefbot actor` and `date`.

    .venv/bin/python -m bench.cli_query [--runs 5]

Each query runs `--runs` times as its own process on a store of the seeds (built once in a
temporary folder), after one untimed run that fills the disk cache. The same-run baseline is
`python -c pass` through the same interpreter: the ratio says how many interpreter start-ups a
query costs, which stays comparable on a shared, noisy machine. Target (issue 11): a median
under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEFBOT = Path(sys.executable).with_name("briefbot")
TARGET_S = 0.3
QUERIES = {
    'briefbot actor "Masrour Barzani"': ["actor", "Masrour Barzani"],
    "briefbot date 2021-11": ["date", "2021-11"],
}


def timed_run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one run of `command` (its output
    discarded)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(command: list[str], runs: int) -> tuple[float, float, float]:
    """The median wall and CPU seconds and the largest peak MB over `runs` runs, after a
    warm-up run."""
    timed_run(command)
    walls, cpus, peaks = zip(*(timed_run(command) for _ in range(runs)), strict=True)
    return statistics.median(walls), statistics.median(cpus), max(peaks)


def build_seeds_store(db_path: Path) -> None:
    seeds = [sys.executable, "-m", "bot.cli", "--db", str(db_path), "ingest", "seeds"]
    subprocess.run(seeds, cwd=ROOT, check=True, capture_output=True)


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "seeds.db"
        build_seeds_store(db_path)
        base_s, base_cpu, base_mb = measure([sys.executable, "-c", "pass"], runs)
        print(f"CLI query on the seeds store, median of {runs} runs (one warm-up run first)")
        print(f"{'command':34} {'wall':>7} {'ratio':>6} {'CPU':>7} {'ratio':>6} {'peak MB':>8}")
        print(
            f"{'python -c pass (baseline)':34} {base_s:6.3f}s {1:5.1f}x {base_cpu:6.3f}s"
            f" {1:5.1f}x {base_mb:8.0f}"
        )
        for label, arguments in QUERIES.items():
            command = [str(BRIEFBOT), "--db", str(db_path), *arguments]
            seconds, cpu, peak_mb = measure(command, runs)
            verdict = "met" if seconds < TARGET_S else "MISSED"
            print(
                f"{label:34} {seconds:6.3f}s {seconds / base_s:5.1f}x {cpu:6.3f}s"
                f" {cpu / base_cpu:5.1f}x {peak_mb:8.0f}  wall < {TARGET_S} s: {verdict}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    main(parser.parse_args().runs)
