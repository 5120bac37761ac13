"""Model comparison: each model's accuracy on the same splits, the claim's model first."""

import pandas

from digits_hypothesis import logs
from digits_hypothesis.plots import comparison
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
pairs = pandas.read_csv(smk.input.csv, dtype={"model": str, "case": str})  # claim's rows first
save_figure(comparison.figure(pairs, smk.params.threshold), smk.output.plot)
log.info("plotted %d models", pairs["model"].nunique())
