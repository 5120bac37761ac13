"""Load scikit-learn's Digits data once; cache images and labels, and describe the set."""

import numpy as np
from sklearn.datasets import load_digits

from digits_hypothesis import data, logs
from digits_hypothesis.files import atomic_path, write_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
digits = load_digits()
log.info("loaded %d images of shape %s", *digits.images.shape[:1], digits.images.shape[1:])

with atomic_path(smk.output.data) as tmp, open(tmp, "wb") as handle:
    np.savez(handle, images=digits.images, target=digits.target)
write_json(smk.output.description, data.describe(digits.images, digits.target, digits.DESCR))
