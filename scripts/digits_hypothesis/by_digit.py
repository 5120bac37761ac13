"""Per digit, per case: how well each digit is read, pooled over a case's splits.

A split's precision and recall of each digit come from its confusion matrix (metrics.rates;
undefined, and left out, when the digit is absent from its test part or its predictions); the
report shows their mean over the case's splits with their spread, and the case's
confusion matrix: its splits' matrices summed. A pandas group-by over the splits.
"""

from __future__ import annotations

import numpy as np

from digits_hypothesis import metrics
from digits_hypothesis.tables import Table, records

METRICS = ("recall", "precision")

# One row per case and digit. A metric's mean, SD (empty for one split) and lowest value
# over the splits where it is defined; `splits`: splits whose test part holds the digit.
BY_DIGIT = Table(
    case=str,
    digit=int,
    splits=int,
    support=int,
    **{f"{m}_{s}": float for m in METRICS for s in ("mean", "sd", "min")},
)
# Each case's confusion matrix summed over its splits, one row per cell that is not zero.
CONFUSION = Table(case=str, true_label=int, predicted_label=int, count=int)


def per_split_rates(scores: list[dict]):
    """One row per split and digit: the split's case, the digit's support, precision and
    recall (NaN where undefined) from the split's confusion matrix."""
    import pandas as pd

    matrices = np.array([s["confusion_matrix"] for s in scores])
    n_splits, n_classes = matrices.shape[:2]
    found = metrics.rates(matrices)
    cases = [s["case"] for s in scores]
    return pd.DataFrame(
        {
            # study order, not alphabetical, in every group-by below
            "case": pd.Categorical(np.repeat(cases, n_classes), dict.fromkeys(cases)),
            "digit": np.tile(np.arange(n_classes), n_splits),
            **{key: values.ravel() for key, values in found.items()},
        }
    )


def pooled_metrics(scores: list[dict]):
    """BY_DIGIT for every case (a DataFrame): mean, SD and lowest value of each digit's
    recall and precision over the case's splits where they are defined."""
    rates = per_split_rates(scores)
    rates["present"] = rates["support"] > 0
    # numpy's mean and SD (pairwise sums), as every other mean of the study: pandas' own
    # grouped reductions sum differently and would change the last digit
    spread = {
        f"{m}_{stat}": (m, how)
        for m in METRICS
        for stat, how in (("mean", _mean), ("sd", _sd), ("min", "min"))
    }
    pooled = rates.groupby(["case", "digit"], observed=True).agg(
        splits=("present", "sum"), support=("support", "sum"), **spread
    )
    return pooled.reset_index()


def _mean(values) -> float:
    values = values.dropna().to_numpy()
    return float(values.mean()) if len(values) else float("nan")


def _sd(values) -> float:
    values = values.dropna().to_numpy()
    return float(values.std(ddof=1)) if len(values) > 1 else float("nan")


def pooled_confusion(scores: list[dict]):
    """CONFUSION (a DataFrame): each case's splits' confusion matrices summed, the cells
    that are not zero."""
    import pandas as pd

    matrices = np.array([s["confusion_matrix"] for s in scores])
    cases = [s["case"] for s in scores]
    summed = {
        case: matrices[[i for i, c in enumerate(cases) if c == case]].sum(axis=0)
        for case in dict.fromkeys(cases)
    }
    cells = pd.concat(
        {case: pd.DataFrame(total).stack() for case, total in summed.items()},
        names=["case", "true_label", "predicted_label"],
    ).rename("count")
    return cells[cells > 0].reset_index()


def report(metric_rows, confusion_rows) -> dict:
    """The report's per-digit tables ({metric: [(digit, {case: row})]}) and each case's
    pooled confusion matrix as a list of rows, from the frames of BY_DIGIT and CONFUSION."""
    cases = list(dict.fromkeys(metric_rows["case"]))
    digits = sorted(set(metric_rows["digit"]))
    cell = {(r["case"], r["digit"]): r for r in records(metric_rows)}
    tables = {m: [(d, {c: cell.get((c, d)) for c in cases}) for d in digits] for m in METRICS}
    matrices = {
        case: confusion_rows[confusion_rows["case"] == case]
        .pivot(index="true_label", columns="predicted_label", values="count")
        .reindex(index=digits, columns=digits, fill_value=0)
        .fillna(0)
        .astype(int)
        .values.tolist()
        for case in cases
    }
    return {"cases": cases, "tables": tables, "confusion": matrices}
