"""The study as the Snakefile sees it: cases, splits, seed batches and their paths.

Standard library only, so parsing the Snakefile stays cheap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from digits_hypothesis.tables import Table, boolean, number

# The one result path the package knows: where each split's files go, which the rules
# expand for every split and the report links to. Every other result path is written in the
# rule that makes it (rules/*.smk), and reaches a script through its snakemake object.
SPLITS_DIR = "results/splits"
# A split's three figures: {report key: file name}.
SPLIT_FIGURES = {
    "test_images": "test_images.svg",
    "confusion": "confusion_matrix.svg",
    "misclassified": "misclassified.svg",
}
# The figures the report inlines (it shows each confusion matrix as a table of numbers).
REPORT_FIGURES = {key: SPLIT_FIGURES[key] for key in ("test_images", "misclassified")}

# The verdicts of a split, a case and the claim (stats.py decides them; this module, which
# imports no scipy, names them for the steps that only read them).
SUPPORTED, REFUTED, INCONCLUSIVE = "supported", "refuted", "inconclusive"

# Each split's predictions.csv: one row per test image, in train_test_split's order.
PREDICTIONS = Table(sample_index=int, true_label=int, predicted_label=int)

# The columns of a split's score (verdict.split_score) in every table of splits.
SPLIT_SCORE = {
    "n_train": int,
    "n_test": int,
    "n_correct": int,
    "accuracy": float,
    "ci_low": float,
    "ci_high": float,
    "p_value": float,
    "p_refuted": float,
    "verdict": str,
}


# The columns of a point judged as a case is, one of a family (verdict.case_evidence and
# verdict.family): a sensitivity grid point, a learning curve's training size.
FAMILY_POINT = {
    "n_splits": int,
    "n_test": int,
    "n_train": int,
    "mean_accuracy": float,
    "sd_accuracy": float,
    "min_accuracy": float,
    "method": str,
    "t": float,
    "dof": int,
    "ci_low": float,
    "ci_high": float,
    "p_supported": float,
    "p_refuted": float,
    "p_supported_holm": float,
    "p_refuted_holm": float,
    "verdict": str,
}


def summary_table(n_classes: int, metric: str = "accuracy") -> Table:
    """One row per split; per-class columns (by label code) stay empty for a class absent
    from a split's test part and predictions. A claim on another metric than accuracy adds
    its value, ``metric_value``, after ``accuracy`` (the interval, p-values and verdict are
    then the metric's: verdict.score_split)."""
    score = dict(SPLIT_SCORE)
    if metric != "accuracy":
        items = list(SPLIT_SCORE.items())
        at = list(SPLIT_SCORE).index("accuracy") + 1
        score = dict(items[:at] + [("metric_value", float)] + items[at:])
    return Table(
        case=str,
        seed=int,
        test_size=number,
        stratify=boolean,
        **score,
        macro_f1=float,
        **{f"{m}_{c}": float for m in ("precision", "recall", "f1") for c in range(n_classes)},
    )


@dataclass(frozen=True)
class Split:
    """One split of a case. A test-size case's split is drawn by train_test_split with
    random_state = ``seed``; a k-fold case's (``folds`` set) is split number ``seed`` = j =
    repeat * folds + fold of RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats,
    random_state=random_state), or RepeatedKFold without stratify (fitting.split)."""

    case: str
    seed: int
    test_size: float | int | None
    stratify: bool
    folds: int | None = None
    repeats: int | None = None
    random_state: int | None = None

    def path(self, name: str, folder: str = SPLITS_DIR) -> str:
        return split_path(folder, self.case, self.seed, name)


def split_path(folder: str, case: str, seed: int, name: str) -> str:
    """A per-split file: {folder}/{case}/{seed}/{name}."""
    return f"{folder}/{case}/{seed}/{name}"


def n_test_for(test_size: float | int, n_samples: int) -> int:
    """Test-set size exactly as train_test_split computes it (ceil of the fraction)."""
    if isinstance(test_size, float):
        return math.ceil(test_size * n_samples)
    return int(test_size)


def case_seeds(case: dict) -> list[int]:
    """A case's seeds: the explicit list, or 0..repeats-1; a k-fold case's split numbers
    0..folds*repeats-1."""
    if "folds" in case:
        return list(range(case["folds"] * case["repeats"]))
    if "seeds" in case:
        return sorted(case["seeds"])
    return list(range(case["repeats"]))


def normalise_cases(cases: dict) -> dict:
    """Each case with defaults filled in and ``repeats`` turned into a seed list."""
    out = {}
    for name, case in cases.items():
        out[name] = {
            "test_size": case.get("test_size"),  # None for a k-fold case
            "seeds": case_seeds(case),
            "stratify": bool(case.get("stratify", False)),
        }
        if "folds" in case:
            out[name].update(kfold_of_case(case))
    return out


# What a k-fold case's splits carry beyond a test-size case's (split records, score.json,
# hypothesis.json's cases): only k-fold cases have them, so other cases keep their bytes.
KFOLD_KEYS = ("folds", "repeats", "random_state")


def kfold_of_case(case: dict) -> dict:
    """A k-fold case of the config as its splits carry it (``seed`` is the random_state)."""
    return {"folds": case["folds"], "repeats": case["repeats"], "random_state": case.get("seed", 0)}


def is_kfold(case: dict) -> bool:
    """Whether a case (normalised) or a split record is of a k-fold case."""
    return case.get("folds") is not None


def case_text(case: dict) -> str:
    """How the report names a case's splits: its test size, or "10-fold × 10 (stratified)"."""
    if not is_kfold(case):
        return str(case["test_size"])
    stratified = " (stratified)" if case["stratify"] else ""
    return f"{case['folds']}-fold × {case['repeats']}{stratified}"


def case_n_test(case: dict, n_samples: int) -> int:
    """A case's test-set size: as train_test_split gives it, or a k-fold case's smallest
    fold (n // k; the folds hold n // k or n // k + 1 rows)."""
    if is_kfold(case):
        return n_samples // case["folds"]
    return n_test_for(case["test_size"], n_samples)


def all_splits(cases: dict) -> list[Split]:
    return [
        Split(name, seed, case["test_size"], case["stratify"], *map(case.get, KFOLD_KEYS))
        for name, case in cases.items()
        for seed in case["seeds"]
    ]


def seed_batch(seed: int, batch_size: int) -> str:
    """The batch a seed falls in: batch k holds seeds k*B .. k*B+B-1 (``seeds_0_9``).

    Keyed by seed value, not position, so adding a seed re-runs only the batch it falls in.
    Every batched step (the study's fits and plots, the analyses' fits) batches this way.
    """
    first = seed // batch_size * batch_size
    return f"seeds_{first}_{first + batch_size - 1}"


def batches(splits: list[Split], batch_size: int) -> dict[str, list[Split]]:
    """One case's splits grouped into jobs by :func:`seed_batch`.

    One job per batch imports scikit-learn once for many splits. Batches stay within a
    case, so a case that fails (or changes) takes no other case's splits with it.
    """
    grouped: dict[str, list[Split]] = {}
    for split in splits:
        grouped.setdefault(f"{split.case}__{seed_batch(split.seed, batch_size)}", []).append(split)
    return grouped


def batch_name(step: str, batch: str) -> str:
    """Rule name of one batch job, e.g. ``fit__test_25__seeds_0_9``."""
    return f"{step}__{batch}"


def slurm_minutes(seconds: float) -> int:
    """Wall time to ask Slurm for, for a job that took ``seconds`` on the benchmark machine
    (bench/README.md): three times as long, in whole minutes, at least 2."""
    return max(2, math.ceil(3 * seconds / 60))


def list_images(folder: str) -> list[str]:
    """Every file in the own-images folder (sorted, hidden files and READMEs left out).

    Files that are not images are listed too: reading them gives a clear per-file error.
    """
    path = Path(folder)
    if not path.is_dir():
        return []
    return sorted(
        p.name
        for p in path.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.lower().startswith("readme")
    )


def split_records(splits: list[Split]) -> list[dict]:
    """Plain records of splits for ``params:`` (a change to any field re-runs the job)."""
    records = []
    for s in splits:
        record = {"case": s.case, "seed": s.seed, "test_size": s.test_size, "stratify": s.stratify}
        if s.folds is not None:
            record.update(folds=s.folds, repeats=s.repeats, random_state=s.random_state)
        records.append(record)
    return records


def model_text(model: dict) -> str:
    """A model spec of the config in words: ``svc(gamma=0.001, C=100)``."""
    params = ", ".join(f"{k}={v!r}" for k, v in model.get("params", {}).items())
    scaled = "StandardScaler + " if model.get("scale") else ""
    return f"{scaled}{model['estimator']}({params})"


# What a claim on each metric (config hypothesis.metric) says the model does, in words.
METRIC_CLAIMS = {
    # per-{cls}: the class word has no plural here ("species", "diagnosis")
    "balanced_accuracy": "reaches a balanced accuracy (the mean of its per-{cls} recalls) "
    "of at least {pct}",
    "macro_f1": "reaches a macro-averaged F1 (the mean of its per-{cls} F1 scores) of at least "
    "{pct}",
    "min_class_recall": "recognises every {cls} at least {pct} of the time (the lowest "
    "per-{cls} recall)",
}


def claim_text(model: dict, threshold: float, data=None, metric: str = "accuracy") -> str:
    """The claim in words; ``data`` (datasets.Facts) names the data set (Digits if None)."""
    if data is None or data.images:
        trained_on, predicts, cls = "scikit-learn's Digits data", "the digit", "digit"
    else:
        trained_on, predicts, cls = data.title, f"the {data.class_word}", data.class_word
    if metric != "accuracy":
        does = METRIC_CLAIMS[metric].format(cls=cls, pct=f"{threshold:.0%}")
        return f"{model_text(model)} trained on {trained_on} {does}."
    return (
        f"{model_text(model)} trained on {trained_on} "
        f"predicts {predicts} correctly at least {threshold:.0%} of the time."
    )
