"""The learning curve (seaborn): each seed's accuracy against the training size, faint, and
each size's mean with the interval of its test (from learning_curve_sizes.csv: corrected t
over the seeds, never seaborn's bootstrap, which would ignore that the splits overlap)."""

from __future__ import annotations

from matplotlib.figure import Figure

from digits_hypothesis.plots.style import RIGHT, SEED_GREY, claimed_line, study_theme

sns = study_theme()


def figure(rows, sizes, threshold: float, nouns: str = "images") -> Figure:
    """``rows``: a DataFrame of learning_curve.csv (one row per size and seed); ``sizes``:
    one of learning_curve_sizes.csv (mean_accuracy, ci_low, ci_high per size)."""
    rows = rows.assign(
        split=[
            "split supports the claim" if v == "supported" else "split does not"
            for v in rows["verdict"]
        ]
    )
    fig = Figure(figsize=(7.5, 4.2))
    ax = fig.add_subplot()
    sns.scatterplot(
        data=rows,
        x="n_train",
        y="accuracy",
        hue="split",
        palette={"split supports the claim": RIGHT, "split does not": SEED_GREY},
        s=20,
        alpha=0.6,
        linewidth=0,
        ax=ax,
    )
    sns.lineplot(
        data=sizes,
        x="n_train",
        y="mean_accuracy",
        errorbar=None,  # the interval is the workflow's (below), not a bootstrap
        color="black",
        linewidth=1.5,
        marker="o",
        markersize=5,
        label="mean over seeds",
        ax=ax,
    )
    banded = sizes.dropna(subset=["ci_low", "ci_high"])
    ax.fill_between(
        banded["n_train"],
        banded["ci_low"],
        banded["ci_high"],
        color="black",
        alpha=0.12,
        linewidth=0,
        label="interval of the mean (corrected t)",
    )
    claimed_line(ax, threshold, vertical=False)
    ax.set_xscale("log")
    ticks = list(sizes["n_train"])
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.minorticks_off()
    ax.set_xlabel(f"training {nouns} (the first N of each training part)")
    ax.set_ylabel("test accuracy")
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig
