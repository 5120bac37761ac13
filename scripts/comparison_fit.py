"""Comparison, one model: fitted on every split of the compared case (the same training and
test images as the study) and paired with the claim's predictions image by image."""

from digits_hypothesis import comparison, fitting, logs, study

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
model, splits = smk.wildcards.batch, smk.params.splits
fits = fitting.fit_all(
    comparison.tasks(model, smk.params.batch["spec"], splits), smk.input.data, log
)
rows = [
    comparison.pair_row(model, split, fitted, study.PREDICTIONS.read(claim))
    for split, claim, (_, fitted) in zip(splits, smk.input.predictions, fits, strict=True)
]
comparison.PAIRS.write(smk.output.csv, rows)
