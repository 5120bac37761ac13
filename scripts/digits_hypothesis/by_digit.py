"""Per digit, per case: how well each digit is read, pooled over a case's splits.

A split's precision and recall of each digit come from its confusion matrix (metrics.rates;
undefined, and left out, when the digit is absent from its test part or its predictions); the
report shows their mean over the case's splits with their spread, and the case's
confusion matrix: its splits' matrices summed. numpy only.
"""

from __future__ import annotations

import numpy as np

from digits_hypothesis import metrics, study
from digits_hypothesis.tables import Table

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


def _spread(values: np.ndarray, name: str) -> dict:
    values = values[~np.isnan(values)]
    if not len(values):
        return {f"{name}_mean": None, f"{name}_sd": None, f"{name}_min": None}
    return {
        f"{name}_mean": float(values.mean()),
        f"{name}_sd": float(values.std(ddof=1)) if len(values) > 1 else None,
        f"{name}_min": float(values.min()),
    }


def pooled_metrics(scores: list[dict]) -> list[dict]:
    """Rows of BY_DIGIT for every case, from the splits' confusion matrices."""
    rows = []
    for case, group in study.by_case(scores).items():
        per_split = [metrics.rates(s["confusion_matrix"]) for s in group]
        stacked = {key: np.array([m[key] for m in per_split]) for key in per_split[0]}
        for digit in range(stacked["support"].shape[1]):
            support = stacked["support"][:, digit]
            row = {
                "case": case,
                "digit": digit,
                "splits": int((support > 0).sum()),
                "support": int(support.sum()),
            }
            for m in METRICS:
                row.update(_spread(stacked[m][:, digit], m))
            rows.append(row)
    return rows


def pooled_confusion(scores: list[dict]) -> list[dict]:
    """Rows of CONFUSION: each case's splits' confusion matrices summed."""
    rows = []
    for case, group in study.by_case(scores).items():
        total = np.sum([s["confusion_matrix"] for s in group], axis=0)
        rows += [
            {"case": case, "true_label": t, "predicted_label": p, "count": int(n)}
            for (t, p), n in np.ndenumerate(total)
            if n
        ]
    return rows


def report(metric_rows: list[dict], confusion_rows: list[dict]) -> dict:
    """The report's per-digit tables ({metric: [(digit, {case: row})]}) and each case's
    pooled confusion matrix as a list of rows."""
    cases = list(dict.fromkeys(r["case"] for r in metric_rows))
    digits = sorted({r["digit"] for r in metric_rows})
    cell = {(r["case"], r["digit"]): r for r in metric_rows}
    tables = {m: [(d, {c: cell.get((c, d)) for c in cases}) for d in digits] for m in METRICS}
    matrices = {c: [[0] * len(digits) for _ in digits] for c in cases}
    for r in confusion_rows:
        matrices[r["case"]][r["true_label"]][r["predicted_label"]] = r["count"]
    return {"cases": cases, "tables": tables, "confusion": matrices}
