"""The numbers of the extra analyses (see ../shared/reference/statistics.md in the repo notes).

numpy and scipy only: the steps that combine, test and count start without scikit-learn.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import stats as sp

from digits_hypothesis import stats, verdict

BETTER, WORSE, SAME, UNDEFINED = "better", "worse", "no significant difference", "undefined"

SENSITIVITY_COLUMNS = ["gamma", "C", "seed", "n_test", "n_correct", "accuracy"]
GRID_COLUMNS = [
    "gamma",
    "C",
    "n_splits",
    "n_test",
    "n_train",
    "mean_accuracy",
    "sd_accuracy",
    "min_accuracy",
    "method",
    "t",
    "dof",
    "p_supported",
    "p_refuted",
    "verdict",
]
LEARNING_COLUMNS = [
    "train_size",
    "seed",
    "n_train",
    "n_test",
    "n_correct",
    "accuracy",
    "ci_low",
    "ci_high",
    "p_value",
    "verdict",
]
SIZE_COLUMNS = [
    "train_size",
    "n_train",
    "n_splits",
    "mean_accuracy",
    "min_accuracy",
    "max_p_value",
    "splits_supported",
    "all_supported",
]
COMPARISON_COLUMNS = [
    "model",
    "case",
    "seed",
    "n_test",
    "n_correct",
    "accuracy",
    "claim_only_correct",
    "model_only_correct",
    "mcnemar_p",
]
MODEL_COLUMNS = [
    "model",
    "estimator",
    "scale",
    "params",
    "n_splits",
    "mean_accuracy",
    "mean_difference",
    "t",
    "dof",
    "p_value",
    "splits_mcnemar_significant",
    "verdict",
]
POWER_COLUMNS = ["true_accuracy", "min_n_test", "power"]
CURVE_COLUMNS = ["true_accuracy", "n_test", "critical_count", "power"]
CASE_POWER_COLUMNS = ["case", "n_test", "true_accuracy", "power", "min_n_test", "enough"]
ERROR_COLUMNS = [
    "sample_index",
    "true_label",
    "times_tested",
    "times_misclassified",
    "most_common_prediction",
]
PAIR_COLUMNS = ["true_label", "predicted_label", "count", "share_of_errors"]
COST_COLUMNS = [
    "rule",
    "jobs",
    "wall_s_sum",
    "wall_s_max",
    "max_rss_mb_sum",
    "max_rss_mb_max",
]


def split_score(n_correct: int, n_test: int, n_train: int, hyp: dict) -> dict:
    """One split's counts, exact binomial p-value, Clopper-Pearson interval and verdict."""
    ci_low, ci_high = stats.clopper_pearson(n_correct, n_test, hyp["confidence"])
    p_value = stats.binomial_p_value(n_correct, n_test, hyp["threshold"])
    return {
        "n_test": n_test,
        "n_train": n_train,
        "n_correct": n_correct,
        "accuracy": n_correct / n_test,
        "ci_low": ci_low,
        "ci_high": ci_high,
        "p_value": p_value,
        "verdict": stats.split_verdict(p_value, ci_high, hyp["threshold"], hyp["alpha"]),
    }


def grid_evidence(rows: list[dict], hyp: dict, test_size, stratify: bool) -> dict:
    """The hypothesis study's test of one case, for the splits of one grid point:
    the corrected resampled t-test across seeds (exact binomial test with one seed)."""
    scores = [
        {
            **split_score(r["n_correct"], r["n_test"], r["n_train"], hyp),
            "test_size": test_size,
            "stratify": stratify,
        }
        for r in rows
    ]
    min_n = stats.min_supporting_n(hyp["threshold"], hyp["alpha"])
    return verdict.case_evidence(scores, hyp, min_n)


def mcnemar_p(claim_only: int, model_only: int) -> float:
    """Exact two-sided McNemar p-value from the discordant counts b and c."""
    n = claim_only + model_only
    if n == 0:
        return 1.0
    return float(min(1.0, 2 * sp.binom.cdf(min(claim_only, model_only), n, 0.5)))


def paired_difference_test(differences, n_test: int, n_train: int, alpha: float) -> dict:
    """Corrected resampled t-test of mean(model - claim) against 0, two-sided."""
    differences = np.asarray(differences, dtype=float)
    result = {
        "mean_difference": float(differences.mean()),
        "t": None,
        "dof": None,
        "p_value": None,
    }
    t_test = stats.corrected_resampled_t(differences, n_test, n_train, 0.0)
    if t_test is None:
        identical = bool(np.all(differences == 0))
        result["verdict"] = SAME if identical else UNDEFINED
        return result
    t, dof = t_test
    p_value = stats.t_two_sided_p(t, dof)
    result.update(t=float(t), dof=int(dof), p_value=p_value)
    if p_value < alpha:
        result["verdict"] = BETTER if t > 0 else WORSE
    else:
        result["verdict"] = SAME
    return result


