"""One batch of the permutation test: the claim's model refitted on permuted labels of one
case's first split (config hypothesis.permutation_test)."""

from digits_hypothesis import baselines, chance, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = chance.permuted_scores(smk.params.batch, smk.params.model, smk.input.data, log)
baselines.PERMUTED.write(smk.output.csv, rows)
