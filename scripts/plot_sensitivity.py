"""Sensitivity heatmap: mean accuracy over the grid with the threshold as a contour."""

from digits_hypothesis import logs, sensitivity
from digits_hypothesis.plots import sensitivity as sensitivity_figure
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
names = smk.params.names
# the two parameters' columns as the config gave them (100 an int, 0.001 a float, text as
# text), so that the claim's point is found among them
grid = sensitivity.grid_table(*names).read_frame(smk.input.grid)
figure = sensitivity_figure.figure(
    grid, names, smk.params.threshold, smk.params.claim, smk.params.estimator
)
save_figure(figure, smk.output.plot)
log.info("plotted %d grid points", len(grid))
