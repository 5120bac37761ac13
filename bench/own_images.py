"""How well are a person's own digit images read? Naive resize vs the careful pipeline.

    python bench/own_images.py [--split eval|tune] [--folder DIR] [--no-augment]

Generates the evaluation images with bench/make_eval_set.py (fonts from Debian packages,
listed there) into a cache folder, or reuses them, then reads every image three ways
with SVC(gamma=0.001, C=100):

* naive:     the whole image squashed to 8x8 (images.naive_features), SVC on load_digits
* pipeline:  images.to_digit_features, SVC on load_digits
* augmented: images.to_digit_features, SVC on load_digits + images.augment_digits copies

and prints accuracy overall, per style (font or random strokes) and per digit, and for the
augmented reader how far its probability can be trusted, calibrated (the workflow's final
model) and not (a softmax of SVC decision scores, as before): the expected calibration
error over 10 equal-width bins of the top probability, and the accuracy of the 80% of answers
given with the highest probability (accuracy at 80% coverage). The
report is on the ``eval`` split, which nothing was tuned on; ``--split tune`` shows the
split the constants in images.py were chosen on. Writes bench/own_images.json (eval).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "scripts"), str(HERE)]

import make_eval_set  # noqa: E402

from digits_hypothesis.images import (  # noqa: E402
    ImageError,
    load_greyscale,
    naive_features,
    to_digit_features,
)
from digits_hypothesis.own_images import probabilities, train_default_model  # noqa: E402

CALIBRATION_BINS, COVERAGE = 10, 0.8


def calibration_error(confidence: np.ndarray, correct: np.ndarray) -> float:
    """Expected calibration error: |accuracy - mean confidence| per equal-width bin of the
    top probability, weighted by the bin's share of the answers."""
    edges = np.linspace(0, 1, CALIBRATION_BINS + 1)
    bins = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, CALIBRATION_BINS - 1)
    return float(
        sum(
            (bins == b).mean() * abs(correct[bins == b].mean() - confidence[bins == b].mean())
            for b in range(CALIBRATION_BINS)
            if (bins == b).any()
        )
    )


def accuracy_at_coverage(confidence: np.ndarray, correct: np.ndarray) -> float:
    """Accuracy of the COVERAGE share of answers given with the highest probability."""
    kept = np.argsort(-confidence, kind="stable")[: round(COVERAGE * len(confidence))]
    return float(correct[kept].mean())


def trust(model, features: np.ndarray, truth: np.ndarray) -> dict:
    proba = probabilities(model, features)
    correct = model.classes_[proba.argmax(axis=1)] == truth
    confidence = proba.max(axis=1)
    return {
        "accuracy": round(float(correct.mean()), 3),
        "calibration_error": round(calibration_error(confidence, correct), 3),
        "accuracy_at_80_coverage": round(accuracy_at_coverage(confidence, correct), 3),
        "mean_probability_right": round(float(confidence[correct].mean()), 3),
        "mean_probability_wrong": round(float(confidence[~correct].mean()), 3),
    }


PER_FONT, STROKES_PER_DIGIT = 3, 10


def eval_folder(split: str, folder: Path | None) -> Path:
    """The generated set, made once per split into a cache folder and reused."""
    folder = folder or Path(tempfile.gettempdir()) / f"digits-hypothesis-{split}-set"
    labels = folder / "labels.csv"
    fonts, _ = make_eval_set.SPLITS[split]
    expected = 10 * (len(fonts) * PER_FONT + STROKES_PER_DIGIT)
    if not labels.is_file() or len(read_labels(folder)) != expected:
        make_eval_set.generate(folder, split, None, PER_FONT, STROKES_PER_DIGIT)
    return folder


def read_labels(folder: Path) -> list[dict]:
    with open(folder / "labels.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def features(folder: Path, rows: list[dict], function) -> np.ndarray:
    """(n, 64) features; an unreadable image gets all zeros (and so counts as wrong)."""
    out = np.zeros((len(rows), 64))
    for index, row in enumerate(rows):
        try:
            out[index] = function(load_greyscale(folder / row["file"])).ravel()
        except ImageError as error:
            print(f"  unreadable: {error}", file=sys.stderr)
    return out


def breakdown(correct: np.ndarray, keys: list) -> dict:
    return {
        str(key): round(float(correct[[k == key for k in keys]].mean()), 3)
        for key in sorted(set(keys), key=str)
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(make_eval_set.SPLITS), default="eval")
    parser.add_argument("--folder", type=Path, help="where to generate/reuse the images")
    parser.add_argument("--no-augment", action="store_true", help="skip the augmented model")
    args = parser.parse_args(argv)

    folder = eval_folder(args.split, args.folder)
    rows = read_labels(folder)
    truth = np.array([int(row["digit"]) for row in rows])
    plain = train_default_model(calibrate=False)
    careful = features(folder, rows, to_digit_features)
    predictions = {
        "naive": plain.predict(features(folder, rows, naive_features)),
        "pipeline": plain.predict(careful),
    }
    confidence = {}
    if not args.no_augment:
        softmax = train_default_model(augment=True, calibrate=False)
        predictions["pipeline+augmented"] = softmax.predict(careful)
        calibrated = train_default_model(augment=True)
        confidence = {
            "softmax of decision scores": trust(softmax, careful, truth),
            "calibrated (final model)": trust(calibrated, careful, truth),
        }

    styles, digits = [row["style"] for row in rows], list(truth)
    results = {}
    for name, predicted in predictions.items():
        correct = predicted == truth
        results[name] = {
            "accuracy": round(float(correct.mean()), 3),
            "per_style": breakdown(correct, styles),
            "per_digit": breakdown(correct, digits),
        }
    print_table(results, len(rows), args.split, folder)
    for name, found in confidence.items():
        print(f"{name}: " + ", ".join(f"{key} {value}" for key, value in found.items()))
    if args.split == "eval":
        report = {"split": "eval", "images": len(rows), "command": "python bench/own_images.py"}
        report["confidence"] = {"bins": CALIBRATION_BINS, "coverage": COVERAGE, **confidence}
        (HERE / "own_images.json").write_text(
            json.dumps({**report, "results": results}, indent=2) + "\n", encoding="utf-8"
        )
    return 0


def print_table(results: dict, n: int, split: str, folder: Path) -> None:
    names = list(results)
    print(f"{n} images, split {split!r}, in {folder}")
    print(f"{'':22}" + "".join(f"{name:>20}" for name in names))
    print(f"{'accuracy':22}" + "".join(f"{results[m]['accuracy']:>20.3f}" for m in names))
    for section in ("per_style", "per_digit"):
        print(section.replace("_", " ") + ":")
        for key in results[names[0]][section]:
            print(f"  {key:20}" + "".join(f"{results[m][section][key]:>20.3f}" for m in names))


if __name__ == "__main__":
    sys.exit(main())
