"""A split's confusion matrix and per-digit metrics: numpy only, so that drawing a split's
figures needs neither scipy nor scikit-learn (tests check both against scikit-learn)."""

from __future__ import annotations

import numpy as np


def confusion_matrix(true_labels, predicted_labels, n_classes: int = 10) -> np.ndarray:
    """Rows are true digits, columns predicted digits (scikit-learn's convention)."""
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (np.asarray(true_labels), np.asarray(predicted_labels)), 1)
    return matrix


def per_class_metrics(matrix: np.ndarray) -> list[dict]:
    """Precision, recall, F1 and support of each digit that occurs in the true or predicted
    labels (as scikit-learn's classification_report); 0 where undefined (``zero_division=0``)."""
    matrix = np.asarray(matrix)
    correct = np.diag(matrix).astype(float)
    predicted = matrix.sum(axis=0)
    support = matrix.sum(axis=1)
    rows = []
    for label in np.nonzero(predicted + support)[0]:
        precision = correct[label] / predicted[label] if predicted[label] else 0.0
        recall = correct[label] / support[label] if support[label] else 0.0
        total = precision + recall
        f1 = 2 * precision * recall / total if total else 0.0
        rows.append(
            {
                "label": int(label),
                "precision": float(precision),
                "recall": float(recall),
                "f1": float(f1),
                "support": int(support[label]),
            }
        )
    return rows
