"""The model comparison (seaborn): each model's accuracy on the same splits (dots, one per
seed) and its mean (bar), the claim's model first, against the threshold."""

from __future__ import annotations

from matplotlib.figure import Figure

from digits_hypothesis.plots.style import SERIES, claimed_line, study_theme

sns = study_theme()


def figure(pairs, threshold: float) -> Figure:
    """``pairs``: a DataFrame of comparison.csv (the claim's model's rows first)."""
    names = list(dict.fromkeys(pairs["model"]))
    palette = {
        name: "black" if i == 0 else SERIES[(i - 1) % len(SERIES)] for i, name in enumerate(names)
    }
    means = pairs.groupby("model", sort=False)["accuracy"].mean()
    fig = Figure(figsize=(7.5, 0.55 * len(names) + 1.9), layout="constrained")
    ax = fig.add_subplot()
    sns.stripplot(
        data=pairs,
        x="accuracy",
        y="model",
        hue="model",
        order=names,
        palette=palette,
        jitter=False,  # random jitter would change the bytes from run to run
        size=5,
        alpha=0.7,
        legend=False,
        ax=ax,
    )
    for row, name in enumerate(names):
        ax.plot([means[name]] * 2, [row - 0.35, row + 0.35], color=palette[name], linewidth=2.5)
    ax.axvline(
        means[names[0]], color="black", linestyle=":", linewidth=1, label="claim's model mean"
    )
    claimed_line(ax, threshold)
    ax.set_xlabel("test accuracy on the same splits (dots: seeds, bar: mean)")
    ax.set_ylabel("")
    fig.legend(loc="outside lower center", ncols=2)  # under the axes: no dot hidden
    return fig
