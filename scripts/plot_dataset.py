"""Show the data as the original analysis did: the first digit, and the first ten with labels."""

from digits_hypothesis import data, drawing, logs

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = data.load_cached(smk.input.data)

drawing.save_figure(drawing.single_digit(images[0], target[0]), smk.output.first_digit)
first_ten = drawing.digit_gallery(
    images[:10], [f"label {t}" for t in target[:10]], "The first ten images and their labels"
)
drawing.save_figure(first_ten, smk.output.first_ten)
log.info("drew the first digit (label %d) and the first ten", target[0])
