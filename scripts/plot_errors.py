"""The images misclassified most often across the hypothesis splits, with true and predicted
digits (the most common wrong one) and how often they were wrong."""

from digits_hypothesis import data, drawing, logs
from digits_hypothesis.files import read_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, _ = data.load_cached(smk.input.data)
rows = read_csv(smk.input.errors)[: smk.params.gallery_size]  # most often first
captions = [
    f"{r['true_label']}→{r['most_common_prediction']} "
    f"{r['times_misclassified']}/{r['times_tested']}"
    for r in rows
]
fig = drawing.digit_gallery(
    images[[int(r["sample_index"]) for r in rows]],
    captions,
    "Misclassified most often: true → most common wrong digit, times wrong / times tested",
    [drawing.WRONG] * len(rows),
)
drawing.save_png(fig, smk.output.plot)
log.info("drew %d images", len(rows))
