"""A split's confusion matrix and per-digit metrics: numpy only, so that drawing a split's
figures needs neither scipy nor scikit-learn (tests check both against scikit-learn)."""

from __future__ import annotations

import math

import numpy as np


def confusion_matrix(true_labels, predicted_labels, n_classes: int) -> np.ndarray:
    """Rows are true classes, columns predicted classes (label codes 0..n_classes-1, as
    scikit-learn's confusion_matrix with labels=range(n_classes))."""
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (np.asarray(true_labels), np.asarray(predicted_labels)), 1)
    return matrix


def rates(matrix) -> dict[str, np.ndarray]:
    """Each digit's precision, recall and support from a confusion matrix; precision and
    recall are NaN where undefined (the digit never predicted, or absent from the test part).
    A stack of matrices (splits, K, K) gives one row per matrix."""
    matrix = np.asarray(matrix, dtype=float)
    correct = np.diagonal(matrix, axis1=-2, axis2=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "precision": correct / matrix.sum(axis=-2),
            "recall": correct / matrix.sum(axis=-1),
            "support": matrix.sum(axis=-1),
        }


def per_class_metrics(matrix: np.ndarray) -> list[dict]:
    """Precision, recall, F1 and support of each digit that occurs in the true or predicted
    labels (as scikit-learn's classification_report); 0 where undefined (``zero_division=0``)."""
    matrix = np.asarray(matrix)
    found = rates(matrix)
    precision, recall = (np.nan_to_num(found[m]) for m in ("precision", "recall"))
    rows = []
    for label in np.nonzero(matrix.sum(axis=0) + matrix.sum(axis=1))[0]:
        total = precision[label] + recall[label]
        f1 = 2 * precision[label] * recall[label] / total if total else 0.0
        rows.append(
            {
                "label": int(label),
                "precision": float(precision[label]),
                "recall": float(recall[label]),
                "f1": float(f1),
                "support": int(found["support"][label]),
            }
        )
    return rows


# The metrics a claim can name (config hypothesis.metric; absent: accuracy), in words.
METRICS = {
    "accuracy": "accuracy",
    "balanced_accuracy": "balanced accuracy",
    "macro_f1": "macro-F1",
    "min_class_recall": "minimum class recall",
}
# Resamples of a split's percentile bootstrap (a metric other than accuracy).
BOOTSTRAP_RESAMPLES = 2000


def metric_of(hyp: dict) -> str:
    """The metric a hypothesis block names (absent: accuracy)."""
    return hyp.get("metric", "accuracy")


def metric_values(matrices, metric: str) -> np.ndarray:
    """The metric of each confusion matrix of a stack (..., K, K), or of one matrix.

    Per-class conventions: balanced accuracy and the lowest recall are over the classes
    present in the true labels (a class absent from them has no recall and is left out);
    macro-F1 is over the classes present in the true or the predicted labels, a class's F1
    being 2 TP / (2 TP + FP + FN), which is 0 where precision or recall is undefined
    (scikit-learn's ``zero_division=0``).
    """
    matrices = np.asarray(matrices, dtype=float)
    correct = np.diagonal(matrices, axis1=-2, axis2=-1)
    true_counts, predicted_counts = matrices.sum(axis=-1), matrices.sum(axis=-2)
    if metric == "accuracy":
        return correct.sum(axis=-1) / true_counts.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if metric == "macro_f1":
            present = (true_counts + predicted_counts) > 0
            f1 = 2 * correct / (true_counts + predicted_counts)
            return np.where(present, f1, 0.0).sum(axis=-1) / present.sum(axis=-1)
        recall = correct / true_counts
    present = true_counts > 0
    if metric == "balanced_accuracy":
        return np.where(present, recall, 0.0).sum(axis=-1) / present.sum(axis=-1)
    if metric == "min_class_recall":
        return np.where(present, recall, np.inf).min(axis=-1)
    raise ValueError(f"unknown metric {metric!r} (one of {', '.join(METRICS)})")


def bootstrap(true, predicted, n_classes: int, metric: str, seed: int, resamples: int):
    """The metric on ``resamples`` stratified bootstrap resamples of a split's test rows:
    within each true class in label order, its n_c rows drawn n_c times with replacement
    (``numpy.random.default_rng(seed).integers(0, n_c, (resamples, n_c))``), so every
    resample keeps the test part's class counts. Returns the sorted values."""
    true, predicted = np.asarray(true), np.asarray(predicted)
    rng = np.random.default_rng(seed)
    matrices = np.zeros((resamples, n_classes, n_classes), dtype=np.int64)
    offsets = np.arange(resamples)[:, None] * n_classes
    for label in range(n_classes):
        rows = predicted[true == label]
        if len(rows) == 0:
            continue
        drawn = rows[rng.integers(0, len(rows), (resamples, len(rows)))]
        counts = np.bincount((offsets + drawn).ravel(), minlength=resamples * n_classes)
        matrices[:, label, :] = counts.reshape(resamples, n_classes)
    return np.sort(metric_values(matrices, metric))


def percentile_interval(values, tail: float) -> tuple[float, float]:
    """The percentile interval that leaves ``tail`` of the sorted bootstrap ``values`` out
    on each side: the ceil(tail * B)-th value from the bottom and from the top. Its lower
    end is above a threshold exactly when fewer than tail * B values are at or below it
    (and its upper end below exactly when fewer than tail * B are at or above it)."""
    values = np.asarray(values)
    # rounded first: (1 - 0.95) / 2 * 2000 is 50.00000000000004 in floating point, not 50
    k = max(math.ceil(round(tail * len(values), 9)), 1)
    return float(values[k - 1]), float(values[len(values) - k])
