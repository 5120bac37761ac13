"""Test the claim per case and overall from every split's score.json.

Writes one summary row per split, hypothesis.json, each digit's precision and recall and
each case's confusion matrix pooled over the case's splits, and the scores of the splits
the report shows in detail. The splits are grouped with pandas; scikit-learn is not needed.
"""

from digits_hypothesis import by_digit, logs, split_details, study, verdict
from digits_hypothesis.files import read_json, write_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
scores = [read_json(path) for path in smk.input.scores]
summary, result = verdict.aggregate(
    scores, smk.params.hypothesis, smk.params.claim, f"{smk.params.data['noun']}s"
)
table = study.summary_table(
    len(smk.params.data["classes"]), smk.params.hypothesis.get("metric", "accuracy")
)
table.write_frame(smk.output.summary, summary)
if smk.input.new_writers:
    result["external"] = verdict.new_writers_summary(read_json(smk.input.new_writers[0]))
write_json(smk.output.hypothesis, result)
by_digit.BY_DIGIT.write_frame(smk.output.by_digit, by_digit.pooled_metrics(scores))
by_digit.CONFUSION.write_frame(smk.output.confusion, by_digit.pooled_confusion(scores))
write_json(smk.output.report_splits, split_details.select(scores, smk.params.detailed_splits))
log.info("overall verdict: %s", result["overall"]["verdict"])
