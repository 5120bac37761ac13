"""The permutation test per case: its batches against the case's first split as the study
fitted it (that split's predictions.csv)."""

import pandas as pd

from digits_hypothesis import baselines, logs, study

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
permuted = pd.concat([baselines.PERMUTED.read_frame(path) for path in smk.input.batches])
observed = {}
for case, path in zip(smk.params.cases, smk.input.predictions):
    rows = study.PREDICTIONS.read(path)
    observed[case] = (sum(r["true_label"] == r["predicted_label"] for r in rows), len(rows))
result = baselines.permutation_test(permuted, observed)
baselines.PERMUTATION.write_frame(smk.output.csv, result)
for row in result.itertuples():
    log.info("%s: p = %.4g over %d permutations", row.case, row.p_value, row.permutations)
