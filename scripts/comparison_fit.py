"""Comparison, one model: fitted on every split of the compared case (the same training and
test images as the hypothesis study) and paired with the claim's predictions per image."""

import numpy as np

from digits_hypothesis import analysis_stats, data, fitting, logs
from digits_hypothesis.files import read_csv, write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = data.load_cached(smk.input.data)
features = data.flatten(images)
model = smk.wildcards.model

rows = []
for split, predictions in zip(smk.params.splits, smk.input.predictions, strict=True):
    train, test = fitting.split(target, split["test_size"], split["seed"], split["stratify"])
    claim = read_csv(predictions)
    claim_index = np.array([int(r["sample_index"]) for r in claim])
    if not np.array_equal(claim_index, test):
        raise RuntimeError(f"{predictions}: test images differ from the split's own")
    claim_right = np.array([int(r["predicted_label"]) for r in claim]) == target[test]
    name = f"{model}, case {split['case']!r}, seed {split['seed']}"
    predicted = fitting.fit_predict(smk.params.spec, features, target, train, test, name)
    right = predicted == target[test]
    claim_only, model_only = int((claim_right & ~right).sum()), int((right & ~claim_right).sum())
    rows.append(
        {
            "model": model,
            "case": split["case"],
            "seed": split["seed"],
            "n_test": len(test),
            "n_correct": int(right.sum()),
            "accuracy": int(right.sum()) / len(test),
            "claim_only_correct": claim_only,
            "model_only_correct": model_only,
            "mcnemar_p": analysis_stats.mcnemar_p(claim_only, model_only),
        }
    )
    log.info("%s: %d of %d correct", name, int(right.sum()), len(test))
write_csv(smk.output.csv, rows, analysis_stats.COMPARISON_COLUMNS)
