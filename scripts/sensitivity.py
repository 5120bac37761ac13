"""Sensitivity: every batch in one table, and the claim tested at each grid point as a case
of the study is (corrected resampled t-test of its mean accuracy across seeds)."""

import pandas as pd

from digits_hypothesis import logs, sensitivity
from digits_hypothesis.files import read_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
names = list(smk.params.grid)
fits = sensitivity.fits_table(*names)
rows, grid = sensitivity.combine(
    pd.concat(fits.read_frame(path) for path in smk.input.batches),
    smk.params.grid,
    smk.params.hypothesis,
    smk.params.test_size,
    smk.params.stratify,
    read_json(smk.input.description)["n_samples"],
)
fits.write_frame(smk.output.csv, rows)
sensitivity.grid_table(*names).write(smk.output.grid, grid)
supported = sum(g["verdict"] == "supported" for g in grid)
log.info("%d splits, %d grid points, %d supported", len(rows), len(grid), supported)
