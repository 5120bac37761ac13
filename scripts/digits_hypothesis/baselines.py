"""Against chance: the tables of the baselines (scikit-learn's dummy classifiers on every
split of the study) and of the optional permutation test, the test's p-values, and what the
report shows of them. Standard library (pandas inside the function that groups): the report
reads these tables; chance.py fits the models and sums the baselines per case.
"""

from __future__ import annotations

from digits_hypothesis.tables import Table

# The dummy classifiers, in the report's order: the majority class of the training part,
# and random guesses in the training part's class proportions (random_state = the seed).
STRATEGIES = ("most_frequent", "stratified")
NAMES = {"most_frequent": "majority class", "stratified": "stratified guess"}

# results/baselines.csv: each dummy on each split of the study, scored on its test part.
BASELINES = Table(
    case=str, seed=int, strategy=str, n_train=int, n_test=int, n_correct=int, accuracy=float
)
# results/baselines_by_case.csv: per case and dummy, the mean over the case's splits with
# the interval a case gets (corrected resampled t; Clopper-Pearson for one split).
BY_CASE = Table(
    case=str,
    strategy=str,
    n_splits=int,
    n_test=int,
    n_train=int,
    mean_accuracy=float,
    sd_accuracy=float,
    min_accuracy=float,
    max_accuracy=float,
    method=str,
    confidence=float,
    ci_low=float,
    ci_high=float,
)

# Permutations per job of the permutation test (config hypothesis.permutation_test).
PER_JOB = 50
# results/permutation/{batch}.csv: the claim's model refitted on permuted labels.
PERMUTED = Table(case=str, seed=int, permutation=int, n_test=int, n_correct=int, accuracy=float)
# results/permutation.csv: per case, the test on its first split.
PERMUTATION = Table(
    case=str,
    seed=int,
    n_test=int,
    permutations=int,
    observed_accuracy=float,
    mean_permuted_accuracy=float,
    max_permuted_accuracy=float,
    n_at_least_observed=int,
    p_value=float,
)


def permutation_batches(cases: dict, permutation_test: dict | None) -> dict[str, dict]:
    """{batch name: the case's first split and the permutations the job draws}: PER_JOB
    permutations per job, per case (none when the test is off). Named by the case and the
    permutation indices, ``test_25__permutations_0_49``."""
    if not permutation_test:
        return {}
    total = permutation_test["permutations"]
    found = {}
    for name, case in cases.items():
        for first in range(0, total, PER_JOB):
            last = min(first + PER_JOB, total) - 1
            found[f"{name}__permutations_{first}_{last}"] = {
                "case": name,
                "seed": case["seeds"][0],
                "test_size": case["test_size"],
                "stratify": case["stratify"],
                # a k-fold case's first split is split 0 of its folds (fitting.split)
                **{k: case[k] for k in ("folds", "repeats", "random_state") if k in case},
                "first": first,
                "last": last,
            }
    return found


def report(by_case: list[dict], cases: dict, permutation: list[dict]) -> dict:
    """What the evidence table shows: per case, each dummy's mean and interval, how far the
    claim's model is above the better dummy (points), and the permutation p-value if the
    test ran; and the ranges over the informative cases (all cases if none is) for the
    sentence under the table."""
    rows: dict[str, dict] = {}
    for row in by_case:
        rows.setdefault(row["case"], {})[row["strategy"]] = row
    tested = {row["case"]: row for row in permutation}
    shown = {}
    for name, case in cases.items():
        dummies = rows[name]
        best = max(dummies[s]["mean_accuracy"] for s in STRATEGIES)
        shown[name] = {
            **{s: dummies[s] for s in STRATEGIES},
            "above": 100 * (case["mean_accuracy"] - best),
            "permutation": tested.get(name),
        }
    # the sentence's ranges: over the informative cases (a tiny test part says little)
    counted = [shown[n] for n, c in cases.items() if c["informative"]] or list(shown.values())
    return {
        "cases": shown,
        "counted": len(counted),
        "all_counted": len(counted) == len(shown),
        "ranges": {s: _range([c[s]["mean_accuracy"] for c in counted]) for s in STRATEGIES},
        "above": _range([c["above"] for c in counted]),
        "names": NAMES,
        "permutations": permutation[0]["permutations"] if permutation else None,
    }


def permutation_test(permuted, observed: dict[str, tuple[int, int]]):
    """Per case (a DataFrame of PERMUTED, every batch of every case; ``observed``:
    {case: (n_correct, n_test)} of the case's first split, the study's own fit): the
    p-value (1 + #permutations scoring at least the observed accuracy) / (1 + permutations),
    as Ojala & Garriga (2010) and scikit-learn's permutation_test_score compute it."""
    import pandas as pd

    rows = []
    for case, group in permuted.sort_values(["permutation"], kind="stable").groupby(
        "case", sort=False
    ):
        n_correct, n_test = observed[case]
        at_least = int((group["n_correct"] >= n_correct).sum())
        rows.append(
            {
                "case": case,
                "seed": int(group["seed"].iloc[0]),
                "n_test": n_test,
                "permutations": len(group),
                "observed_accuracy": n_correct / n_test,
                "mean_permuted_accuracy": float(group["accuracy"].mean()),
                "max_permuted_accuracy": float(group["accuracy"].max()),
                "n_at_least_observed": at_least,
                "p_value": (1 + at_least) / (1 + len(group)),
            }
        )
    return pd.DataFrame(rows)


def _range(values: list[float]) -> tuple[float, float]:
    return min(values), max(values)
