"""Cost of the run: wall time and peak memory per rule, from the benchmark file of every job
but the report (which comes after) and this step itself.

Step: ``cost`` (table and figure); the report's section, placed at the end. The
benchmark files read and grouped with pandas; the figure imports what it draws with.
"""

from __future__ import annotations

from pathlib import Path

from digits_hypothesis.tables import Table, records

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


def read_benchmarks(paths: list[str]):
    """One row per job: its rule, wall time (s) and peak resident memory (MB); NaN where
    Snakemake could not measure (it writes NA, or "-" on some platforms)."""
    import pandas as pd

    jobs = pd.concat(
        [pd.read_csv(p, sep="\t", usecols=["s", "max_rss"], dtype=str).head(1) for p in paths],
        ignore_index=True,
    )
    jobs = jobs.apply(pd.to_numeric, errors="coerce").replace([float("inf")], float("nan"))
    return jobs.assign(rule=[benchmark_rule(p) for p in paths])


def by_rule(paths: list[str]) -> list[dict]:
    """Per rule: jobs, wall time (sum, max) and peak memory (sum, max), longest total first."""
    import pandas as pd

    if not paths:
        return []
    grouped = read_benchmarks(paths).groupby("rule")
    table = pd.DataFrame(
        {
            "jobs": grouped.size(),
            "wall_s_sum": grouped["s"].sum(min_count=1).round(4),
            "wall_s_max": grouped["s"].max().round(4),
            "max_rss_mb_sum": grouped["max_rss"].sum(min_count=1).round(2),
            "max_rss_mb_max": grouped["max_rss"].max().round(2),
        }
    ).reset_index()
    table = table.sort_values(
        ["wall_s_sum", "rule"], key=lambda c: -c.fillna(0) if c.name != "rule" else c
    )
    return records(table)


def figure(rows: list[dict]):
    """Wall time (summed over jobs) and peak memory (largest job) per rule."""
    import numpy as np
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.5, 0.32 * len(rows) + 1.4))
    left, right = fig.subplots(1, 2, sharey=True)
    y = np.arange(len(rows))
    left.barh(y, [r["wall_s_sum"] or 0 for r in rows], color="#4575b4")
    left.set_yticks(y, [f"{r['rule']} ({r['jobs']})" for r in rows], fontsize=9)
    left.invert_yaxis()
    left.set_xlabel("wall time, all jobs (s)")
    right.barh(y, [r["max_rss_mb_max"] or 0 for r in rows], color="#d73027")
    right.set_xlabel("peak memory, largest job (MB)")
    for ax in (left, right):
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle("Cost of this run per rule (jobs in brackets)", fontsize=10)
    fig.tight_layout()
    return fig


def report(files: dict, data: dict) -> dict:
    rows = TABLE.read(files["csv"])
    return {
        "plot": files["plot"],
        "rows": rows,
        "jobs": sum(r["jobs"] for r in rows),
        "wall_s": sum(r["wall_s_sum"] or 0 for r in rows),
        "peak_mb": max((r["max_rss_mb_max"] or 0 for r in rows), default=0),
    }
