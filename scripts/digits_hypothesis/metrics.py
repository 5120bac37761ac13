"""A split's confusion matrix and per-digit metrics: numpy only, so that drawing a split's
figures needs neither scipy nor scikit-learn (tests check both against scikit-learn)."""

from __future__ import annotations

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
