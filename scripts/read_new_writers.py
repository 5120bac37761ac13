"""The claim's model, fitted on every image of Digits, reads the digits of other writers:
one prediction per MNIST digit (score_new_writers tests the claim on them)."""

from digits_hypothesis import cached_data, logs, mnist, models

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = cached_data.load_cached(smk.input.data)
features, labels, rows = mnist.load_cached(smk.input.new_writers)
model = models.build_estimator(smk.params.model).fit(cached_data.flatten(images), target)
predicted = model.predict(cached_data.flatten(features))
mnist.PREDICTIONS.write(
    smk.output.predictions,
    (
        {"source_index": int(r), "true_label": int(t), "predicted_label": int(p)}
        for r, t, p in zip(rows, labels, predicted)
    ),
)
log.info("read %d new writers' digits, fitted on %d images", len(rows), len(target))
