"""Each case's split accuracies and intervals, and the case's own interval, against the
claimed threshold."""

from digits_hypothesis import logs, study
from digits_hypothesis.files import read_json
from digits_hypothesis.plots import study as study_figures
from digits_hypothesis.plots.style import save_figure

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
splits = study.summary_table(smk.params.n_classes, smk.params.metric).read_frame(smk.input.summary)
cases = read_json(smk.input.hypothesis)["cases"]
figure = study_figures.accuracy_by_case(splits, cases, smk.params.threshold, smk.params.metric)
save_figure(figure, smk.output.plot)
log.info("plotted %d splits of %d cases", len(splits), len(cases))
