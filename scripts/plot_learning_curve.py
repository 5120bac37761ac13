"""Learning curve: accuracy against the number of training samples, with the threshold."""

from digits_hypothesis import learning_curve, logs
from digits_hypothesis.plots import learning_curve as learning_curve_figure
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = learning_curve.CURVE.read_frame(smk.input.csv)
sizes = learning_curve.SIZES.read_frame(smk.input.sizes)
fig = learning_curve_figure.figure(rows, sizes, smk.params.threshold, smk.params.nouns)
save_figure(fig, smk.output.plot)
log.info("plotted %d splits", len(rows))
