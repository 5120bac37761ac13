"""Cost of the run: wall time and peak memory per rule, from the benchmark file of every job
but the report (which comes after) and this step itself.

Step: ``cost`` (table and figure); the report's section, placed at the end. Standard
library for the numbers; the figure is plots/cost.py.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from digits_hypothesis.tables import Table

TABLE = Table(
    rule=str,
    jobs=int,
    wall_s_sum=float,
    wall_s_max=float,
    max_rss_mb_sum=float,
    max_rss_mb_max=float,
)


def check(config: dict, cases: dict) -> None:
    """Nothing to check: cost has no settings."""


def benchmark_rule(path: str) -> str:
    """The rule (or batch step) of a benchmark file: its first folder or name under
    ``benchmarks/``: ``.../benchmarks/fit/seeds_0_4.tsv`` -> ``fit``, ``.../report.tsv`` ->
    ``report``."""
    parts = Path(path).parts
    first = parts[len(parts) - 1 - parts[::-1].index("benchmarks") + 1]
    return first.removesuffix(".tsv")


def read_benchmark(path: str) -> dict:
    """Wall time (s) and peak resident memory (MB) of one job; None where not measured."""
    with open(path, newline="", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle, delimiter="\t"))
    return {"s": _number(row.get("s")), "max_rss": _number(row.get("max_rss"))}


def _number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def by_rule(paths: list[str]) -> list[dict]:
    """Per rule: jobs, wall time (sum, max) and peak memory (sum, max), longest total first."""
    grouped: dict[str, list[dict]] = {}
    for path in paths:
        grouped.setdefault(benchmark_rule(path), []).append(read_benchmark(path))
    rows = []
    for rule, jobs in grouped.items():
        seconds = [j["s"] for j in jobs if j["s"] is not None]
        memory = [j["max_rss"] for j in jobs if j["max_rss"] is not None]
        rows.append(
            {
                "rule": rule,
                "jobs": len(jobs),
                "wall_s_sum": round(sum(seconds), 4) if seconds else None,
                "wall_s_max": round(max(seconds), 4) if seconds else None,
                "max_rss_mb_sum": round(sum(memory), 2) if memory else None,
                "max_rss_mb_max": round(max(memory), 2) if memory else None,
            }
        )
    rows.sort(key=lambda r: (-(r["wall_s_sum"] or 0), r["rule"]))
    return rows


def report(files: dict, data: dict) -> dict:
    rows = TABLE.read(files["csv"])
    return {
        "plot": files["plot"],
        "rows": rows,
        "jobs": sum(r["jobs"] for r in rows),
        "wall_s": sum(r["wall_s_sum"] or 0 for r in rows),
        "peak_mb": max((r["max_rss_mb_max"] or 0 for r in rows), default=0),
    }
