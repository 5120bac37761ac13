"""Load the claim's data set once (one that ships with scikit-learn, or the user's table);
cache it and describe it."""

import numpy as np

from digits_hypothesis import cached_data, logs
from digits_hypothesis.files import atomic_path, write_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
facts = smk.params.data

if facts["table"]:
    from digits_hypothesis import tabular

    given = facts["table"]
    table = tabular.read(
        given["path"],
        given["label"],
        given["features"],
        sep=given["sep"],  # as the checks found it
        decimal=given["decimal"],
        encoding=given["encoding"],
    )
    features, target = np.array(table.rows, dtype=np.float64), np.array(table.codes)
    arrays = {"features": features, "target": target, "sha256": np.array(table.sha256)}
    description = cached_data.describe_table(
        features, target, facts, table.features, f"{table.path}, label column {table.label!r}"
    )
    description.update(path=table.path, sha256=table.sha256)
else:
    from sklearn import datasets

    loaded = getattr(datasets, f"load_{facts['cache']}")()
    features, target = loaded.data, loaded.target
    if facts["images"]:
        arrays = {"images": loaded.images, "target": target}
        description = cached_data.describe(loaded.images, target, loaded.DESCR)
    else:
        arrays = {"features": features, "target": target}
        names = [str(name) for name in loaded.feature_names]
        description = cached_data.describe_table(features, target, facts, names, loaded.DESCR)

with atomic_path(smk.output.data) as tmp, open(tmp, "wb") as handle:
    np.savez(handle, **arrays)
write_json(smk.output.description, description)
log.info("loaded %d %ss, %d features", len(target), facts["noun"], features.shape[1])
