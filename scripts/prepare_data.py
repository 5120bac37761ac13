"""Load scikit-learn's Digits data once; cache images and labels, and describe the set."""

import numpy as np
from sklearn.datasets import load_digits

from digits_hypothesis import data, logs
from digits_hypothesis.files import atomic_path, write_json

log = logs.to_file(snakemake.log[0])  # noqa: F821 (injected by Snakemake)
digits = load_digits()
log.info("loaded %d images of shape %s", *digits.images.shape[:1], digits.images.shape[1:])

with atomic_path(snakemake.output.data) as tmp, open(tmp, "wb") as handle:  # noqa: F821
    np.savez(handle, images=digits.images, target=digits.target)
write_json(
    snakemake.output.description,  # noqa: F821
    data.describe(digits.images, digits.target, digits.DESCR),
)
