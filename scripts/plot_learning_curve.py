"""Learning curve: accuracy against the number of training samples, with the threshold."""

import pandas

from digits_hypothesis import logs
from digits_hypothesis.plots import learning_curve
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = pandas.read_csv(smk.input.csv)
sizes = pandas.read_csv(smk.input.sizes)
fig = learning_curve.figure(rows, sizes, smk.params.threshold, smk.params.nouns)
save_figure(fig, smk.output.plot)
log.info("plotted %d splits", len(rows))
