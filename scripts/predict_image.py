"""Read the digit in one or more image files, without Snakemake.

    python scripts/predict_image.py IMAGE [IMAGE...] [--model PATH] [--augment]

Output, one line per image in the order given, tab-separated so it pipes into cut/awk:

* stdout, readable images:    ``FILE<TAB>DIGIT<TAB>CONFIDENCE`` (confidence 0-1, 3 decimals)
* stderr, unreadable images:  ``FILE<TAB>error<TAB>REASON``

Exit code 0 if every image was read, 1 if any was not, 2 for a usage or model-file error.
No traceback is printed for a bad image.

Without --model an SVC(gamma=0.001, C=100) is fitted on scikit-learn's load_digits in
process (a fraction of a second); --augment adds the augmented training copies from
digits_hypothesis.images.augment_digits (a few seconds). With --model PATH the skops
file is loaded with digits_hypothesis.models.load_model (skops' safe loader).

Confidence is the softmax of the SVC's one-vs-rest decision_function scores at the
predicted digit (see digits_hypothesis.own_images): a ranking, not a probability.
"""

from __future__ import annotations

import argparse
import sys

from digits_hypothesis.own_images import read_images, train_default_model


def load_model_file(path: str):
    try:
        from digits_hypothesis.models import load_model
    except ImportError as error:
        raise SystemExit(f"--model: cannot load model files here ({error})") from None
    try:
        return load_model(path)
    except (OSError, ValueError) as error:
        raise SystemExit(f"--model: {error}") from None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Read the digit in image files.")
    parser.add_argument("images", nargs="+", help="image files (PNG, JPEG, ...)")
    parser.add_argument("--model", help="skops model file (default: train on load_digits)")
    parser.add_argument("--augment", action="store_true", help="train with augmented copies")
    args = parser.parse_args(argv)
    try:
        model = load_model_file(args.model) if args.model else train_default_model(args.augment)
    except SystemExit as error:
        print(error, file=sys.stderr)
        return 2
    rows, _ = read_images(args.images, model, names=args.images)
    failed = False
    for row in rows:
        if row["error"]:
            failed = True
            print(f"{row['file']}\terror\t{row['error']}", file=sys.stderr)
        else:
            confidence = float(row["confidence"])
            print(f"{row['file']}\t{row['predicted_label']}\t{confidence:.3f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
