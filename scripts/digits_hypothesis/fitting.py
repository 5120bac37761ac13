"""Splitting and fitting, shared by every fit step and the one-process reference in bench/
(imports scikit-learn: fit steps only)."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import train_test_split

from digits_hypothesis import models

PREDICTION_COLUMNS = ["sample_index", "true_label", "predicted_label"]


def split(target: np.ndarray, test_size, seed: int, stratify: bool):
    """Training and test row indices exactly as train_test_split(data, target, ...) splits."""
    return train_test_split(
        np.arange(len(target)),
        test_size=test_size,
        random_state=seed,
        stratify=target if stratify else None,
    )


def fit(spec: dict, features, target, train, test, name: str):
    """A fresh estimator of ``spec`` fitted on the training rows, and its test predictions.

    A failure is re-raised naming the split (``name``), so the log says which case failed.
    """
    try:
        model = models.build_estimator(spec).fit(features[train], target[train])
        return model, model.predict(features[test])
    except Exception as error:
        raise RuntimeError(f"{name}: fitting {spec} failed: {error}") from error


def fit_predict(spec: dict, features, target, train, test, name: str) -> np.ndarray:
    """Only the test predictions of :func:`fit`."""
    return fit(spec, features, target, train, test, name)[1]


def fit_split(record: dict, features, target, spec: dict):
    """One split of the hypothesis study: the fitted model and its prediction rows."""
    train, test = split(target, record["test_size"], record["seed"], record["stratify"])
    name = f"case {record['case']!r}, seed {record['seed']}"
    model, predicted = fit(spec, features, target, train, test, name)
    rows = [
        {"sample_index": int(i), "true_label": int(t), "predicted_label": int(p)}
        for i, t, p in zip(test, target[test], predicted)
    ]
    return model, rows
