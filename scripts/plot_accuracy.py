"""Each case's split accuracies and intervals against the claimed threshold."""

from digits_hypothesis import drawing, logs, study

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
summary = study.summary_table(smk.params.n_classes).read(smk.input.summary)
by_case = study.by_case(summary)
drawing.save_figure(drawing.accuracy_by_case(by_case, smk.params.threshold), smk.output.plot)
log.info("plotted %d cases", len(by_case))
