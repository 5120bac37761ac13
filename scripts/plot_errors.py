"""The images misclassified most often across the study's splits, with true and predicted
digits (the most common wrong one) and how often they were wrong."""

from digits_hypothesis import cached_data, logs
from digits_hypothesis import errors as counts
from digits_hypothesis.plots import errors
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, _ = cached_data.load_cached(smk.input.data)
rows = counts.IMAGES.read_frame(smk.input.errors).head(smk.params.gallery_size)  # most often first
save_figure(errors.figure(images, rows), smk.output.plot)
log.info("drew %d images", len(rows))
