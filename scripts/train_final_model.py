"""Fit the configured model on all 1,797 images (optionally plus augmented copies).

This is the model that reads a person's own images; the study's per-split models are
only for testing the claim.
"""

from digits_hypothesis import data, logs, models
from digits_hypothesis.files import write_json
from digits_hypothesis.own_images import CALIBRATION_FOLDS, fit_reader

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = data.load_cached(smk.input.data)
settings = smk.params.final_model
copies = settings["copies"] if settings["augment"] else 0
model = fit_reader(images, target, smk.params.model, settings)
models.save_model(model, smk.output.model)
write_json(
    smk.output.about,
    {
        "model": smk.params.model,
        "augmented": settings["augment"],
        "augmented_copies": copies,
        "n_training_images": int(len(target) * (1 + copies)),
        "calibrated": settings["calibrate"],
        "calibration_folds": CALIBRATION_FOLDS if settings["calibrate"] else 0,
        "unsure_below": settings["unsure_below"],
    },
)
log.info("fitted on %d images (augmented: %s)", len(target) * (1 + copies), settings["augment"])
