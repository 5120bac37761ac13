"""Power: how many test images the exact one-sided binomial test needs to support the claim
with the target probability, if the true accuracy were each of a few values; and the power
of each case's own test set.

Steps: ``power`` (numbers), ``plot_power``; the report's section. Heavy imports live inside
the functions.
"""

from __future__ import annotations

from digits_hypothesis import study
from digits_hypothesis.settings import ConfigError
from digits_hypothesis.tables import Table, boolean

REPORT_PLACE = "findings"

TABLE = Table(true_accuracy=float, min_n_test=int, power=float)
CURVE = Table(true_accuracy=float, n_test=int, critical_count=int, power=float)
CASES = Table(
    case=str, n_test=int, true_accuracy=float, power=float, min_n_test=int, enough=boolean
)


def check(config: dict, cases: dict) -> None:
    """The power table's true accuracies follow the claim: those at or below the threshold
    are left out (the report says so); none above it is an error."""
    threshold = config["hypothesis"]["threshold"]
    if not any(p > threshold for p in config["power"]["true_accuracy"]):
        raise ConfigError(
            "power.true_accuracy",
            f"{config['power']['true_accuracy']} are not above the claimed accuracy "
            f"{threshold}: the test cannot be expected to support a claim that is false; "
            "give at least one true accuracy above it",
        )


def case_sizes(cases: dict, n_rows: int) -> dict[str, int]:
    """Each case's test-set size."""
    return {name: study.n_test_for(case["test_size"], n_rows) for name, case in cases.items()}


def critical_counts(sizes, threshold: float, alpha: float):
    """Per test-set size n, the smallest k with P(X >= k | n, threshold) < alpha (n + 1 when
    even k = n does not reject). Vectorised over n, checked against the direct search."""
    import numpy as np
    from scipy import stats as sp

    sizes = np.asarray(sizes, dtype=np.int64)
    guess = np.asarray(sp.binom.isf(alpha, sizes, threshold), dtype=np.int64) + 1
    for _ in range(3):  # isf is exact up to rounding at the boundary: settle it
        too_low = sp.binom.sf(guess - 1, sizes, threshold) >= alpha
        guess = np.where(too_low, guess + 1, guess)
        too_high = (guess > 0) & (sp.binom.sf(guess - 2, sizes, threshold) < alpha)
        guess = np.where(too_high, guess - 1, guess)
    return np.minimum(guess, sizes + 1)


def power_curve(max_n: int, threshold: float, alpha: float, true_accuracy: float):
    """Test-set sizes 1..max_n, their critical counts, and the power at each."""
    import numpy as np
    from scipy import stats as sp

    sizes = np.arange(1, max_n + 1)
    critical = critical_counts(sizes, threshold, alpha)
    power = np.where(critical <= sizes, sp.binom.sf(critical - 1, sizes, true_accuracy), 0.0)
    return sizes, critical, power


def smallest_n(sizes, power, target: float) -> tuple[int | None, float]:
    """The first n whose power reaches the target (power is a saw-tooth in n)."""
    import numpy as np

    reached = np.nonzero(power >= target)[0]
    if len(reached) == 0:
        return None, float(power.max())
    return int(sizes[reached[0]]), float(power[reached[0]])


def compute(true_accuracies, threshold, alpha, target, max_n, sizes_of_cases: dict):
    """The table (smallest n per true accuracy), the cases' power, and the curves to plot
    (up to a little past the largest size that matters). A true accuracy at or below the
    threshold, under which the claim is false, gets a table row with neither (left out)."""
    curves, table, cases = {}, [], []
    for true_accuracy in sorted(true_accuracies):
        if true_accuracy <= threshold:
            table.append({"true_accuracy": true_accuracy, "min_n_test": None, "power": None})
            continue
        sizes, critical, power = power_curve(max_n, threshold, alpha, true_accuracy)
        curves[true_accuracy] = (sizes, critical, power)
        min_n, reached = smallest_n(sizes, power, target)
        table.append({"true_accuracy": true_accuracy, "min_n_test": min_n, "power": reached})
        for case, n_test in sizes_of_cases.items():
            case_power = float(power[n_test - 1]) if n_test <= max_n else None
            cases.append(
                {
                    "case": case,
                    "n_test": n_test,
                    "true_accuracy": true_accuracy,
                    "power": case_power,
                    "min_n_test": min_n,
                    "enough": case_power is not None and case_power >= target,
                }
            )
    needed = [row["min_n_test"] or max_n for row in table if row["power"] is not None]
    needed += list(sizes_of_cases.values())
    shown = min(max_n, int(max(needed) * 1.15) + 10)
    curve = [
        {
            "true_accuracy": true_accuracy,
            "n_test": int(n),
            "critical_count": int(k) if k <= n else None,
            "power": float(p),
        }
        for true_accuracy, (sizes, critical, power) in curves.items()
        for n, k, p in zip(sizes[:shown], critical[:shown], power[:shown])
    ]
    return table, cases, curve


