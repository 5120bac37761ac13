"""Cost of the run: wall time and peak memory per rule, from every other job's benchmark."""

from digits_hypothesis import cost, logs
from digits_hypothesis.plots import cost as cost_figure
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
table = cost.by_rule(list(smk.input.benchmarks))
cost.TABLE.write_frame(smk.output.csv, table)
save_figure(cost_figure.figure(table), smk.output.plot)
log.info("%d benchmark files, %d rules", len(smk.input.benchmarks), len(table))
