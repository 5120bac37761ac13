"""Sensitivity heatmap: mean accuracy over the grid with the threshold as a contour."""

import pandas

from digits_hypothesis import logs
from digits_hypothesis.plots import sensitivity
from digits_hypothesis.plots.style import save_figure
from digits_hypothesis.tables import scalar

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
names = smk.params.names
# The two parameters' columns as the config gave them (100 an int, 0.001 a float, text
# as text), so that the claim's point is found among them.
grid = pandas.read_csv(smk.input.grid, dtype=dict.fromkeys(names, str))
grid[names] = grid[names].map(scalar)
figure = sensitivity.figure(
    grid, names, smk.params.threshold, smk.params.claim, smk.params.estimator
)
save_figure(figure, smk.output.plot)
log.info("plotted %d grid points", len(grid))
