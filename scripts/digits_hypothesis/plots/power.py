"""The power curves (seaborn): the chance that one split's exact test supports the claim
against the test-set size, per assumed true accuracy (a saw-tooth), the target, the
smallest sizes reaching it and the test-set sizes of the hypothesis cases."""

from __future__ import annotations

from matplotlib.figure import Figure

from digits_hypothesis.plots.style import SEED_GREY, SERIES, THRESHOLD, study_theme

sns = study_theme()


def figure(curve, table, target: float, sizes_of_cases: dict, nouns="images") -> Figure:
    """``curve``: a DataFrame of power_curve.csv; ``table``: one of power.csv (min_n_test
    empty where the target is not reached)."""
    accuracies = list(dict.fromkeys(curve["true_accuracy"]))
    curve = curve.assign(label=[f"true accuracy {a:g}" for a in curve["true_accuracy"]])
    palette = {f"true accuracy {a:g}": SERIES[i % len(SERIES)] for i, a in enumerate(accuracies)}
    fig = Figure(figsize=(7.5, 4.4))
    ax = fig.add_subplot()
    sns.lineplot(
        data=curve,
        x="n_test",
        y="power",
        hue="label",
        palette=palette,
        errorbar=None,
        estimator=None,
        linewidth=1,
        ax=ax,
    )
    reached = table.dropna(subset=["min_n_test"])
    for _, r in reached.iterrows():
        ax.plot(
            r["min_n_test"], r["power"], "o", color=palette[f"true accuracy {r['true_accuracy']:g}"]
        )
    ax.axhline(target, color=THRESHOLD, linestyle="--", linewidth=1.5, label=f"target {target:g}")
    top = int(curve["n_test"].max())
    for name, n_test in sorted(sizes_of_cases.items(), key=lambda item: item[1]):
        if n_test <= top:
            ax.axvline(n_test, color="#bdbdbd", linewidth=1, zorder=0)
            ax.text(n_test, 0.02, f" {name}", rotation=90, fontsize=9, color=SEED_GREY)
    ax.set_xlabel(f"test {nouns} n")
    ax.set_ylabel("probability that the exact test\nsupports the claim")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="center right")
    fig.tight_layout()
    return fig
