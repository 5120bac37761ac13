"""Model comparison: other models on exactly the splits of one case of the study, paired
with the claim's model image by image (exact McNemar test per split) and split by split
(two-sided corrected resampled t-test of the accuracy differences).

Steps: ``comparison_fit`` (one job per model), ``comparison`` (combine and test),
``plot_comparison``; the report's section. Heavy imports live inside the functions.
"""

from __future__ import annotations

import json

from digits_hypothesis import models
from digits_hypothesis.settings import ConfigError
from digits_hypothesis.tables import Table, boolean

REPORT_PLACE = "findings"
CLAIM = "claim"  # the claim's own model in the tables
BETTER, WORSE, SAME, UNDEFINED = "better", "worse", "no significant difference", "undefined"

PAIRS = Table(
    model=str,
    case=str,
    seed=int,
    n_test=int,
    n_correct=int,
    accuracy=float,
    claim_only_correct=int,
    model_only_correct=int,
    mcnemar_p=float,
)
MODELS = Table(
    model=str,
    estimator=str,
    scale=boolean,
    params=str,
    n_splits=int,
    mean_accuracy=float,
    mean_difference=float,
    t=float,
    dof=int,
    p_value=float,
    splits_mcnemar_significant=int,
    verdict=str,
)


def check(config: dict, cases: dict) -> None:
    block = config["comparison"]
    if block["case"] not in cases:
        raise ConfigError(
            "comparison.case",
            f"{block['case']!r} is not a case of `cases`; one of: {', '.join(cases)}",
        )
    for name, spec in block["models"].items():
        models.check_model_spec(spec, f"comparison.models.{name}")


def batches(config: dict) -> dict[str, dict]:
    """One job per compared model (each over every split of the case)."""
    return {name: {"spec": spec} for name, spec in config["comparison"]["models"].items()}


def tasks(model: str, spec: dict, splits: list[dict]) -> list:
    from digits_hypothesis.fitting import Task

    return [
        Task(
            f"{model}, case {s['case']!r}, seed {s['seed']}",
            spec,
            s["test_size"],
            s["seed"],
            s["stratify"],
        )
        for s in splits
    ]


def mcnemar_p(claim_only: int, model_only: int) -> float:
    """Exact two-sided McNemar p-value from the discordant counts b and c."""
    from scipy import stats as sp

    n = claim_only + model_only
    if n == 0:
        return 1.0
    return float(min(1.0, 2 * sp.binom.cdf(min(claim_only, model_only), n, 0.5)))


def pair_row(model: str, split: dict, fitted, claim: list[dict]) -> dict:
    """One split: the model's score and its disagreements with the claim's predictions."""
    import numpy as np

    claim_index = np.array([r["sample_index"] for r in claim])
    if not np.array_equal(claim_index, fitted.test):
        raise RuntimeError(f"case {split['case']!r}, seed {split['seed']}: test images differ")
    claim_right = np.array([r["predicted_label"] for r in claim]) == fitted.true
    right = fitted.right
    claim_only, model_only = int((claim_right & ~right).sum()), int((right & ~claim_right).sum())
    return {
        "model": model,
        "case": split["case"],
        "seed": split["seed"],
        "n_test": len(fitted.test),
        "n_correct": fitted.n_correct,
        "accuracy": fitted.n_correct / len(fitted.test),
        "claim_only_correct": claim_only,
        "model_only_correct": model_only,
        "mcnemar_p": mcnemar_p(claim_only, model_only),
    }


def claim_rows(splits: list[dict], predictions: list[list[dict]]) -> list[dict]:
    """The claim's own rows, from the study's predictions of the same splits."""
    rows = []
    for split, rows_of_split in zip(splits, predictions, strict=True):
        n_correct = sum(r["true_label"] == r["predicted_label"] for r in rows_of_split)
        rows.append(
            {
                "model": CLAIM,
                "case": split["case"],
                "seed": split["seed"],
                "n_test": len(rows_of_split),
                "n_correct": n_correct,
                "accuracy": n_correct / len(rows_of_split),
                "claim_only_correct": 0,
                "model_only_correct": 0,
                "mcnemar_p": 1.0,
            }
        )
    return rows


