"""Split, fit and predict for a batch of splits; one model file and one prediction CSV each.

One process handles several splits so that scikit-learn is imported once per batch.
"""

from digits_hypothesis import data, fitting, logs, models
from digits_hypothesis.files import write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = data.load_cached(smk.input.data)
features = data.flatten(images)

for split, model_path, predictions_path in zip(
    smk.params.splits, smk.output.models, smk.output.predictions
):
    model, rows = fitting.fit_split(split, features, target, smk.params.model)
    models.save_model(model, model_path)
    write_csv(predictions_path, rows, fitting.PREDICTION_COLUMNS)
    correct = sum(r["true_label"] == r["predicted_label"] for r in rows)
    log.info(
        "case %s, seed %s: %d test, %d correct", split["case"], split["seed"], len(rows), correct
    )
