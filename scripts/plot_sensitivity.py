"""Sensitivity heatmap: mean accuracy over the (gamma, C) grid with the threshold as a contour."""

from digits_hypothesis import drawing, logs, sensitivity

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
grid = sensitivity.GRID.read(smk.input.grid)
drawing.save_figure(
    sensitivity.figure(grid, smk.params.threshold, smk.params.claim), smk.output.plot
)
log.info("plotted %d grid points", len(grid))
