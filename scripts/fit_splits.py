"""Split, fit and predict for a batch of splits; one model file and one prediction CSV each.

One process handles several splits so that scikit-learn is imported once per batch.
"""

import numpy as np
from sklearn.model_selection import train_test_split

from digits_hypothesis import data, logs, models
from digits_hypothesis.files import write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = data.load_cached(smk.input.data)
features = data.flatten(images)
indices = np.arange(len(target))

for split, model_path, predictions_path in zip(
    smk.params.splits, smk.output.models, smk.output.predictions, strict=True
):
    name = f"case {split['case']!r}, seed {split['seed']}"
    # Splitting the row indices shuffles exactly as splitting the data would.
    train, test = train_test_split(
        indices,
        test_size=split["test_size"],
        random_state=split["seed"],
        stratify=target if split["stratify"] else None,
    )
    try:
        model = models.build_estimator(smk.params.model).fit(features[train], target[train])
        predicted = model.predict(features[test])
    except Exception as error:
        raise RuntimeError(f"{name}: fitting {smk.params.model} failed: {error}") from error
    models.save_model(model, model_path)
    rows = [
        {"sample_index": int(i), "true_label": int(t), "predicted_label": int(p)}
        for i, t, p in zip(test, target[test], predicted)
    ]
    write_csv(predictions_path, rows, ["sample_index", "true_label", "predicted_label"])
    log.info(
        "%s: %d train, %d test, %d correct",
        name,
        len(train),
        len(test),
        int((target[test] == predicted).sum()),
    )