def critical_counts(sizes, threshold: float, alpha: float) -> np.ndarray:
    """Per test-set size n, the smallest k with P(X >= k | n, threshold) < alpha (n + 1 when
    even k = n does not reject). Vectorised over n, checked against the direct search."""
    sizes = np.asarray(sizes, dtype=np.int64)
    guess = np.asarray(sp.binom.isf(alpha, sizes, threshold), dtype=np.int64) + 1
    for _ in range(3):  # isf is exact up to rounding at the boundary: settle it
        too_low = sp.binom.sf(guess - 1, sizes, threshold) >= alpha
        guess = np.where(too_low, guess + 1, guess)
        too_high = (guess > 0) & (sp.binom.sf(guess - 2, sizes, threshold) < alpha)
        guess = np.where(too_high, guess - 1, guess)
    return np.minimum(guess, sizes + 1)


def power_curve(max_n: int, threshold: float, alpha: float, true_accuracy: float):
    """Test-set sizes 1..max_n, their critical counts, and the power at each."""
    sizes = np.arange(1, max_n + 1)
    critical = critical_counts(sizes, threshold, alpha)
    power = np.where(critical <= sizes, sp.binom.sf(critical - 1, sizes, true_accuracy), 0.0)
    return sizes, critical, power


def smallest_n(sizes, power, target: float) -> tuple[int | None, float]:
    """The first n whose power reaches the target (power is a saw-tooth in n)."""
    reached = np.nonzero(power >= target)[0]
    if len(reached) == 0:
        return None, float(power.max())
    return int(sizes[reached[0]]), float(power[reached[0]])


def count_errors(prediction_files: list[str]) -> tuple[list[dict], Counter, int]:
    """Per image ever misclassified: times tested, times wrong, most common wrong digit.

    Rows are ordered by times misclassified (most first), then by sample index; ties of
    the most common wrong prediction go to the smaller digit. Also returns the (true,
    predicted) counts of every mistake and the number of predictions read.
    """
    tested: Counter = Counter()
    wrong: dict[int, Counter] = {}
    true_label: dict[int, int] = {}
    pairs: Counter = Counter()
    n_predictions = 0
    for path in prediction_files:
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                index, true, predicted = (
                    int(row["sample_index"]),
                    int(row["true_label"]),
                    int(row["predicted_label"]),
                )
                n_predictions += 1
                tested[index] += 1
                true_label[index] = true
                if predicted != true:
                    wrong.setdefault(index, Counter())[predicted] += 1
                    pairs[(true, predicted)] += 1
    rows = []
    for index, counts in wrong.items():
        top = max(counts.values())
        rows.append(
            {
                "sample_index": index,
                "true_label": true_label[index],
                "times_tested": tested[index],
                "times_misclassified": sum(counts.values()),
                "most_common_prediction": min(d for d, c in counts.items() if c == top),
            }
        )
    rows.sort(key=lambda r: (-r["times_misclassified"], r["sample_index"]))
    return rows, pairs, n_predictions


def confused_pairs(pairs: Counter, top: int) -> list[dict]:
    """The most frequent (true, predicted) mistakes; ties by true, then predicted digit."""
    total = sum(pairs.values())
    ordered = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    return [
        {
            "true_label": true,
            "predicted_label": predicted,
            "count": count,
            "share_of_errors": count / total,
        }
        for (true, predicted), count in ordered[:top]
    ]


def benchmark_rule(path: str) -> str:
    """The rule (or batch step) of a benchmark file: its first folder or name under
    ``benchmarks/``: ``.../benchmarks/fit/seeds_0_4.tsv`` -> ``fit``, ``.../report.tsv`` ->
    ``report``."""
    parts = Path(path).parts
    first = parts[len(parts) - 1 - parts[::-1].index("benchmarks") + 1]
    return first.removesuffix(".tsv")


def read_benchmark(path: str) -> dict:
    """Wall time (s) and peak resident memory (MB) of one job; None where not measured."""
    with open(path, newline="", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle, delimiter="\t"))
    return {"s": _number(row.get("s")), "max_rss": _number(row.get("max_rss"))}


def _number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def cost_by_rule(paths: list[str]) -> list[dict]:
    """Per rule: jobs, wall time (sum, max) and peak memory (sum, max), longest total first."""
    grouped: dict[str, list[dict]] = {}
    for path in paths:
        grouped.setdefault(benchmark_rule(path), []).append(read_benchmark(path))
    rows = []
    for rule, jobs in grouped.items():
        seconds = [j["s"] for j in jobs if j["s"] is not None]
        memory = [j["max_rss"] for j in jobs if j["max_rss"] is not None]
        rows.append(
            {
                "rule": rule,
                "jobs": len(jobs),
                "wall_s_sum": round(sum(seconds), 4) if seconds else None,
                "wall_s_max": round(max(seconds), 4) if seconds else None,
                "max_rss_mb_sum": round(sum(memory), 2) if memory else None,
                "max_rss_mb_max": round(max(memory), 2) if memory else None,
            }
        )
    rows.sort(key=lambda r: (-(r["wall_s_sum"] or 0), r["rule"]))
    return rows
