"""Plots of the extra analyses, in the style of ``drawing`` (object API, Agg, no pyplot)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from digits_hypothesis import drawing
from digits_hypothesis.drawing import RIGHT, THRESHOLD

SEED_GREY = "#7f7f7f"
SERIES = ["#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]


def sensitivity(grid: list[dict], threshold: float, claim: tuple | None) -> Figure:
    """Mean accuracy over the (gamma, C) grid, the threshold as a contour, verdicts marked."""
    gammas = sorted({g["gamma"] for g in grid})
    cs = sorted({g["C"] for g in grid})
    mean = np.full((len(gammas), len(cs)), np.nan)
    for g in grid:
        mean[gammas.index(g["gamma"]), cs.index(g["C"])] = g["mean_accuracy"]
    fig = Figure(figsize=(1.1 * len(cs) + 2.8, 0.75 * len(gammas) + 1.8))
    ax = fig.add_subplot()
    low = min(float(np.nanmin(mean)), threshold - 0.02)
    image = ax.imshow(mean, cmap="viridis", vmin=low, vmax=1.0, aspect="auto", origin="lower")
    colourbar = fig.colorbar(image, ax=ax)
    colourbar.set_label("mean test accuracy")
    colourbar.ax.axhline(threshold, color=THRESHOLD, linewidth=2)
    if len(gammas) > 1 and len(cs) > 1 and np.nanmin(mean) < threshold < np.nanmax(mean):
        ax.contour(
            np.arange(len(cs)),
            np.arange(len(gammas)),
            mean,
            levels=[threshold],
            colors=THRESHOLD,
            linewidths=2.5,
        )
    for g in grid:
        row, col = gammas.index(g["gamma"]), cs.index(g["C"])
        mark = {"supported": "✓", "refuted": "✗"}.get(g["verdict"], "?")
        light = g["mean_accuracy"] < (low + 1.0) / 2
        ax.text(
            col,
            row,
            f"{g['mean_accuracy']:.1%}\n{mark}",
            ha="center",
            va="center",
            fontsize=8,
            color="white" if light else "black",
        )
    if claim is not None and claim[0] in gammas and claim[1] in cs:
        row, col = gammas.index(claim[0]), cs.index(claim[1])
        ax.add_patch(_box(col, row, edgecolor="white", linewidth=3))
    ax.set_xticks(range(len(cs)), [f"{c:g}" for c in cs])
    ax.set_yticks(range(len(gammas)), [f"{g:g}" for g in gammas])
    ax.set_xlabel("C  (white box: the claim's gamma and C)")
    ax.set_ylabel("gamma")
    ax.set_title(
        f"SVC mean accuracy; orange: {threshold:g}\n✓ supported  ? inconclusive  ✗ refuted",
        fontsize=9,
    )
    fig.tight_layout()
    return fig


def _box(x, y, **kwargs):
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.5, y - 0.5), 1, 1, fill=False, **kwargs)


def learning_curve(rows: list[dict], sizes: list[dict], threshold: float) -> Figure:
    """Accuracy of every split against the training size, the mean, and the threshold."""
    fig = Figure(figsize=(7.5, 4.2))
    ax = fig.add_subplot()
    for r in rows:
        ax.plot([r["n_train"]] * 2, [r["ci_low"], r["ci_high"]], color="#bdbdbd", linewidth=1)
        ax.plot(
            r["n_train"],
            r["accuracy"],
            "o",
            markersize=4,
            color=RIGHT if r["verdict"] == "supported" else SEED_GREY,
        )
    ax.plot(
        [s["n_train"] for s in sizes],
        [s["mean_accuracy"] for s in sizes],
        "-",
        color="black",
        linewidth=1.5,
        label="mean over seeds",
    )
    ax.axhline(
        threshold,
        color=THRESHOLD,
        linestyle="--",
        linewidth=1.5,
        label=f"claimed accuracy {threshold:g}",
    )
    ax.plot([], [], "o", color=RIGHT, markersize=4, label="split supports the claim")
    ax.plot([], [], "o", color=SEED_GREY, markersize=4, label="split does not")
    ax.set_xscale("log")
    ticks = [s["n_train"] for s in sizes]
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.minorticks_off()
    ax.set_xlabel("training images (the first N of each training part)")
    ax.set_ylabel("test accuracy (grey: confidence intervals)")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def comparison(by_model: dict[str, list[float]], claim_mean: float, threshold: float) -> Figure:
    """Each model's accuracy per split (dots) and mean (bar), the claim's model first."""
    names = list(by_model)
    fig = Figure(figsize=(7.5, 0.55 * len(names) + 1.5))
    ax = fig.add_subplot()
    for row, name in enumerate(names):
        values = by_model[name]
        offsets = np.linspace(-0.2, 0.2, len(values)) if len(values) > 1 else [0.0]
        colour = "black" if row == 0 else SERIES[(row - 1) % len(SERIES)]
        ax.plot(np.asarray(values), row + np.asarray(offsets), "o", markersize=4, color=colour)
        mean = float(np.mean(values))
        ax.plot([mean, mean], [row - 0.35, row + 0.35], color=colour, linewidth=2.5)
    ax.axvline(claim_mean, color="black", linestyle=":", linewidth=1, label="claim's model mean")
    drawing.finish_rows(
        ax, names, threshold, "test accuracy on the same splits (dots: seeds, bar: mean)"
    )
    return fig


def power(curves: dict[float, tuple], table: list[dict], target: float, cases: dict) -> Figure:
    """Power against test-set size for each assumed true accuracy (a saw-tooth), the target,
    the smallest sizes reaching it, and the test-set sizes of the hypothesis cases."""
    fig = Figure(figsize=(7.5, 4.4))
    ax = fig.add_subplot()
    for index, (true_accuracy, (sizes, values)) in enumerate(curves.items()):
        colour = SERIES[index % len(SERIES)]
        ax.plot(sizes, values, color=colour, linewidth=1, label=f"true accuracy {true_accuracy:g}")
        row = next(r for r in table if r["true_accuracy"] == true_accuracy)
        if row["min_n_test"] is not None:
            ax.plot(row["min_n_test"], row["power"], "o", color=colour, markersize=6)
    ax.axhline(target, color=THRESHOLD, linestyle="--", linewidth=1.5, label=f"target {target:g}")
    top = max(len(sizes) for sizes, _ in curves.values())
    for name, n_test in sorted(cases.items(), key=lambda item: item[1]):
        if n_test <= top:
            ax.axvline(n_test, color="#bdbdbd", linewidth=1, zorder=0)
            ax.text(n_test, 0.02, f" {name}", rotation=90, fontsize=7, color=SEED_GREY)
    ax.set_xlabel("test images n")
    ax.set_ylabel("probability that the exact test supports the claim")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="center right", fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def cost(rows: list[dict]) -> Figure:
    """Wall time (summed over jobs) and peak memory (largest job) per rule."""
    rows = list(rows)
    fig = Figure(figsize=(8.5, 0.32 * len(rows) + 1.4))
    left, right = fig.subplots(1, 2, sharey=True)
    y = np.arange(len(rows))
    left.barh(y, [r["wall_s_sum"] or 0 for r in rows], color="#4575b4")
    left.set_yticks(y, [f"{r['rule']} ({r['jobs']})" for r in rows], fontsize=8)
    left.invert_yaxis()
    left.set_xlabel("wall time, all jobs (s)")
    right.barh(y, [r["max_rss_mb_max"] or 0 for r in rows], color="#d73027")
    right.set_xlabel("peak memory, largest job (MB)")
    for ax in (left, right):
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle("Cost of this run per rule (jobs in brackets)", fontsize=10)
    fig.tight_layout()
    return fig
