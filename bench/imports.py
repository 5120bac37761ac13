"""Benchmark: what importing a package costs a job, to decide where pandas and seaborn go.

    python bench/imports.py            # 7 fresh processes per line (about a minute)
    python bench/imports.py --runs 15

Each line imports its modules in a fresh Python process (``python -X importtime``, the
total of the top-level imports) and prints the median against a bare interpreter's start,
and for the per-split batch jobs the share pandas or seaborn would add to what the job
already imports. Timings never go into tests.
"""

import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
# What each kind of job imports before it works (its script's imports, as it runs them).
JOBS = {
    "score (per split batch)": ["digits_hypothesis.verdict", "digits_hypothesis.study"],
    "plot (per split batch)": ["digits_hypothesis.plots.splits", "digits_hypothesis.cached_data"],
    "fit (per split batch)": ["digits_hypothesis.fitting", "digits_hypothesis.models"],
}
PACKAGES = [
    "numpy",
    "pandas",
    "matplotlib.figure",
    "seaborn",
    "scipy.special",
    "scipy.stats",
    "sklearn.svm",
    "skops.io",
    "snakemake.script",
]
ADDED = {"score (per split batch)": "pandas", "plot (per split batch)": "seaborn"}


def import_seconds(modules: list[str]) -> float:
    """Seconds the imports of ``modules`` take in a fresh interpreter (cumulative time of
    each top-level import, summed)."""
    code = "; ".join(f"import {m}" for m in modules) or "pass"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=SCRIPTS,
        capture_output=True,
        text=True,
        check=True,
    )
    total = 0
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$", line)
        if match:  # a top-level import (nested ones are indented)
            total += int(match.group(1))
    return total / 1e6


def median(modules: list[str], runs: int) -> float:
    return statistics.median(import_seconds(modules) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    print(f"{'imports':42} {'median s':>9}")
    for name in PACKAGES:
        print(f"{name:42} {median([name], runs):9.2f}")
    print(f"\n{'job kind':28} {'imports s':>9} {'+ added':>14} {'ratio':>6}")
    for job, modules in JOBS.items():
        alone = median(modules, runs)
        added = ADDED.get(job)
        if added:
            more = median([*modules, added], runs)
            print(f"{job:28} {alone:9.2f} {more:5.2f} +{added:<8} {more / alone:5.2f}x")
        else:
            print(f"{job:28} {alone:9.2f}")


if __name__ == "__main__":
    main()
