"""Learning curve, one batch: the claim's model trained on the first N rows of each training
part (one N, a few seeds) and tested on the whole test part."""

from digits_hypothesis import data, fitting, logs
from digits_hypothesis.files import write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, target = data.load_cached(smk.input.data)
features = data.flatten(images)
size = smk.params.train_size

rows = []
for seed in smk.params.seeds:
    train, test = fitting.split(target, smk.params.test_size, seed, smk.params.stratify)
    first = train[:size]
    name = f"training size {size}, seed {seed}"
    predicted = fitting.fit_predict(smk.params.model, features, target, first, test, name)
    n_correct = int((predicted == target[test]).sum())
    rows.append(
        {
            "train_size": size,
            "seed": seed,
            "n_train": len(first),
            "n_test": len(test),
            "n_correct": n_correct,
            "accuracy": n_correct / len(test),
        }
    )
    log.info("%s: %d of %d correct", name, n_correct, len(test))
write_csv(
    smk.output.csv, rows, ["train_size", "seed", "n_train", "n_test", "n_correct", "accuracy"]
)
