"""Snakemake step: read the digit in each of a person's own images with the fitted model.

input.model        skops model file (loaded with skops' safe loader)
input.images       the image files (one folder; their names are the CSV's `file` column)
output.predictions CSV: file, predicted_label, probability, unsure, the next two
                   candidates and their probabilities, probability_0..9, error
                   (unreadable images: error set, the rest empty)
output.features    .npz of ``files`` and their (n, 8, 8) features, for the contact sheet
log                one line per image
"""

from pathlib import Path

from digits_hypothesis import logs
from digits_hypothesis.files import atomic_path
from digits_hypothesis.models import load_model
from digits_hypothesis.own_images import PREDICTIONS, read_images, save_features

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
paths = [Path(path) for path in smk.input.images]
model = load_model(smk.input.model)
names = [path.name for path in paths]
rows, features = read_images(paths, model, names, unsure_below=smk.params.unsure_below)
PREDICTIONS.write(smk.output.predictions, rows)
with atomic_path(smk.output.features) as tmp:
    save_features(tmp, features)
for row in rows:
    if row["error"]:
        log.info("%s: error: %s", row["file"], row["error"])
    else:
        log.info("%s: %s (probability %s)", row["file"], row["predicted_label"], row["probability"])
failed = sum(bool(row["error"]) for row in rows)
log.info("%d images, %d read, %d unreadable", len(rows), len(rows) - failed, failed)
