"""Read a person's own digit images with a fitted model: shared by the CLI and Snakemake.

Scores are the model's ``decision_function`` (one-vs-rest shape, as SVC gives by
default) when it has one, otherwise its ``predict_proba``. The label is the model's own
``predict``. Confidence is the softmax of the decision scores at the predicted label
(for SVC those scores are one-vs-one vote counts plus a tie-break term, so the softmax
ranks and compares images; it is not a calibrated probability); with predict_proba it
is the probability itself.

scikit-learn is imported only inside ``train_default_model``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

from digits_hypothesis.images import ImageError, load_greyscale, to_digit_features
from digits_hypothesis.tables import Table

SCORE_COLUMNS = [f"score_{digit}" for digit in range(10)]
# predictions.csv: one row per file; label, confidence and scores empty when it was unreadable.
PREDICTIONS = Table(
    file=str,
    predicted_label=int,
    confidence=float,
    **dict.fromkeys(SCORE_COLUMNS, float),
    error=str,
)
SVC_PARAMS = {"gamma": 0.001, "C": 100}


def train_default_model(augment: bool = False, seed: int = 0):
    """SVC(gamma=0.001, C=100) fitted on load_digits (optionally plus augmented copies)."""
    from sklearn.datasets import load_digits
    from sklearn.svm import SVC

    digits = load_digits()
    images, labels = digits.images, digits.target
    if augment:
        from digits_hypothesis.images import augment_digits

        extra, extra_labels = augment_digits(images, labels, seed=seed)
        images = np.concatenate([images, extra])
        labels = np.concatenate([labels, extra_labels])
    return SVC(**SVC_PARAMS).fit(images.reshape(len(images), -1), labels)


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def score(model, features: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels, confidences and per-class scores for (n, 8, 8) features."""
    flat = np.asarray(features, dtype=np.float64).reshape(len(features), -1)
    labels = np.asarray(model.predict(flat))
    if hasattr(model, "decision_function"):
        scores = np.asarray(model.decision_function(flat), dtype=np.float64)
        probabilities = softmax(scores)
    else:
        scores = probabilities = np.asarray(model.predict_proba(flat), dtype=np.float64)
    columns = np.searchsorted(np.asarray(model.classes_), labels)
    confidences = probabilities[np.arange(len(labels)), columns]
    return labels, confidences, scores


def read_images(paths, model, names=None):
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
    if readable:
        labels, confidences, scores = score(model, np.stack([features[n] for n in readable]))
        results = dict(zip(readable, zip(labels, confidences, scores)))
    else:
        results = {}
    return [_row(name, results.get(name), errors.get(name, "")) for name in names], features


def _row(name: str, result, error: str) -> dict:
    row = {"file": name, "error": error, "predicted_label": "", "confidence": ""}
    row.update(dict.fromkeys(SCORE_COLUMNS, ""))
    if result is not None:
        label, confidence, scores = result
        row["predicted_label"] = str(int(label))
        row["confidence"] = f"{confidence:.6f}"
        row.update({column: f"{value:.6f}" for column, value in zip(SCORE_COLUMNS, scores)})
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
