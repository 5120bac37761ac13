"""Sensitivity: every batch in one table, and the claim tested at each grid point as a case
of the study is (corrected resampled t-test of its mean accuracy across seeds)."""

from digits_hypothesis import logs, sensitivity
from digits_hypothesis.files import read_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows, grid = sensitivity.combine(
    [row for path in smk.input.batches for row in sensitivity.FITS.read(path)],
    smk.params.hypothesis,
    smk.params.test_size,
    smk.params.stratify,
    read_json(smk.input.description)["n_samples"],
)
sensitivity.FITS.write(smk.output.csv, rows)
sensitivity.GRID.write(smk.output.grid, grid)
supported = sum(g["verdict"] == "supported" for g in grid)
log.info("%d splits, %d grid points, %d supported", len(rows), len(grid), supported)
