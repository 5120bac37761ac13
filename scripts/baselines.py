"""The baselines: scikit-learn's dummy classifiers (majority class, stratified guess) on
every split of the study, split as the study's fits split it; per split, and per case with
the interval a case gets."""

from digits_hypothesis import baselines, chance, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = chance.dummy_scores(smk.params.splits, smk.input.data, log)
baselines.BASELINES.write(smk.output.splits, rows)
scores = baselines.BASELINES.read_frame(smk.output.splits)
folds = {s["case"]: s["folds"] for s in smk.params.splits if s.get("folds")}  # k-fold cases
baselines.BY_CASE.write_frame(
    smk.output.by_case, chance.by_case(scores, smk.params.confidence, folds)
)
