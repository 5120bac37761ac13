"""Power of the exact binomial test against the test-set size, per assumed true accuracy."""

from digits_hypothesis import logs, power
from digits_hypothesis.plots import power as power_figure
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
curve = power.CURVE.read_frame(smk.input.curve)
table = power.TABLE.read_frame(smk.input.table)
fig = power_figure.figure(
    curve, table, smk.params.target_power, smk.params.case_sizes, smk.params.nouns
)
save_figure(fig, smk.output.plot)
log.info("plotted power curves for %d true accuracies", len(table))
