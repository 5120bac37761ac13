"""Cost of the run: wall time and peak memory per rule, from the benchmark file of every job
but the report (which comes after) and this step itself.

Step: ``cost`` (table and figure); the report's section, placed at the end. The
benchmark files read and grouped with pandas; the figure is plots/cost.py.
"""

from __future__ import annotations

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


def by_rule(paths: list[str]):
    """Per rule (a DataFrame of TABLE): jobs, wall time (sum, max) and peak memory (sum,
    max), longest total first."""
    import pandas as pd

    if not paths:
        return pd.DataFrame(columns=TABLE.columns)
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
    return table


def report(files: dict, data: dict) -> dict:
    rows = TABLE.read(files["csv"])
    return {
        "plot": files["plot"],
        "rows": rows,
        "jobs": sum(r["jobs"] for r in rows),
        "wall_s": sum(r["wall_s_sum"] or 0 for r in rows),
        "peak_mb": max((r["max_rss_mb_max"] or 0 for r in rows), default=0),
    }
