"""Learning curve: accuracy against the number of training images, with the threshold."""

from digits_hypothesis import drawing, learning_curve, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = learning_curve.CURVE.read(smk.input.csv)
sizes = learning_curve.SIZES.read(smk.input.sizes)
drawing.save_figure(learning_curve.figure(rows, sizes, smk.params.threshold), smk.output.plot)
log.info("plotted %d splits", len(rows))
