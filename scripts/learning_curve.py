"""Learning curve: every batch in one table with intervals, and per training size its seeds
judged as a case is (corrected resampled t-test), the sizes as one family (Holm)."""

import pandas as pd

from digits_hypothesis import learning_curve, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows, sizes = learning_curve.combine(
    pd.concat(learning_curve.FITS.read_frame(path) for path in smk.input.batches),
    smk.params.hypothesis,
    smk.params.test_size,
    smk.params.stratify,
)
learning_curve.CURVE.write_frame(smk.output.csv, rows)
learning_curve.SIZES.write(smk.output.sizes, sizes)
log.info("%d splits over %d training sizes", len(rows), len(sizes))
