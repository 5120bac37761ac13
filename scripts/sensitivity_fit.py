"""Sensitivity, one batch: SVC at one gamma and every C, on the splits of a few seeds."""

from digits_hypothesis import fitting, logs, sensitivity

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
tasks = sensitivity.tasks(
    smk.params.batch, smk.params.model, smk.params.test_size, smk.params.stratify
)
fits = fitting.fit_all(tasks, smk.input.data, log)
sensitivity.FITS.write(smk.output.csv, [sensitivity.fit_row(task, fitted) for task, fitted in fits])
