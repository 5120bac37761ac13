"""Each case's split accuracies and intervals against the claimed threshold."""

from digits_hypothesis import drawing, logs, study

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
by_case: dict[str, list[dict]] = {}
for row in study.SUMMARY.read(smk.input.summary):
    by_case.setdefault(row["case"], []).append(row)
fig = drawing.accuracy_by_case(by_case, smk.params.threshold)
drawing.save_figure(fig, smk.output.plot)
log.info("plotted %d cases", len(by_case))