def figure(
    curve: list[dict], table: list[dict], target: float, sizes_of_cases: dict, nouns="images"
):
    """Power against test-set size for each assumed true accuracy (a saw-tooth), the target,
    the smallest sizes reaching it, and the test-set sizes of the hypothesis cases."""
    from matplotlib.figure import Figure

    from digits_hypothesis.drawing import SEED_GREY, SERIES, THRESHOLD

    curves: dict[float, tuple[list, list]] = {}
    for r in curve:
        sizes, values = curves.setdefault(r["true_accuracy"], ([], []))
        sizes.append(r["n_test"])
        values.append(r["power"])
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
    for name, n_test in sorted(sizes_of_cases.items(), key=lambda item: item[1]):
        if n_test <= top:
            ax.axvline(n_test, color="#bdbdbd", linewidth=1, zorder=0)
            ax.text(n_test, 0.02, f" {name}", rotation=90, fontsize=9, color=SEED_GREY)
    ax.set_xlabel(f"test {nouns} n")
    ax.set_ylabel("probability that the exact test supports the claim")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="center right")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def report(files: dict, data: dict) -> dict:
    """The report section's values and one sentence per case on its test set's power."""
    rows = TABLE.read(files["table"])
    by_case: dict[str, list[dict]] = {}
    for r in CASES.read(files["cases"]):
        by_case.setdefault(r["case"], []).append(r)
    sentences = [_case_sentence(name, rows, data) for name, rows in by_case.items()]
    return {
        "plot": files["plot"],
        "table": [r for r in rows if r["power"] is not None],
        "left_out": [r["true_accuracy"] for r in rows if r["power"] is None],
        "sentences": sentences,
    }


def _case_sentence(name: str, rows: list[dict], data: dict) -> str:
    from digits_hypothesis.words import join

    n = rows[0]["n_test"]
    tested = f"{name} ({n} test {data['noun']}s)"
    if all(r["power"] == 0 for r in rows):
        return (
            f"{tested}: too small to ever support the claim, however good the "
            f"model is — even a perfect score would not be significant."
        )
    enough = [r for r in rows if r["enough"]]
    short = [r for r in rows if not r["enough"]]
    parts = []
    if enough:
        parts.append(
            "large enough if the true accuracy is "
            + join([f"{r['true_accuracy']:.0%}" for r in enough], "or")
            + " (the test would then support the claim "
            + join([_chance(r["power"]) for r in enough])
            + " of the time)"
        )
    if short:
        details = [
            f"{r['true_accuracy']:.0%} (the test would support the claim only "
            f"{_chance(r['power'])} of the time; {_needs(r['min_n_test'], data)})"
            for r in short
        ]
        parts.append("too small to reliably show a true accuracy of " + " or ".join(details))
    return f"{tested}: {'; '.join(parts)}."


def _chance(power: float) -> str:
    from digits_hypothesis.words import fmt_pct

    return "nearly 100%" if power >= 0.995 else fmt_pct(power, 0)


def _needs(min_n: int | None, data: dict) -> str:
    if min_n is None:
        return "no test set searched is large enough"
    needs = f"it needs {min_n:,} test {data['noun']}s"
    if min_n > data["n_rows"]:
        return f"{needs}, more than the {data['n_rows']:,} in the whole data set"
    return needs
