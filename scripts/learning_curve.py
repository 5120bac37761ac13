"""Learning curve: every batch in one table with intervals, and per training size its seeds
judged as a case is (corrected resampled t-test), the sizes as one family (Holm)."""

from digits_hypothesis import learning_curve, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows, sizes = learning_curve.combine(
    [row for path in smk.input.batches for row in learning_curve.FITS.read(path)],
    smk.params.hypothesis,
    smk.params.test_size,
    smk.params.stratify,
)
learning_curve.CURVE.write(smk.output.csv, rows)
learning_curve.SIZES.write(smk.output.sizes, sizes)
log.info("%d splits over %d training sizes", len(rows), len(sizes))
