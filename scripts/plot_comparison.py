"""Model comparison: each model's accuracy on the same splits, the claim's model first."""

from digits_hypothesis import comparison, drawing, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
by_model: dict[str, list[float]] = {}
for r in comparison.PAIRS.read(smk.input.csv):  # the claim's rows come first
    by_model.setdefault(r["model"], []).append(r["accuracy"])
drawing.save_figure(comparison.figure(by_model, smk.params.threshold), smk.output.plot)
log.info("plotted %d models", len(by_model))