def paired_difference_test(differences, n_test: int, n_train: int, alpha: float) -> dict:
    """Corrected resampled t-test of mean(model - claim) against 0, two-sided."""
    import numpy as np

    from digits_hypothesis import stats

    differences = np.asarray(differences, dtype=float)
    result = {"mean_difference": float(differences.mean()), "t": None, "dof": None, "p_value": None}
    t_test = stats.corrected_resampled_t(differences, n_test, n_train, 0.0)
    if t_test is None:
        identical = bool(np.all(differences == 0))
        result["verdict"] = SAME if identical else UNDEFINED
        return result
    t, dof = t_test
    p_value = stats.t_two_sided_p(t, dof)
    result.update(t=float(t), dof=int(dof), p_value=p_value)
    if p_value < alpha:
        result["verdict"] = BETTER if t > 0 else WORSE
    else:
        result["verdict"] = SAME
    return result


def summarise(by_model: dict[str, list[dict]], specs: dict, n_samples: int, alpha: float):
    """Per model (the claim's first): mean accuracy and the paired test against the claim."""
    claim_accuracy = [r["accuracy"] for r in by_model[CLAIM]]
    n_test = by_model[CLAIM][0]["n_test"]
    summary = []
    for name, rows in by_model.items():
        accuracy = [r["accuracy"] for r in rows]
        differences = [a - c for a, c in zip(accuracy, claim_accuracy, strict=True)]
        test = paired_difference_test(differences, n_test, n_samples - n_test, alpha)
        spec = specs[name]
        summary.append(
            {
                "model": name,
                "estimator": spec["estimator"],
                "scale": bool(spec.get("scale", False)),
                "params": json.dumps(spec.get("params", {}), sort_keys=True),
                "n_splits": len(rows),
                "mean_accuracy": sum(accuracy) / len(accuracy),
                **test,
                "splits_mcnemar_significant": sum(r["mcnemar_p"] < alpha for r in rows),
                "verdict": "the claim's model" if name == CLAIM else test["verdict"],
            }
        )
    return summary


def figure(by_model: dict[str, list[float]], threshold: float):
    """Each model's accuracy per split (dots) and mean (bar), the claim's model first."""
    import numpy as np
    from matplotlib.figure import Figure

    from digits_hypothesis.drawing import SERIES, finish_rows

    names = list(by_model)
    claim = by_model[names[0]]
    fig = Figure(figsize=(7.5, 0.55 * len(names) + 1.5))
    ax = fig.add_subplot()
    for row, name in enumerate(names):
        values = by_model[name]
        offsets = np.linspace(-0.2, 0.2, len(values)) if len(values) > 1 else [0.0]
        colour = "black" if row == 0 else SERIES[(row - 1) % len(SERIES)]
        ax.plot(np.asarray(values), row + np.asarray(offsets), "o", markersize=4, color=colour)
        mean = float(np.mean(values))
        ax.plot([mean, mean], [row - 0.35, row + 0.35], color=colour, linewidth=2.5)
    claim_mean = sum(claim) / len(claim)
    ax.axvline(claim_mean, color="black", linestyle=":", linewidth=1, label="claim's model mean")
    finish_rows(ax, names, threshold, "test accuracy on the same splits (dots: seeds, bar: mean)")
    return fig


def report(files: dict, data: dict) -> dict:
    """The report section's values and the sentence grouping models by result."""
    from digits_hypothesis.words import join

    summary = MODELS.read(files["models"])
    rows = PAIRS.read(files["csv"])
    others = summary[1:]
    groups = {
        result: [m["model"] for m in others if m["verdict"] == result]
        for result in (BETTER, SAME, WORSE, UNDEFINED)
    }
    parts = []
    if groups[BETTER]:
        parts.append(f"significantly better than the claim's model: {join(groups[BETTER])}")
    if groups[SAME]:
        parts.append(
            "not significantly different (they match it within the noise): " + join(groups[SAME])
        )
    if groups[WORSE]:
        parts.append(f"significantly worse: {join(groups[WORSE])}")
    if groups[UNDEFINED]:
        parts.append(f"not testable with one split: {join(groups[UNDEFINED])}")
    finding = "; ".join(parts)
    return {
        "plot": files["plot"],
        "models": summary,
        "rows": rows,
        "case": rows[0]["case"],
        "n_test": rows[0]["n_test"],
        "n_splits": summary[0]["n_splits"],
        "finding": finding[:1].upper() + finding[1:] + "." if finding else "",
    }
