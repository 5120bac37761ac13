"""The claim tested on the new writers' digits: exact binomial test, both tails, and the
Clopper-Pearson interval (its own step, so that a new threshold re-scores without re-fitting)."""

from digits_hypothesis import logs, mnist, study, verdict
from digits_hypothesis.files import write_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = mnist.PREDICTIONS.read(smk.input.predictions)
score = verdict.new_writers_evidence(
    [r["true_label"] for r in rows],
    [r["predicted_label"] for r in rows],
    smk.params.n_train,
    len(smk.params.classes),
    smk.params.hypothesis,
)
model = study.model_text(smk.params.model)
write_json(smk.output.score, {"writers": "mnist", "model": model, **score})
log.info("%d of %d correct: %s", score["n_correct"], score["n_test"], score["verdict"])
