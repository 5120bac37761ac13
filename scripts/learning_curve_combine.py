"""Learning curve: every batch in one table with intervals, and per training size whether
every seed's split supports the claim (exact one-sided binomial test per split)."""

from digits_hypothesis import analysis_stats, logs
from digits_hypothesis.files import read_csv, write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
hyp = smk.params.hypothesis

rows = []
for path in smk.input.batches:
    for r in read_csv(path):
        score = analysis_stats.split_score(
            int(r["n_correct"]), int(r["n_test"]), int(r["n_train"]), hyp
        )
        rows.append({"train_size": int(r["train_size"]), "seed": int(r["seed"]), **score})
rows.sort(key=lambda r: (r["train_size"], r["seed"]))
write_csv(smk.output.csv, rows, analysis_stats.LEARNING_COLUMNS)

by_size: dict[int, list[dict]] = {}
for r in rows:
    by_size.setdefault(r["train_size"], []).append(r)
sizes = []
for size, splits in by_size.items():
    supported = sum(s["verdict"] == "supported" for s in splits)
    sizes.append(
        {
            "train_size": size,
            "n_train": splits[0]["n_train"],
            "n_splits": len(splits),
            "mean_accuracy": sum(s["accuracy"] for s in splits) / len(splits),
            "min_accuracy": min(s["accuracy"] for s in splits),
            "max_p_value": max(s["p_value"] for s in splits),
            "splits_supported": supported,
            "all_supported": supported == len(splits),
        }
    )
write_csv(smk.output.sizes, sizes, analysis_stats.SIZE_COLUMNS)
log.info("%d splits over %d training sizes", len(rows), len(sizes))
