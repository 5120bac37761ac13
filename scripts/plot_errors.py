"""The images misclassified most often across the study's splits, with true and predicted
digits (the most common wrong one) and how often they were wrong."""

from digits_hypothesis import data, drawing, errors, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, _ = data.load_cached(smk.input.data)
rows = errors.IMAGES.read(smk.input.errors)[: smk.params.gallery_size]  # most often first
drawing.save_figure(errors.figure(images, rows), smk.output.plot)
log.info("drew %d images", len(rows))
