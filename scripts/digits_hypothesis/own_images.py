"""Read a person's own digit images with a fitted model: shared by the CLI and Snakemake.

The reader (``fit_reader``) is the claim's estimator fitted on all the Digits images and, by
default, the 4,000 usable MNIST digits by other writers (mnist.py), optionally plus
augmented copies, its probabilities calibrated: scikit-learn's CalibratedClassifierCV, by
the method the settings name (temperature scaling by default: one temperature for all ten
digits), on five folds that keep every image together with its augmented copies (so no
fold is calibrated on copies of the images it was fitted on). READER's defaults were chosen
on a tune split only (bench/README.md, "The reader"). Each image gets the probability of
each digit (``predict_proba``), the digit read (the most probable one), the next two
candidates, and "unsure" when the top probability is below a set level. A model without
``predict_proba`` (``calibrate: false``) gets a softmax of its decision scores instead: it
ranks images, it is not a probability.

scikit-learn is imported only inside the functions that fit.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

from digits_hypothesis.images import (
    ImageError,
    decode_greyscale,
    load_greyscale,
    to_digit_features,
)
from digits_hypothesis.tables import Table, boolean

PROBABILITY_COLUMNS = [f"probability_{digit}" for digit in range(10)]
# predictions.csv: one row per file; everything but the file and the error is empty when
# it was unreadable. `probability` is the digit read's; then the next two candidates.
PREDICTIONS = Table(
    file=str,
    predicted_label=int,
    probability=float,
    unsure=boolean,
    second_label=int,
    second_probability=float,
    third_label=int,
    third_probability=float,
    **dict.fromkeys(PROBABILITY_COLUMNS, float),
    error=str,
)
SVC_SPEC = {"estimator": "svc", "params": {"gamma": 0.001, "C": 100}}
# The reader's defaults (config final_model: the schema's defaults are these, a test
# checks); an answer under UNSURE_BELOW is "unsure".
READER = {
    "training": ["digits", "mnist"],
    "augment": False,
    "copies": 3,
    "seed": 0,
    "calibrate": True,
    "calibration": "temperature",
}
UNSURE_BELOW = 0.5
CALIBRATION_FOLDS = 5


def fit_reader(images, labels, spec: dict, settings: dict):
    """The model that reads own images: ``spec``'s estimator fitted on (n, 8, 8) 0-16
    ``images`` (plus augmented copies), calibrated by ``settings["calibration"]``,
    CalibratedClassifierCV's method (see the module's docstring)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import StratifiedGroupKFold

    from digits_hypothesis.models import build_estimator

    images, labels = np.asarray(images), np.asarray(labels)
    groups = np.arange(len(labels))
    if settings["augment"]:
        from digits_hypothesis.images import augment_digits

        copies = settings["copies"]
        extra, extra_labels = augment_digits(images, labels, seed=settings["seed"], copies=copies)
        images, labels = np.concatenate([images, extra]), np.concatenate([labels, extra_labels])
        groups = np.concatenate([groups, np.tile(groups, copies)])
    flat = images.reshape(len(images), -1)
    if not settings["calibrate"]:
        return build_estimator(spec).fit(flat, labels)
    folds = StratifiedGroupKFold(CALIBRATION_FOLDS, shuffle=True, random_state=settings["seed"])
    model = CalibratedClassifierCV(
        build_estimator(spec),
        method=settings["calibration"],
        cv=list(folds.split(flat, labels, groups)),
    )
    return model.fit(flat, labels)


def train_default_model(mnist: bool = True, **changes):
    """SVC(gamma=0.001, C=100) fitted with READER's settings (``changes`` over them) on
    load_digits and, with ``mnist``, the usable MNIST digits (converted here, about 10 s)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    images, labels = digits.images, digits.target
    if mnist:
        from digits_hypothesis import mnist as new_writers

        pixels, extra_labels, rows = new_writers.load_usable()
        images = np.concatenate([images, new_writers.to_features(pixels, rows)])
        labels = np.concatenate([labels, extra_labels])
    return fit_reader(images, labels, SVC_SPEC, {**READER, **changes})


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def probabilities(model, features: np.ndarray) -> np.ndarray:
    """(n, classes) probabilities for (n, 8, 8) features, in ``model.classes_`` order: the
    model's own (calibrated) when it has them, else a softmax of its decision scores."""
    flat = np.asarray(features, dtype=np.float64).reshape(len(features), -1)
    if hasattr(model, "predict_proba"):
        return np.asarray(model.predict_proba(flat), dtype=np.float64)
    return softmax(np.asarray(model.decision_function(flat), dtype=np.float64))


def read_images(paths, model, names=None, unsure_below: float = UNSURE_BELOW):
    """Predict every image; unreadable ones get an error and no prediction.

    Returns (rows, features): one dict per path with PREDICTIONS' columns as keys (floats formatted
    with %.6f, so the CSV is byte-for-byte reproducible) and a {file: (8, 8)} dict for
    the readable ones. ``names`` (default: the file names) label the rows.
    """
    names = list(names) if names is not None else [Path(path).name for path in paths]
    features, errors = {}, {}
    for path, name in zip(paths, names):
        try:
            features[name] = to_digit_features(load_greyscale(path), name=name)
        except ImageError as error:
            errors[name] = error.reason
    readable = [name for name in names if name in features]
    found = {}
    if readable:
        stacked = np.stack([features[n] for n in readable])
        found = dict(zip(readable, probabilities(model, stacked)))
    classes = np.asarray(model.classes_)
    rows = [
        _row(name, found.get(name), classes, unsure_below, errors.get(name, "")) for name in names
    ]
    return rows, features


def read_upload(data: bytes, name: str, model, unsure_below: float = UNSURE_BELOW):
    """One image held in memory (the drawing page's): its PREDICTIONS row (as read_images
    gives) and its (8, 8) features, None when it could not be read."""
    classes = np.asarray(model.classes_)
    try:
        features = to_digit_features(decode_greyscale(data, name), name=name)
    except ImageError as error:
        return _row(name, None, classes, unsure_below, error.reason), None
    probability = probabilities(model, features[np.newaxis])[0]
    return _row(name, probability, classes, unsure_below, ""), features


def _row(name: str, probability, classes, unsure_below: float, error: str) -> dict:
    row = dict.fromkeys(PREDICTIONS.columns, "")
    row.update(file=name, error=error)
    if probability is not None:
        first, second, third = np.argsort(-probability, kind="stable")[:3]
        row.update(
            predicted_label=str(int(classes[first])),
            probability=f"{probability[first]:.6f}",
            unsure=str(bool(probability[first] < unsure_below)),
            second_label=str(int(classes[second])),
            second_probability=f"{probability[second]:.6f}",
            third_label=str(int(classes[third])),
            third_probability=f"{probability[third]:.6f}",
        )
        row.update({f"probability_{c}": f"{p:.6f}" for c, p in zip(classes, probability)})
    return row


def save_features(path, features: dict) -> None:
    """An .npz of ``files`` (names) and ``features`` (n, 8, 8), with fixed zip timestamps
    so that the same inputs give the same bytes (np.savez stamps the current time)."""
    names = list(features)
    arrays = {
        "files": np.array(names, dtype=str),
        "features": np.stack([features[n] for n in names]) if names else np.zeros((0, 8, 8)),
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def load_features(path) -> dict:
    """The {file: (8, 8)} dict written by save_features."""
    with np.load(path, allow_pickle=False) as data:
        return {str(name): data["features"][i] for i, name in enumerate(data["files"])}
