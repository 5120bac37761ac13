"""Score every split, then test the claim per case and overall.

Writes each split's score.json, one summary row per split, and hypothesis.json. Only numpy
and scipy are needed, so this runs without scikit-learn.
"""

from digits_hypothesis import logs, stats, verdict
from digits_hypothesis.files import read_csv, read_json, write_csv, write_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
hyp = smk.params.hypothesis
n_samples = read_json(smk.input.description)["n_samples"]
min_n = stats.min_supporting_n(hyp["threshold"], hyp["alpha"])

by_case: dict[str, list[dict]] = {}
for split, predictions, score_path in zip(
    smk.params.splits, smk.input.predictions, smk.output.scores, strict=True
):
    rows = read_csv(predictions)
    true = [int(r["true_label"]) for r in rows]
    predicted = [int(r["predicted_label"]) for r in rows]
    score = verdict.score_split(split, true, predicted, n_samples, hyp)
    write_json(score_path, score)
    by_case.setdefault(split["case"], []).append(score)

COLUMNS = [
    "case",
    "seed",
    "test_size",
    "stratify",
    "n_train",
    "n_test",
    "n_correct",
    "accuracy",
    "ci_low",
    "ci_high",
    "p_value",
    "verdict",
    "macro_f1",
]
# Per-digit columns stay empty for a digit absent from a split's test part and predictions.
CLASS_COLUMNS = [f"{m}_{d}" for m in ("precision", "recall", "f1") for d in range(10)]
summary = []
for scores in by_case.values():
    for s in scores:
        row = {c: s[c] for c in COLUMNS}
        for c in s["per_class"]:
            row.update({f"{m}_{c['label']}": c[m] for m in ("precision", "recall", "f1")})
        summary.append(row)
write_csv(smk.output.summary, summary, COLUMNS + CLASS_COLUMNS)

cases = {name: verdict.case_evidence(scores, hyp, min_n) for name, scores in by_case.items()}
result = {
    "claim": smk.params.claim,
    "hypothesis": hyp,
    "min_supporting_n_test": min_n,
    "overall": verdict.overall(cases, hyp, min_n),
    "cases": cases,
}
write_json(smk.output.hypothesis, result)
log.info("overall verdict: %s", result["overall"]["verdict"])
