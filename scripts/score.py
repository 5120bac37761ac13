"""Score a batch of splits: counts, exact binomial test, interval, verdict, per-digit
metrics and confusion matrix, one score.json each. Only numpy and scipy are needed."""

from digits_hypothesis import logs, study, verdict
from digits_hypothesis.files import read_json, write_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
description = read_json(smk.input.description)
n_samples, n_classes = description["n_samples"], len(description["class_counts"])
for split, predictions, path in zip(smk.params.splits, smk.input.predictions, smk.output.scores):
    rows = study.PREDICTIONS.read(predictions)
    true = [r["true_label"] for r in rows]
    predicted = [r["predicted_label"] for r in rows]
    score = verdict.score_split(split, true, predicted, n_samples, n_classes, smk.params.hypothesis)
    write_json(path, score)
log.info("scored %d splits", len(smk.output.scores))
