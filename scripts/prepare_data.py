"""Load the claim's data set once (it ships with scikit-learn); cache it and describe it."""

import numpy as np
from sklearn import datasets

from digits_hypothesis import data, logs
from digits_hypothesis.files import atomic_path, write_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
facts = smk.params.data
loaded = getattr(datasets, f"load_{facts['cache']}")()

with atomic_path(smk.output.data) as tmp, open(tmp, "wb") as handle:
    if facts["images"]:
        np.savez(handle, images=loaded.images, target=loaded.target)
    else:
        np.savez(handle, features=loaded.data, target=loaded.target)
if facts["images"]:
    description = data.describe(loaded.images, loaded.target, loaded.DESCR)
else:
    names = [str(name) for name in loaded.feature_names]
    description = data.describe_table(loaded.data, loaded.target, facts, names, loaded.DESCR)
write_json(smk.output.description, description)
log.info("loaded %d %ss, %d features", len(loaded.target), facts["noun"], loaded.data.shape[1])
