"""Learning curve: accuracy against the number of training images, with the threshold."""

from digits_hypothesis import analysis_drawing, drawing, logs
from digits_hypothesis.files import read_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = [
    {
        "n_train": int(r["n_train"]),
        "accuracy": float(r["accuracy"]),
        "ci_low": float(r["ci_low"]),
        "ci_high": float(r["ci_high"]),
        "verdict": r["verdict"],
    }
    for r in read_csv(smk.input.csv)
]
sizes = [
    {"n_train": int(s["n_train"]), "mean_accuracy": float(s["mean_accuracy"])}
    for s in read_csv(smk.input.sizes)
]
drawing.save_png(
    analysis_drawing.learning_curve(rows, sizes, smk.params.threshold), smk.output.plot
)
log.info("plotted %d splits", len(rows))
