"""Power of the exact binomial test against the test-set size, per assumed true accuracy."""

from digits_hypothesis import analysis_drawing, drawing, logs
from digits_hypothesis.files import read_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
curves: dict[float, tuple[list, list]] = {}
for r in read_csv(smk.input.curve):
    sizes, values = curves.setdefault(float(r["true_accuracy"]), ([], []))
    sizes.append(int(r["n_test"]))
    values.append(float(r["power"]))
table = [
    {
        "true_accuracy": float(r["true_accuracy"]),
        "min_n_test": int(r["min_n_test"]) if r["min_n_test"] else None,
        "power": float(r["power"]),
    }
    for r in read_csv(smk.input.table)
]
fig = analysis_drawing.power(curves, table, smk.params.target_power, smk.params.case_sizes)
drawing.save_png(fig, smk.output.plot)
log.info("plotted %d power curves", len(curves))
