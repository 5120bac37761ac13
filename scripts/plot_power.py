"""Power of the exact binomial test against the test-set size, per assumed true accuracy."""

from digits_hypothesis import drawing, logs, power

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
curve = power.CURVE.read(smk.input.curve)
table = power.TABLE.read(smk.input.table)
fig = power.figure(curve, table, smk.params.target_power, smk.params.case_sizes, smk.params.nouns)
drawing.save_figure(fig, smk.output.plot)
log.info("plotted power curves for %d true accuracies", len(table))
