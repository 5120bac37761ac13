"""Comparison: the claim's model and every other model on the same splits in one table, and
per model the corrected resampled t-test of the paired accuracy differences (two-sided)."""

import json

from digits_hypothesis import analysis_stats, logs
from digits_hypothesis.analyses import CLAIM
from digits_hypothesis.files import read_csv, read_json, write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
n_samples = read_json(smk.input.description)["n_samples"]
splits = smk.params.splits

claim_rows = []
for split, path in zip(splits, smk.input.predictions, strict=True):
    predictions = read_csv(path)
    n_correct = sum(r["true_label"] == r["predicted_label"] for r in predictions)
    claim_rows.append(
        {
            "model": CLAIM,
            "case": split["case"],
            "seed": split["seed"],
            "n_test": len(predictions),
            "n_correct": n_correct,
            "accuracy": n_correct / len(predictions),
            "claim_only_correct": 0,
            "model_only_correct": 0,
            "mcnemar_p": 1.0,
        }
    )
by_model = {CLAIM: claim_rows}
for name, path in zip(smk.params.models, smk.input.models, strict=True):
    by_model[name] = read_csv(path)
write_csv(
    smk.output.csv,
    [row for rows in by_model.values() for row in rows],
    analysis_stats.COMPARISON_COLUMNS,
)

claim_accuracy = [r["accuracy"] for r in claim_rows]
n_test = claim_rows[0]["n_test"]
specs = {CLAIM: smk.params.claim_model, **smk.params.models}
alpha = smk.params.alpha
summary = []
for name, rows in by_model.items():
    accuracy = [float(r["accuracy"]) for r in rows]
    differences = [a - c for a, c in zip(accuracy, claim_accuracy, strict=True)]
    test = analysis_stats.paired_difference_test(differences, n_test, n_samples - n_test, alpha)
    spec = specs[name]
    summary.append(
        {
            "model": name,
            "estimator": spec["estimator"],
            "scale": bool(spec.get("scale", False)),
            "params": json.dumps(spec.get("params", {}), sort_keys=True),
            "n_splits": len(rows),
            "mean_accuracy": sum(accuracy) / len(accuracy),
            **test,
            "splits_mcnemar_significant": sum(float(r["mcnemar_p"]) < alpha for r in rows),
            "verdict": "the claim's model" if name == CLAIM else test["verdict"],
        }
    )
write_csv(smk.output.models, summary, analysis_stats.MODEL_COLUMNS)
log.info("compared %d models on %d splits", len(summary) - 1, len(claim_rows))
