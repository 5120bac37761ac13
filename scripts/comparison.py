"""Comparison: the claim's model and every other model on the same splits in one table, and
per model the paired accuracy difference: its interval, the corrected resampled t-test and
the equivalence test (TOST), Holm over the models."""

from digits_hypothesis import comparison, logs, study
from digits_hypothesis.files import read_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
splits = smk.params.splits
claim = comparison.claim_rows(splits, [study.PREDICTIONS.read(p) for p in smk.input.predictions])
by_model = {comparison.CLAIM: claim}
for name, path in zip(smk.params.models, smk.input.models, strict=True):
    by_model[name] = comparison.PAIRS.read(path)
comparison.PAIRS.write(smk.output.csv, [row for rows in by_model.values() for row in rows])
summary = comparison.summarise(
    by_model,
    {comparison.CLAIM: smk.params.claim_model, **smk.params.models},
    read_json(smk.input.description)["n_samples"],
    smk.params.hypothesis,
    smk.params.equivalence_margin,
)
comparison.MODELS.write(smk.output.models, summary)
log.info("compared %d models on %d splits", len(summary) - 1, len(claim))
