"""Model comparison: each model's accuracy on the same splits, the claim's model first."""

from digits_hypothesis import analysis_drawing, drawing, logs
from digits_hypothesis.files import read_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
by_model: dict[str, list[float]] = {}
for r in read_csv(smk.input.csv):  # the claim's rows come first
    by_model.setdefault(r["model"], []).append(float(r["accuracy"]))
claim = next(iter(by_model.values()))
fig = analysis_drawing.comparison(by_model, sum(claim) / len(claim), smk.params.threshold)
drawing.save_png(fig, smk.output.plot)
log.info("plotted %d models", len(by_model))
