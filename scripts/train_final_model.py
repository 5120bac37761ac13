"""Fit the configured model on every image it may learn from: all of Digits and, with
``final_model.training: [digits, mnist]``, the 4,000 usable MNIST digits by other writers
(optionally plus augmented copies of each).

This is the model that reads a person's own images; the study's per-split models are
only for testing the claim.
"""

import numpy as np

from digits_hypothesis import cached_data, logs, mnist, models
from digits_hypothesis.files import write_json
from digits_hypothesis.own_images import CALIBRATION_FOLDS, fit_reader

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = cached_data.load_cached(smk.input.data)
parts = {"digits": len(target)}
if smk.input.new_writers:
    extra, extra_labels, _ = mnist.load_cached(smk.input.new_writers[0])
    images, target = np.concatenate([images, extra]), np.concatenate([target, extra_labels])
    parts["mnist"] = len(extra_labels)
settings = smk.params.final_model
copies = settings["copies"] if settings["augment"] else 0
model = fit_reader(images, target, smk.params.model, settings)
models.save_model(model, smk.output.model)
write_json(
    smk.output.about,
    {
        "model": smk.params.model,
        "training": parts,
        "augmented": settings["augment"],
        "augmented_copies": copies,
        "n_training_images": int(len(target) * (1 + copies)),
        "calibrated": settings["calibrate"],
        "calibration": settings["calibration"] if settings["calibrate"] else None,
        "calibration_folds": CALIBRATION_FOLDS if settings["calibrate"] else 0,
        "unsure_below": settings["unsure_below"],
    },
)
log.info("fitted on %s (augmented: %s)", parts, settings["augment"])
