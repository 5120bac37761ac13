"""Sensitivity heatmap: mean accuracy over the grid with the threshold as a contour."""

from digits_hypothesis import drawing, logs, sensitivity

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
names = smk.params.names
grid = sensitivity.grid_table(*names).read(smk.input.grid)
figure = sensitivity.figure(
    grid, names, smk.params.threshold, smk.params.claim, smk.params.estimator
)
drawing.save_figure(figure, smk.output.plot)
log.info("plotted %d grid points", len(grid))
