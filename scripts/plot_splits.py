"""Per split: the test images with their predictions, the confusion matrix, the mistakes."""

import numpy as np

from digits_hypothesis import data, drawing, logs, stats
from digits_hypothesis.files import read_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, _ = data.load_cached(smk.input.data)
most = smk.params.gallery_size

for split, predictions, gallery, heatmap, mistakes in zip(
    smk.params.splits,
    smk.input.predictions,
    smk.output.test_images,
    smk.output.confusion,
    smk.output.misclassified,
    strict=True,
):
    rows = read_csv(predictions)
    index = np.array([int(r["sample_index"]) for r in rows])
    true = np.array([int(r["true_label"]) for r in rows])
    predicted = np.array([int(r["predicted_label"]) for r in rows])
    label = f"{split['case']}, seed {split['seed']}"
    shown = f"first {most} of {len(rows)}" if len(rows) > most else f"all {len(rows)}"

    fig = drawing.prediction_gallery(
        images[index[:most]], true[:most], predicted[:most], f"{label}: {shown} test images"
    )
    drawing.save_png(fig, gallery)

    matrix = stats.confusion_matrix(true, predicted)
    drawing.save_png(drawing.confusion_heatmap(matrix, f"{label}: confusion matrix"), heatmap)

    wrong = np.nonzero(true != predicted)[0]
    title = f"{label}: {len(wrong)} misclassified (true → predicted)"
    if len(wrong) > most:
        title = f"{label}: first {most} of {len(wrong)} misclassified (true → predicted)"
    wrong = wrong[:most]
    fig = drawing.misclassified_gallery(images[index[wrong]], true[wrong], predicted[wrong], title)
    drawing.save_png(fig, mistakes)
    log.info("%s: drew %d test images, %d mistakes", label, min(most, len(rows)), len(wrong))
