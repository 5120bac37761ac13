"""Model comparison: other models on exactly the splits of one case of the study, paired
with the claim's model split by split: the mean accuracy difference with its corrected
resampled t interval, the two-sided corrected t-test of a difference and the TOST
equivalence test within ``comparison.equivalence_margin``, each with Holm's correction over
the compared models. The exact McNemar test per split is kept as a description only (the
splits overlap, so their tests are not independent evidence).

Steps: ``comparison_fit`` (one job per model), ``comparison`` (combine and test),
``plot_comparison`` (its figure: plots/comparison.py); the report's section. Heavy imports live
inside the functions.
"""

from __future__ import annotations

import json

from digits_hypothesis import models
from digits_hypothesis.exceptions import ConfigError
from digits_hypothesis.tables import Table, boolean

CLAIM = "claim"  # the claim's own model in the tables
BETTER, WORSE, EQUIVALENT, INCONCLUSIVE, UNDEFINED = (
    "better",
    "worse",
    "equivalent",
    "inconclusive",
    "undefined",
)

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
    ci_low=float,
    ci_high=float,
    t=float,
    dof=int,
    p_value=float,
    p_holm=float,
    equivalence_margin=float,
    p_equivalence=float,
    p_equivalence_holm=float,
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
    from digits_hypothesis.fitting import Task, kfold_of

    return [
        Task(
            f"{model}, case {s['case']!r}, seed {s['seed']}",
            spec,
            s["test_size"],
            s["seed"],
            s["stratify"],
            kfold=kfold_of(s),
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


def claim_rows(splits: list[dict], predictions: list) -> list[dict]:
    """The claim's own rows, from the study's predictions (DataFrames) of the same splits."""
    rows = []
    for split, frame in zip(splits, predictions, strict=True):
        n_correct = int((frame["true_label"] == frame["predicted_label"]).sum())
        rows.append(
            {
                "model": CLAIM,
                "case": split["case"],
                "seed": split["seed"],
                "n_test": len(frame),
                "n_correct": n_correct,
                "accuracy": n_correct / len(frame),
                "claim_only_correct": 0,
                "model_only_correct": 0,
                "mcnemar_p": 1.0,
            }
        )
    return rows


def paired_difference_test(differences, n_test: int, n_train: int, hyp: dict, margin: float):
    """mean(model - claim) over the seeds: its corrected resampled t interval, the
    two-sided corrected t-test against 0, and TOST (Schuirmann 1987) within +/- margin:
    both one-sided corrected t-tests, H0 mean <= -margin and H0 mean >= margin, the larger
    p-value. All None where t is undefined (one split, or every difference the same)."""
    import numpy as np

    from digits_hypothesis import stats

    differences = np.asarray(differences, dtype=float)
    result = dict.fromkeys(("ci_low", "ci_high", "t", "dof", "p_value", "p_equivalence"))
    result.update(mean_difference=float(differences.mean()), equivalence_margin=margin)
    t_test = stats.corrected_resampled_t(differences, n_test, n_train, 0.0)
    if t_test is None:
        return result
    t, dof = t_test
    low, high = stats.corrected_t_interval(differences, n_test, n_train, hyp["confidence"])
    scale = stats.corrected_standard_error(differences, n_test, n_train)
    above = stats.t_greater_p((differences.mean() + margin) / scale, dof)
    below = stats.t_less_p((differences.mean() - margin) / scale, dof)
    result.update(
        ci_low=low,
        ci_high=high,
        t=float(t),
        dof=int(dof),
        p_value=stats.t_two_sided_p(t, dof),
        p_equivalence=max(above, below),
    )
    return result


def judge(tests: list[dict], alpha: float) -> list[dict]:
    """Holm over the compared models, for differences and for equivalence separately:
    better or worse when the adjusted two-sided p < alpha, equivalent when the adjusted
    TOST p < alpha, inconclusive otherwise (no difference shown, no equivalence either)."""
    from digits_hypothesis import stats

    testable = [i for i, test in enumerate(tests) if test["t"] is not None]
    different = stats.holm([tests[i]["p_value"] for i in testable])
    equivalent = stats.holm([tests[i]["p_equivalence"] for i in testable])
    judged = [{**test, "p_holm": None, "p_equivalence_holm": None} for test in tests]
    for i, p_diff, p_equiv in zip(testable, different, equivalent):
        judged[i].update(p_holm=p_diff, p_equivalence_holm=p_equiv)
    for test in judged:
        if test["t"] is None:
            test["verdict"] = UNDEFINED
        elif test["p_holm"] < alpha:
            test["verdict"] = BETTER if test["t"] > 0 else WORSE
        elif test["p_equivalence_holm"] < alpha:
            test["verdict"] = EQUIVALENT
        else:
            test["verdict"] = INCONCLUSIVE
    return judged


def summarise(pairs, specs: dict, n_samples: int, hyp: dict, margin, folds: int | None = None):
    """Per model (the claim's first): mean accuracy and the paired tests against the claim,
    the other models judged as one family (Holm). ``pairs``: the PAIRS rows of every model
    (a DataFrame), each model's splits in the same order. The correction's n_test / n_train
    is the first split's, or 1 / (folds - 1) for a k-fold case (verdict.case_evidence)."""
    by_model = pairs.groupby("model", sort=False)
    accuracy = {name: group["accuracy"].to_numpy() for name, group in by_model}
    n_test = int(pairs["n_test"].iloc[0])
    ratio = (n_test, n_samples - n_test) if folds is None else (1, folds - 1)
    others = [name for name in accuracy if name != CLAIM]
    tests = [
        paired_difference_test(accuracy[name] - accuracy[CLAIM], *ratio, hyp, margin)
        for name in others
    ]
    judged = dict(zip(others, judge(tests, hyp["alpha"])))
    claim_row = {
        **dict.fromkeys(MODELS.columns),
        "mean_difference": 0.0,
        "verdict": "the claim's model",
    }
    counts = by_model.agg(
        n_splits=("accuracy", "size"),
        splits_mcnemar_significant=("mcnemar_p", lambda p: int((p < hyp["alpha"]).sum())),
    )
    return [
        {
            **(claim_row if name == CLAIM else judged[name]),
            "model": name,
            "estimator": specs[name]["estimator"],
            "scale": bool(specs[name].get("scale", False)),
            "params": json.dumps(specs[name].get("params", {}), sort_keys=True),
            "n_splits": int(counts.loc[name, "n_splits"]),
            "mean_accuracy": float(accuracy[name].mean()),
            "splits_mcnemar_significant": int(counts.loc[name, "splits_mcnemar_significant"]),
        }
        for name in accuracy
    ]


def report(files: dict, data: dict) -> dict:
    """The report section's values: the models grouped by result (its sentences are in its
    template block)."""
    summary = MODELS.read(files["models"])
    rows = PAIRS.read(files["csv"])
    others = summary[1:]
    return {
        "plot": files["plot"],
        "models": summary,
        "rows": rows,
        "case": rows[0]["case"],
        "n_test": rows[0]["n_test"],
        "n_splits": summary[0]["n_splits"],
        "by_result": {
            result: [m["model"] for m in others if m["verdict"] == result]
            for result in (BETTER, EQUIVALENT, INCONCLUSIVE, WORSE, UNDEFINED)
        },
        "margin_points": 100 * others[0]["equivalence_margin"] if others else None,
    }
