"""Show the data as the original analysis did: the first digit, and the first ten with labels."""

from digits_hypothesis import cached_data, logs
from digits_hypothesis.plots.splits import digit_gallery, single_digit
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = cached_data.load_cached(smk.input.data)

save_figure(single_digit(images[0], target[0]), smk.output.first_digit)
first_ten = digit_gallery(
    images[:10], [f"label {t}" for t in target[:10]], "The first ten images and their labels"
)
save_figure(first_ten, smk.output.first_ten)
log.info("drew the first digit (label %d) and the first ten", target[0])
