"""Sensitivity: every batch in one table, and the claim tested at each grid point.

Each (gamma, C) is judged as a hypothesis case is: the corrected resampled t-test of its
mean accuracy across seeds against the threshold.
"""

from digits_hypothesis import analysis_stats, logs
from digits_hypothesis.files import read_csv, read_json, write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
hyp = smk.params.hypothesis
n_samples = read_json(smk.input.description)["n_samples"]

rows = [
    {
        "gamma": float(r["gamma"]),
        "C": float(r["C"]),
        "seed": int(r["seed"]),
        "n_test": int(r["n_test"]),
        "n_correct": int(r["n_correct"]),
        "accuracy": float(r["accuracy"]),
        "text": (r["gamma"], r["C"]),  # the values as the config gave them
    }
    for path in smk.input.batches
    for r in read_csv(path)
]
rows.sort(key=lambda r: (r["gamma"], r["C"], r["seed"]))
write_csv(
    smk.output.csv,
    [
        {**{k: v for k, v in r.items() if k != "text"}, "gamma": r["text"][0], "C": r["text"][1]}
        for r in rows
    ],
    analysis_stats.SENSITIVITY_COLUMNS,
)

points: dict[tuple, list[dict]] = {}
for r in rows:
    points.setdefault(r["text"], []).append({**r, "n_train": n_samples - r["n_test"]})
grid = []
for (gamma, c), splits in points.items():
    evidence = analysis_stats.grid_evidence(splits, hyp, smk.params.test_size, smk.params.stratify)
    grid.append(
        {
            "gamma": gamma,
            "C": c,
            "n_splits": evidence["n_splits"],
            "n_test": evidence["n_test"],
            "n_train": evidence["n_train"],
            "mean_accuracy": evidence["mean_accuracy"],
            "sd_accuracy": evidence["sd_accuracy"],
            "min_accuracy": evidence["min_accuracy"],
            "method": evidence["method"],
            "t": evidence["t"],
            "dof": evidence["dof"],
            "p_supported": evidence["p_supported"],
            "p_refuted": evidence["p_refuted"],
            "verdict": evidence["verdict"],
        }
    )
write_csv(smk.output.grid, grid, analysis_stats.GRID_COLUMNS)
supported = sum(g["verdict"] == "supported" for g in grid)
log.info("%d splits, %d grid points, %d supported", len(rows), len(grid), supported)
