"""Each case's split accuracies and intervals against the claimed threshold."""

from digits_hypothesis import drawing, logs
from digits_hypothesis.files import read_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
by_case: dict[str, list[dict]] = {}
for row in read_csv(smk.input.summary):
    by_case.setdefault(row["case"], []).append(
        {
            "accuracy": float(row["accuracy"]),
            "ci_low": float(row["ci_low"]),
            "ci_high": float(row["ci_high"]),
            "verdict": row["verdict"],
        }
    )
fig = drawing.accuracy_by_case(by_case, smk.params.threshold)
drawing.save_png(fig, smk.output.plot)
log.info("plotted %d cases", len(by_case))
