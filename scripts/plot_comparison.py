"""Model comparison: each model's accuracy on the same splits, the claim's model first."""

from digits_hypothesis import comparison, logs
from digits_hypothesis.plots import comparison as comparison_figure
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
pairs = comparison.PAIRS.read_frame(smk.input.csv)  # the claim's rows first
save_figure(comparison_figure.figure(pairs, smk.params.threshold), smk.output.plot)
log.info("plotted %d models", pairs["model"].nunique())
