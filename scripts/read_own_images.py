"""Snakemake step: read the digit in each of a person's own images with the fitted model.

input.model        skops model file (loaded with skops' safe loader)
input.images       the image files (one folder; their names are the CSV's `file` column)
output.predictions CSV: file, predicted_label, confidence, score_0..score_9, error
                   (unreadable images: error set, label/confidence/scores empty)
output.features    .npz of ``files`` and their (n, 8, 8) features, for the contact sheet
log[0]             one line per image
"""

from pathlib import Path

from digits_hypothesis.files import atomic_path, write_csv
from digits_hypothesis.models import load_model
from digits_hypothesis.own_images import COLUMNS, read_images, save_features


def main(smk) -> None:
    paths = [Path(path) for path in smk.input.images]
    names = [path.name for path in paths]
    model = load_model(smk.input.model)
    rows, features = read_images(paths, model, names=names)
    write_csv(smk.output.predictions, rows, COLUMNS)
    with atomic_path(smk.output.features) as tmp:
        save_features(tmp, features)
    lines = [
        f"{row['file']}: error: {row['error']}"
        if row["error"]
        else f"{row['file']}: {row['predicted_label']} (confidence {row['confidence']})"
        for row in rows
    ]
    failed = sum(bool(row["error"]) for row in rows)
    lines.append(f"{len(rows)} images, {len(rows) - failed} read, {failed} unreadable")
    Path(smk.log[0]).write_text("\n".join(lines) + "\n", encoding="utf-8")


main(snakemake)  # noqa: F821 - the object Snakemake injects into script: steps
