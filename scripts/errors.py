"""Errors: every sample misclassified in any split of the study, how often, as what, and the
most-confused pairs of classes; for data that are not images, the rows misclassified most
often with their feature values."""

import pandas as pd

from digits_hypothesis import errors, logs, study
from digits_hypothesis.tables import records

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
predictions = pd.concat(study.PREDICTIONS.read_frame(path) for path in smk.input.predictions)
images, pairs = errors.count(predictions)
errors.IMAGES.write_frame(smk.output.errors, images)
errors.PAIRS.write_frame(smk.output.pairs, errors.confused_pairs(pairs, smk.params.top_pairs))
if hasattr(smk.output, "rows"):  # data that are not images
    from digits_hypothesis import cached_data
    from digits_hypothesis.files import read_json

    features, _ = cached_data.load_features(smk.input.data)
    names = read_json(smk.input.description)["feature_names"]
    rows = errors.feature_rows(records(images), features, names, smk.params.gallery_size)
    errors.feature_table(names).write(smk.output.rows, rows)
log.info(
    "%d predictions, %d mistakes, %d samples ever misclassified",
    len(predictions),
    pairs["count"].sum(),
    len(images),
)
