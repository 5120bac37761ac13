"""Splitting and fitting for the analyses' fit steps (imports scikit-learn: fit steps only)."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import train_test_split

from digits_hypothesis import models


def split(target: np.ndarray, test_size, seed: int, stratify: bool):
    """Training and test row indices exactly as the hypothesis study's fit step splits them."""
    return train_test_split(
        np.arange(len(target)),
        test_size=test_size,
        random_state=seed,
        stratify=target if stratify else None,
    )


def fit_predict(spec: dict, features, target, train, test, name: str) -> np.ndarray:
    """Fit a fresh estimator of ``spec`` on the training rows; predict the test rows."""
    try:
        model = models.build_estimator(spec).fit(features[train], target[train])
        return model.predict(features[test])
    except Exception as error:
        raise RuntimeError(f"{name}: fitting {spec} failed: {error}") from error
