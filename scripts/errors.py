"""Errors: every image misclassified in any split of the study, how often, as what, and the
most-confused pairs of digits."""

from digits_hypothesis import errors, logs, study

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, pairs, n_predictions = errors.count(
    study.PREDICTIONS.read(path) for path in smk.input.predictions
)
errors.IMAGES.write(smk.output.errors, images)
errors.PAIRS.write(smk.output.pairs, errors.confused_pairs(pairs, smk.params.top_pairs))
log.info(
    "%d predictions, %d mistakes, %d images ever misclassified",
    n_predictions,
    sum(pairs.values()),
    len(images),
)
