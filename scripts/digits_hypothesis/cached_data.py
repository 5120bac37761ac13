"""The claim's data set, cached once as .npz so later steps need no scikit-learn to read it:
image data as ``images`` (n, height, width), other data as ``features`` (n, p); ``target``
holds label codes 0..K-1 (datasets.Facts names them)."""

from __future__ import annotations

import numpy as np


def load_cached(path: str) -> tuple[np.ndarray, np.ndarray]:
    """Images (n, 8, 8) and labels (n,) from the cache written by ``prepare_data``."""
    with np.load(path) as data:
        return data["images"], data["target"]


def load_features(path: str) -> tuple[np.ndarray, np.ndarray]:
    """Features (n, p) and labels (n,): images flattened, as the original analysis did."""
    with np.load(path) as data:
        if "images" in data:
            return flatten(data["images"]), data["target"]
        return data["features"], data["target"]


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


def describe_table(features, target, facts: dict, feature_names: list[str], descr: str) -> dict:
    """dataset.json of data that are not images: sizes, the classes by name and code."""
    counts = np.bincount(target, minlength=len(facts["classes"]))
    return {
        "description": descr,
        "n_samples": int(features.shape[0]),
        "n_features": int(features.shape[1]),
        "feature_names": feature_names,
        "classes": facts["classes"],
        "class_counts": {int(code): int(count) for code, count in enumerate(counts)},
        "first_labels": [int(label) for label in target[:10]],
    }
