"""Cost of the run: wall time and peak memory per rule, from every other job's benchmark."""

from digits_hypothesis import analysis_drawing, analysis_stats, drawing, logs
from digits_hypothesis.files import write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = analysis_stats.cost_by_rule(list(smk.input.benchmarks))
write_csv(smk.output.csv, rows, analysis_stats.COST_COLUMNS)
drawing.save_png(analysis_drawing.cost(rows), smk.output.plot)
log.info("%d benchmark files, %d rules", len(smk.input.benchmarks), len(rows))
