"""Per split: the test images with their predictions, the confusion matrix, the mistakes."""

from digits_hypothesis import cached_data, logs, study
from digits_hypothesis.plots import splits

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, labels = cached_data.load_cached(smk.input.data)

for split, predictions, *paths in zip(
    smk.params.splits,
    smk.input.predictions,
    smk.output.test_images,
    smk.output.confusion,
    smk.output.misclassified,
):
    rows = study.PREDICTIONS.read(predictions)
    splits.draw_split(split, images, labels, rows, smk.params.gallery_size, paths)
    log.info("case %s, seed %s: drew %s", split["case"], split["seed"], ", ".join(paths))
