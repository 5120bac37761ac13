"""Comparison: the claim's model and every other model on the same splits in one table, and
per model the paired accuracy difference: its interval, the corrected resampled t-test and
the equivalence test (TOST), Holm over the models."""

import pandas as pd

from digits_hypothesis import comparison, logs, study
from digits_hypothesis.files import read_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
predictions = [study.PREDICTIONS.read_frame(p) for p in smk.input.predictions]
claim = pd.DataFrame(comparison.claim_rows(smk.params.splits, predictions))
pairs = pd.concat(
    [claim, *(comparison.PAIRS.read_frame(path) for path in smk.input.models)], ignore_index=True
)
comparison.PAIRS.write_frame(smk.output.csv, pairs)
summary = comparison.summarise(
    pairs,
    {comparison.CLAIM: smk.params.claim_model, **smk.params.models},
    read_json(smk.input.description)["n_samples"],
    smk.params.hypothesis,
    smk.params.equivalence_margin,
    smk.params.splits[0].get("folds"),  # a k-fold case's k, else None
)
comparison.MODELS.write(smk.output.models, summary)
log.info("compared %d models on %d splits", len(summary) - 1, len(claim))
