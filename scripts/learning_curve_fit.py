"""Learning curve, one batch: the claim's model trained on the first N rows of each training
part (one N, a few seeds) and tested on the whole test part."""

from digits_hypothesis import fitting, learning_curve, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
tasks = learning_curve.tasks(
    smk.params.batch, smk.params.model, smk.params.test_size, smk.params.stratify
)
fits = fitting.fit_all(tasks, smk.input.data, log)
rows = [learning_curve.fit_row(task, fitted) for task, fitted in fits]
learning_curve.FITS.write(smk.output.csv, rows)
