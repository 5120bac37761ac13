"""Learning curve: accuracy against the number of training samples, with the threshold."""

from digits_hypothesis import drawing, learning_curve, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = learning_curve.CURVE.read(smk.input.csv)
sizes = learning_curve.SIZES.read(smk.input.sizes)
fig = learning_curve.figure(rows, sizes, smk.params.threshold, smk.params.nouns)
drawing.save_figure(fig, smk.output.plot)
log.info("plotted %d splits", len(rows))
