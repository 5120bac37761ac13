"""Show the data as the original analysis did: the first digit, and the first ten with labels."""

from digits_hypothesis import data, drawing, logs

log = logs.to_file(snakemake.log[0])  # noqa: F821 (injected by Snakemake)
images, target = data.load_cached(snakemake.input.data)  # noqa: F821

drawing.save_png(drawing.single_digit(images[0], target[0]), snakemake.output.first_digit)  # noqa: F821
first_ten = drawing.digit_gallery(
    images[:10], [f"label {t}" for t in target[:10]], "The first ten images and their labels"
)
drawing.save_png(first_ten, snakemake.output.first_ten)  # noqa: F821
log.info("drew the first digit (label %d) and the first ten", target[0])
