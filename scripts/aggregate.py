"""Score every split, then test the claim per case and overall.

Writes each split's score.json, one summary row per split, and hypothesis.json. Only numpy
and scipy are needed, so this runs without scikit-learn.
"""

from digits_hypothesis import logs, study, verdict
from digits_hypothesis.files import read_json, write_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
scores, summary, result = verdict.aggregate(
    smk.params.splits,
    [study.PREDICTIONS.read(path) for path in smk.input.predictions],
    read_json(smk.input.description)["n_samples"],
    smk.params.hypothesis,
    smk.params.claim,
)
for score, path in zip(scores, smk.output.scores):
    write_json(path, score)
study.SUMMARY.write(smk.output.summary, summary)
write_json(smk.output.hypothesis, result)
log.info("overall verdict: %s", result["overall"]["verdict"])
