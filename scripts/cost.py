"""Cost of the run: wall time and peak memory per rule, from every other job's benchmark."""

from digits_hypothesis import cost, drawing, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = cost.by_rule(list(smk.input.benchmarks))
cost.TABLE.write(smk.output.csv, rows)
drawing.save_figure(cost.figure(rows), smk.output.plot)
log.info("%d benchmark files, %d rules", len(smk.input.benchmarks), len(rows))
