"""Errors: every image misclassified in any split of the hypothesis study, how often, as what,
and the most-confused pairs of digits."""

from digits_hypothesis import analysis_stats, logs
from digits_hypothesis.files import write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows, pairs, n_predictions = analysis_stats.count_errors(list(smk.input.predictions))
write_csv(smk.output.errors, rows, analysis_stats.ERROR_COLUMNS)
write_csv(
    smk.output.pairs,
    analysis_stats.confused_pairs(pairs, smk.params.top_pairs),
    analysis_stats.PAIR_COLUMNS,
)
log.info(
    "%d predictions, %d mistakes, %d images ever misclassified",
    n_predictions,
    sum(pairs.values()),
    len(rows),
)
