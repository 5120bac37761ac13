"""Against chance, the fits: scikit-learn's dummy classifiers on the study's splits, the
claim's model refitted on permuted labels (the permutation test), and their summaries per
case (docs/statistics.md, "Against chance"). Every split is made by ``fitting.split``, the
study's own: the same rows in the same order as its fits. Steps that fit only.
"""

from __future__ import annotations

import numpy as np

from digits_hypothesis import cached_data, fitting, models, verdict
from digits_hypothesis.baselines import STRATEGIES


def dummy_scores(splits: list[dict], data_path: str, log) -> list[dict]:
    """Each dummy of STRATEGIES fitted on each split's training part and scored on its
    test part (rows of baselines.BASELINES). ``stratified`` draws with random_state = the
    split's seed, so every run gives the same guesses."""
    from sklearn.dummy import DummyClassifier

    features, target = cached_data.load_features(data_path)
    rows = []
    for s in splits:
        train, test = fitting.split(
            target, s["test_size"], s["seed"], s["stratify"], fitting.kfold_of(s)
        )
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


def by_case(scores, confidence: float, folds: dict[str, int] | None = None):
    """Per case and strategy (a DataFrame of baselines.BASELINES, grouped in study order):
    the mean accuracy over the case's splits with the interval a case of the study gets
    (verdict.interval_of_mean). ``folds``: k of each k-fold case, whose correction is
    1 / (k - 1)."""
    import pandas as pd

    rows = []
    for (case, strategy), group in scores.groupby(["case", "strategy"], sort=False):
        accuracies = group["accuracy"].to_numpy(dtype=float)
        low, high, worst = verdict.interval_of_mean(group, confidence, (folds or {}).get(case))
        method = "corrected resampled t interval"
        if worst is not None:
            reason = "one split" if len(group) == 1 else "all splits scored the same"
            method = f"Clopper-Pearson interval ({reason})"
        rows.append(
            {
                "case": case,
                "strategy": strategy,
                "n_splits": len(group),
                "n_test": int(group["n_test"].iloc[0]),
                "n_train": int(group["n_train"].iloc[0]),
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
    train, test = fitting.split(
        target, batch["test_size"], batch["seed"], batch["stratify"], fitting.kfold_of(batch)
    )
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
