"""Fitting one split of the hypothesis study, shared by the workflow's fit step and the
one-process reference in bench/ (so both make exactly the same files)."""

from __future__ import annotations

PREDICTION_COLUMNS = ["sample_index", "true_label", "predicted_label"]


def fit_split(split: dict, features, target, spec: dict):
    """Split as train_test_split does, fit the configured model, predict the test part.

    Returns the fitted model and the prediction rows; a failure names the case and seed.
    """
    from digits_hypothesis import fitting, models

    train, test = fitting.split(target, split["test_size"], split["seed"], split["stratify"])
    name = f"case {split['case']!r}, seed {split['seed']}"
    try:
        model = models.build_estimator(spec).fit(features[train], target[train])
        predicted = model.predict(features[test])
    except Exception as error:
        raise RuntimeError(f"{name}: fitting {spec} failed: {error}") from error
    rows = [
        {"sample_index": int(i), "true_label": int(t), "predicted_label": int(p)}
        for i, t, p in zip(test, target[test], predicted)
    ]
    return model, rows
