"""Fit the configured model on all 1,797 images (optionally plus augmented copies).

This is the model that reads a person's own images; the study's per-split models are
only for testing the claim.
"""

import numpy as np

from digits_hypothesis import data, logs, models
from digits_hypothesis.files import write_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = data.load_cached(smk.input.data)
settings = smk.params.final_model
if settings["augment"]:
    from digits_hypothesis.images import augment_digits

    extra, extra_target = augment_digits(
        images, target, seed=settings["seed"], copies=settings["copies"]
    )
    images, target = np.concatenate([images, extra]), np.concatenate([target, extra_target])

model = models.build_estimator(smk.params.model).fit(data.flatten(images), target)
models.save_model(model, smk.output.model)
write_json(
    smk.output.about,
    {
        "model": smk.params.model,
        "augmented": settings["augment"],
        "augmented_copies": settings["copies"] if settings["augment"] else 0,
        "n_training_images": int(len(target)),
    },
)
log.info("fitted on %d images (augmented: %s)", len(target), settings["augment"])
