"""Sensitivity, one batch: the claim's model at one value of the grid's first parameter and
every value of its second, on the splits of a few seeds."""

from digits_hypothesis import fitting, logs, sensitivity

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
names = smk.params.names
tasks = sensitivity.tasks(
    smk.params.batch, smk.params.model, names, smk.params.test_size, smk.params.stratify
)
fits = fitting.fit_all(tasks, smk.input.data, log)
sensitivity.fits_table(*names).write(
    smk.output.csv, [sensitivity.fit_row(task, fitted, names) for task, fitted in fits]
)
