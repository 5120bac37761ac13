"""The Digits data set, cached once as .npz so later steps need no scikit-learn to read it."""

from __future__ import annotations

import numpy as np


def load_cached(path: str) -> tuple[np.ndarray, np.ndarray]:
    """Images (n, 8, 8) and labels (n,) from the cache written by ``prepare_data``."""
    with np.load(path) as data:
        return data["images"], data["target"]


def flatten(images: np.ndarray) -> np.ndarray:
    """8x8 images to 64 features, as the original analysis did."""
    return images.reshape((len(images), -1))


def describe(images: np.ndarray, target: np.ndarray, descr: str) -> dict:
    labels, counts = np.unique(target, return_counts=True)
    return {
        "description": descr,
        "n_samples": int(images.shape[0]),
        "image_shape": [int(s) for s in images.shape[1:]],
        "n_features": int(np.prod(images.shape[1:])),
        "value_range": [float(images.min()), float(images.max())],
        "class_counts": {int(label): int(count) for label, count in zip(labels, counts)},
        "first_labels": [int(label) for label in target[:10]],
    }
