"""Sensitivity, one batch: SVC at one gamma and every C, on the splits of a few seeds."""

from digits_hypothesis import data, fitting, logs
from digits_hypothesis.files import write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = data.load_cached(smk.input.data)
features = data.flatten(images)
base = smk.params.model
gamma = smk.params.gamma

rows = []
for seed in smk.params.seeds:
    train, test = fitting.split(target, smk.params.test_size, seed, smk.params.stratify)
    for c in smk.params.C:
        spec = {**base, "params": {**base["params"], "gamma": gamma, "C": c}}
        name = f"gamma {gamma}, C {c}, seed {seed}"
        predicted = fitting.fit_predict(spec, features, target, train, test, name)
        n_correct = int((predicted == target[test]).sum())
        rows.append(
            {
                "gamma": gamma,
                "C": c,
                "seed": seed,
                "n_test": len(test),
                "n_correct": n_correct,
                "accuracy": n_correct / len(test),
            }
        )
        log.info("%s: %d of %d correct", name, n_correct, len(test))
write_csv(smk.output.csv, rows, ["gamma", "C", "seed", "n_test", "n_correct", "accuracy"])
