"""Each case's confusion matrix, summed over its splits, one panel per case."""

from digits_hypothesis import by_digit, logs
from digits_hypothesis.plots import study
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
table = by_digit.CONFUSION.read_frame(smk.input.confusion)
save_figure(study.confusion_by_case(table, smk.params.classes), smk.output.plot)
log.info("plotted the confusion matrices of %d cases", table["case"].nunique())
