"""Sensitivity heatmap: mean accuracy over the (gamma, C) grid with the threshold as a contour."""

from digits_hypothesis import analysis_drawing, drawing, logs
from digits_hypothesis.files import read_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
grid = [
    {
        "gamma": float(r["gamma"]),
        "C": float(r["C"]),
        "mean_accuracy": float(r["mean_accuracy"]),
        "verdict": r["verdict"],
    }
    for r in read_csv(smk.input.grid)
]
claim = smk.params.claim
fig = analysis_drawing.sensitivity(
    grid, smk.params.threshold, (float(claim[0]), float(claim[1])) if claim else None
)
drawing.save_png(fig, smk.output.plot)
log.info("plotted %d grid points", len(grid))
