"""Errors: every sample misclassified in any split of the study, how often, as what, and the
most-confused pairs of classes; for data that are not images, the rows misclassified most
often with their feature values."""

from digits_hypothesis import errors, logs, study

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, pairs, n_predictions = errors.count(
    study.PREDICTIONS.read(path) for path in smk.input.predictions
)
errors.IMAGES.write(smk.output.errors, images)
errors.PAIRS.write(smk.output.pairs, errors.confused_pairs(pairs, smk.params.top_pairs))
if hasattr(smk.output, "rows"):  # data that are not images
    from digits_hypothesis import data
    from digits_hypothesis.files import read_json

    features, _ = data.load_features(smk.input.data)
    names = read_json(smk.input.description)["feature_names"]
    rows = errors.feature_rows(images, features, names, smk.params.gallery_size)
    errors.feature_table(names).write(smk.output.rows, rows)
log.info(
    "%d predictions, %d mistakes, %d samples ever misclassified",
    n_predictions,
    sum(pairs.values()),
    len(images),
)
