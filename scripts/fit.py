"""Split, fit and predict for a batch of splits; one model file and one prediction CSV each.

One process handles several splits so that scikit-learn is imported once per batch.
"""

from digits_hypothesis import fitting, logs, models, study

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
tasks = [
    fitting.Task(
        f"case {s['case']!r}, seed {s['seed']}",
        smk.params.model,
        s["test_size"],
        s["seed"],
        s["stratify"],
        kfold=fitting.kfold_of(s),
    )
    for s in smk.params.splits
]
fits = fitting.fit_all(tasks, smk.input.data, log)
for (_, fitted), model_path, predictions_path in zip(
    fits, smk.output.models, smk.output.predictions
):
    models.save_model(fitted.model, model_path)
    study.PREDICTIONS.write(predictions_path, fitted.prediction_rows())
