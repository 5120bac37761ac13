"""Learning curve: the claim's model trained on only the first N images of each training
part, tested on the whole test part, for each training size and seed.

Steps: ``learning_curve_fit`` (one job per training size and seed batch),
``learning_curve`` (exact test per split; per size the seeds judged as a case, Holm over
the sizes), ``plot_learning_curve`` (its figure: plots/learning_curve.py); the report's
section. Heavy imports live inside the functions.
"""

from __future__ import annotations

from digits_hypothesis import datasets, settings, study
from digits_hypothesis.exceptions import ConfigError
from digits_hypothesis.tables import Table

FITS = Table(train_size=int, seed=int, n_train=int, n_test=int, n_correct=int, accuracy=float)
CURVE = Table(train_size=int, seed=int, **study.SPLIT_SCORE)
# Per training size: its seeds judged as a case is (corrected resampled t-test, its
# interval), the sizes as one family (Holm, verdict.family).
SIZES = Table(train_size=int, **study.FAMILY_POINT, splits_supported=int)


def check(config: dict, cases: dict) -> None:
    block = config["learning_curve"]
    data = datasets.of(config)
    n_test = settings.check_test_size(
        block["test_size"], "learning_curve.test_size", block["stratify"], data
    )
    n_train = data.n_rows - n_test
    too_big = [size for size in block["train_sizes"] if size > n_train]
    if too_big:
        raise ConfigError(
            "learning_curve.train_sizes",
            f"{too_big} exceed the {n_train} training {data.noun}s that test_size "
            f"{block['test_size']!r} leaves",
        )


def batches(config: dict) -> dict[str, dict]:
    """One job per training size and seed batch."""
    block, found = config["learning_curve"], {}
    for size in block["train_sizes"]:
        for seed in sorted(block["seeds"]):
            key = f"train_{size}__{study.seed_batch(seed, config['batch_size'])}"
            found.setdefault(key, {"train_size": size, "seeds": []})
            found[key]["seeds"].append(seed)
    return found


def tasks(batch: dict, model: dict, test_size, stratify: bool) -> list:
    from digits_hypothesis.fitting import Task

    size = batch["train_size"]
    return [
        Task(f"training size {size}, seed {seed}", model, test_size, seed, stratify, size)
        for seed in batch["seeds"]
    ]


def fit_row(task, fitted) -> dict:
    return {
        "train_size": task.train_size,
        "seed": task.seed,
        "n_train": len(fitted.train),
        "n_test": len(fitted.test),
        "n_correct": fitted.n_correct,
        "accuracy": fitted.n_correct / len(fitted.test),
    }


def combine(fits, hyp: dict, test_size, stratify: bool):
    """Every split (a DataFrame of FITS) with its exact test (descriptive), sorted; and per
    training size its seeds judged as a case is, the sizes as one family (Holm)."""
    from digits_hypothesis import verdict

    rows = verdict.scored_splits(fits.sort_values(["train_size", "seed"]), hyp)
    sizes = verdict.judge_groups(
        rows.assign(test_size=test_size, stratify=stratify), ["train_size"], hyp
    )
    return rows, verdict.family(sizes, hyp["alpha"])


def report(files: dict, data: dict) -> dict:
    """The report section's values (its sentences are in its template block)."""
    sizes = SIZES.read(files["sizes"])
    smallest = next((s for s in sizes if s["verdict"] == "supported"), None)
    later = [s for s in sizes if smallest and s["train_size"] > smallest["train_size"]]
    return {
        "plot": files["plot"],
        "sizes": sizes,
        "smallest": smallest,
        "later": later,
        "later_failing": [s["train_size"] for s in later if s["verdict"] != "supported"],
        "n_test": CURVE.read(files["csv"])[0]["n_test"],
    }
