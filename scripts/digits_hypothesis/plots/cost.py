"""The cost of the run (seaborn): wall time (summed over jobs) and peak memory (largest job)
per rule, the costliest first."""

from __future__ import annotations

from matplotlib.figure import Figure

from digits_hypothesis.plots.style import study_theme

sns = study_theme()


def figure(rows) -> Figure:
    """``rows``: a DataFrame of cost.csv, in its order."""
    rows = rows.assign(
        label=[f"{r} ({j})" for r, j in zip(rows["rule"], rows["jobs"])],
        wall=rows["wall_s_sum"].fillna(0),
        memory=rows["max_rss_mb_max"].fillna(0),
    )
    fig = Figure(figsize=(8.5, 0.32 * len(rows) + 1.4))
    left, right = fig.subplots(1, 2, sharey=True)
    sns.barplot(data=rows, x="wall", y="label", color="#4575b4", errorbar=None, ax=left)
    sns.barplot(data=rows, x="memory", y="label", color="#d73027", errorbar=None, ax=right)
    left.set_xlabel("wall time, all jobs (s)")
    right.set_xlabel("peak memory, largest job (MB)")
    for ax in (left, right):
        ax.set_ylabel("")
        ax.tick_params(axis="y", labelsize=9)
    fig.suptitle("Cost of this run per rule (jobs in brackets)", fontsize=10)
    fig.tight_layout()
    return fig
