"""Against chance, the fits: scikit-learn's dummy classifiers on the study's splits, the
claim's model refitted on permuted labels (the permutation test), and their summaries per
case (docs/statistics.md, "Against chance"). Every split is made by ``fitting.split``, the
study's own: the same rows in the same order as its fits. Steps that fit only.
"""

from __future__ import annotations

import numpy as np

from digits_hypothesis import cached_data, fitting, models, stats
from digits_hypothesis.baselines import STRATEGIES


def dummy_scores(splits: list[dict], data_path: str, log) -> list[dict]:
    """Each dummy of STRATEGIES fitted on each split's training part and scored on its
    test part (rows of baselines.BASELINES). ``stratified`` draws with random_state = the
    split's seed, so every run gives the same guesses."""
    from sklearn.dummy import DummyClassifier

    features, target = cached_data.load_features(data_path)
    rows = []
    for s in splits:
        train, test = fitting.split(target, s["test_size"], s["seed"], s["stratify"])
        for strategy in STRATEGIES:
            dummy = DummyClassifier(strategy=strategy, random_state=s["seed"])
            predicted = dummy.fit(features[train], target[train]).predict(features[test])
            n_correct = int((predicted == target[test]).sum())
            rows.append(
                {
                    "case": s["case"],
                    "seed": s["seed"],
                    "strategy": strategy,
                    "n_train": len(train),
                    "n_test": len(test),
                    "n_correct": n_correct,
                    "accuracy": n_correct / len(test),
                }
            )
    log.info("%d dummy fits on %d splits", len(rows), len(splits))
    return rows


def by_case(scores, confidence: float):
    """Per case and strategy (a DataFrame of baselines.BASELINES, grouped in study order):
    the mean accuracy over the case's splits with the interval a case of the study gets
    (verdict.case_evidence): the corrected resampled t interval of the mean, clipped to
    0-1; with one split, or all splits scoring the same (t undefined), the Clopper-Pearson
    interval of the split with fewest correct."""
    import pandas as pd

    rows = []
    for (case, strategy), group in scores.groupby(["case", "strategy"], sort=False):
        accuracies = group["accuracy"].to_numpy(dtype=float)
        n_test, n_train = int(group["n_test"].iloc[0]), int(group["n_train"].iloc[0])
        interval = stats.corrected_t_interval(accuracies, n_test, n_train, confidence)
        if interval is not None:
            method = "corrected resampled t interval"
            low, high = max(interval[0], 0.0), min(interval[1], 1.0)
        else:
            worst = group.loc[group["n_correct"].idxmin()]
            method = "Clopper-Pearson interval" + (
                " (one split)" if len(group) == 1 else " (all splits scored the same)"
            )
            low, high = stats.clopper_pearson(
                int(worst["n_correct"]), int(worst["n_test"]), confidence
            )
        rows.append(
            {
                "case": case,
                "strategy": strategy,
                "n_splits": len(group),
                "n_test": n_test,
                "n_train": n_train,
                "mean_accuracy": float(accuracies.mean()),
                "sd_accuracy": float(accuracies.std(ddof=1)) if len(group) > 1 else None,
                "min_accuracy": float(accuracies.min()),
                "max_accuracy": float(accuracies.max()),
                "method": method,
                "confidence": confidence,
                "ci_low": low,
                "ci_high": high,
            }
        )
    return pd.DataFrame(rows)


def permuted_scores(batch: dict, spec: dict, data_path: str, log) -> list[dict]:
    """The permutation test's refits of one batch (baselines.permutation_batches): the
    whole label vector permuted, the claim's model fitted on the permuted labels of the
    case's first split's training part and scored against the permuted labels of its test
    part, as scikit-learn's ``permutation_test_score`` does with ``cv=[(train, test)]``.

    Permutation i is the i-th ``permutation(n)`` of ``numpy.random.RandomState(seed)``, seed
    the split's: the stream ``permutation_test_score(random_state=seed)`` draws, so a batch
    draws (and skips) the permutations of the batches before it; drawing is microseconds
    against a fit's tenth of a second."""
    features, target = cached_data.load_features(data_path)
    train, test = fitting.split(target, batch["test_size"], batch["seed"], batch["stratify"])
    rng = np.random.RandomState(batch["seed"])
    for _ in range(batch["first"]):
        rng.permutation(len(target))
    rows = []
    for index in range(batch["first"], batch["last"] + 1):
        labels = target[rng.permutation(len(target))]
        name = f"case {batch['case']!r}, permutation {index}"
        try:
            model = models.build_estimator(spec).fit(features[train], labels[train])
            n_correct = int((model.predict(features[test]) == labels[test]).sum())
        except Exception as error:
            raise RuntimeError(f"{name}: fitting {spec} failed: {error}") from error
        log.info("%s: %d of %d correct", name, n_correct, len(test))
        rows.append(
            {
                "case": batch["case"],
                "seed": batch["seed"],
                "permutation": index,
                "n_test": len(test),
                "n_correct": n_correct,
                "accuracy": n_correct / len(test),
            }
        )
    return rows
