"""Learning curve: every batch in one table with intervals, and per training size whether
every seed's split supports the claim (exact one-sided binomial test per split)."""

from digits_hypothesis import learning_curve, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows, sizes = learning_curve.combine(
    [row for path in smk.input.batches for row in learning_curve.FITS.read(path)],
    smk.params.hypothesis,
)
learning_curve.CURVE.write(smk.output.csv, rows)
learning_curve.SIZES.write(smk.output.sizes, sizes)
log.info("%d splits over %d training sizes", len(rows), len(sizes))
