"""The figures of the hypothesis study as a whole (seaborn, the shared theme): every split's
accuracy per case with the case's own interval, and each case's summed confusion matrix."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import PowerNorm
from matplotlib.figure import Figure

from digits_hypothesis.metrics import METRICS
from digits_hypothesis.plots.style import (
    RASTERIZE_ABOVE,
    RIGHT,
    claimed_line,
    study_theme,
)

sns = study_theme()
NOT_SUPPORTED = "#4d4d4d"
CASE_MARK = "black"


def accuracy_by_case(
    splits, cases: dict[str, dict], threshold: float, metric: str = "accuracy"
) -> Figure:
    """Each split's accuracy (dots, its own Clopper-Pearson interval in grey), one row per
    case, and under the dots the case's mean with the interval of the test that decides it
    (``cases``: hypothesis.json's, ``ci_low``/``ci_high``). That interval is the workflow's,
    never a bootstrap over the splits: the splits overlap, so their accuracies are correlated
    and a bootstrap would draw the interval too narrow.

    ``splits``: a DataFrame of summary.csv (case, accuracy, ci_low, ci_high, verdict).
    For a claim on another metric (hypothesis.metric), the dots are its ``metric_value``,
    their intervals its percentile bootstrap, and the case marks its mean."""
    names = list(cases)
    row = {name: index for index, name in enumerate(names)}
    splits = splits[splits["case"].isin(names)].copy()
    # Dots spread over the upper part of the row, in seed order (no random jitter: the same
    # figure gives the same bytes); the case's interval under them.
    position = splits.groupby("case", sort=False).cumcount()
    size = splits.groupby("case", sort=False)["case"].transform("size")
    spread = np.where(size > 1, position / (size - 1).clip(lower=1), 0.5)
    splits["y"] = splits["case"].map(row) - 0.32 + 0.42 * spread
    splits["split"] = np.where(
        splits["verdict"] == "supported", "split supports the claim", "split does not"
    )
    many = len(splits) > RASTERIZE_ABOVE
    fig = Figure(figsize=(7.5, 0.7 * len(names) + 2.0), layout="constrained")
    ax = fig.add_subplot()
    ax.hlines(
        splits["y"],
        splits["ci_low"],
        splits["ci_high"],
        colors="#b0b0b0",
        linewidth=1,
        rasterized=many,
    )
    sns.scatterplot(
        data=splits,
        x="accuracy" if metric == "accuracy" else "metric_value",
        y="y",
        hue="split",
        palette={"split supports the claim": RIGHT, "split does not": NOT_SUPPORTED},
        s=18,
        linewidth=0,
        legend=False,
        rasterized=many,
        zorder=3,
        ax=ax,
    )
    mean_key = "mean_accuracy" if metric == "accuracy" else "mean_value"
    mean = np.array([cases[name][mean_key] for name in names])
    low = np.array([cases[name]["ci_low"] for name in names])
    high = np.array([cases[name]["ci_high"] for name in names])
    ax.errorbar(
        mean,
        np.arange(len(names)) + 0.3,
        xerr=[mean - low, high - mean],
        fmt="D",
        markersize=5,
        color=CASE_MARK,
        elinewidth=2,
        capsize=4,
        zorder=4,
        label="case mean and its interval (the case's test)",
    )
    ax.scatter([], [], s=18, color=RIGHT, label="split supports the claim")
    ax.scatter([], [], s=18, color=NOT_SUPPORTED, label="split does not (grey: its interval)")
    claimed_line(ax, threshold, what=METRICS[metric])
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(len(names) - 0.5, -0.5)  # first case at the top
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(f"test {METRICS[metric]}")
    ax.set_ylabel("")
    fig.legend(loc="outside lower center", ncols=2)  # under the axes: no mark hidden
    return fig


def _count(n: int) -> str:
    """A count short enough for a cell: 999, 1.2k, 46k, 1.3M (the table has them exact)."""
    if n == 0:
        return ""
    if n < 1000:
        return str(n)
    if n < 10_000:
        return f"{n / 1000:.1f}k"
    if n < 1_000_000:
        return f"{n / 1000:.0f}k"
    return f"{n / 1_000_000:.1f}M"


def confusion_by_case(table, classes: list[str], columns: int = 2) -> Figure:
    """One panel per case: its splits' confusion matrices summed (counts written in the
    cells), shaded by the share of the true class's row on a cube-root scale, as the
    report's tables are, so that a few mistakes show.

    ``table``: a DataFrame of confusion_by_case.csv (case, true_label, predicted_label,
    count; zero cells left out); ``classes``: the class names, codes 0..K-1."""
    cases = list(dict.fromkeys(table["case"]))
    k = len(classes)
    columns = max(1, min(columns, len(cases)))
    rows = max(1, math.ceil(len(cases) / columns))
    side = 0.3 * k + 1.0
    fig = Figure(figsize=(side * columns + 1.0, (side + 0.3) * rows), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, columns, squeeze=False)).ravel()
    norm = PowerNorm(gamma=1 / 3, vmin=0, vmax=1)
    labels = [str(c) for c in classes]
    for ax, case in zip(axes, cases):
        cells = table[table["case"] == case]
        counts = (
            cells.pivot_table(
                index="true_label", columns="predicted_label", values="count", aggfunc="sum"
            )
            .reindex(index=range(k), columns=range(k))
            .fillna(0)
            .astype(int)
        )
        totals = counts.sum(axis=1).replace(0, 1)
        share = counts.div(totals, axis=0)
        sns.heatmap(
            share,
            annot=counts.map(_count),
            fmt="",
            annot_kws={"fontsize": 9},
            cmap="Blues",
            norm=norm,
            cbar=False,
            square=True,
            linewidths=0.5,
            linecolor="white",
            rasterized=True,  # the cells as pixels (the counts stay text): a third the bytes
            xticklabels=labels,
            yticklabels=labels,
            ax=ax,
        )
        ax.set_title(f"{case}: {int(counts.to_numpy().sum()):,} test images", fontsize=10)
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        ax.tick_params(labelsize=9, length=0)
        ax.tick_params(axis="y", labelrotation=0)
    for ax in axes[len(cases) :]:
        ax.set_axis_off()
    colourbar = fig.colorbar(axes[0].collections[0], ax=axes.tolist(), shrink=0.6)
    colourbar.set_label("share of the row (cube-root scale)", fontsize=10)
    colourbar.ax.tick_params(labelsize=9)
    return fig
