"""From per-split scores to per-case and overall verdicts (numbers first, then words)."""

from __future__ import annotations

import numpy as np

from digits_hypothesis import metrics, stats
from digits_hypothesis.tables import plain


def split_score(n_correct: int, n_test: int, n_train: int, hyp: dict) -> dict:
    """One split's counts, its exact binomial test, Clopper-Pearson interval and verdict.

    The one scoring of a split: the study's score.json and the analyses' rows use it.
    """
    ci_low, ci_high = stats.clopper_pearson(n_correct, n_test, hyp["confidence"])
    p_value = stats.binomial_p_value(n_correct, n_test, hyp["threshold"])
    p_refuted = stats.binomial_p_less(n_correct, n_test, hyp["threshold"])
    return {
        "n_train": n_train,
        "n_test": n_test,
        "n_correct": n_correct,
        "accuracy": n_correct / n_test,
        "confidence": hyp["confidence"],
        "ci_low": ci_low,
        "ci_high": ci_high,
        "threshold": hyp["threshold"],
        "alpha": hyp["alpha"],
        "p_value": p_value,
        "p_refuted": p_refuted,
        "verdict": stats.decide(p_value, p_refuted, hyp["alpha"]),
    }


def scored_splits(fits, hyp: dict):
    """A DataFrame of fitted splits (counts n_correct, n_test, n_train) with each split's
    exact binomial test (split_score) in place of its counts."""
    import pandas as pd

    scores = [
        split_score(int(k), int(n), int(m), hyp)
        for k, n, m in fits[["n_correct", "n_test", "n_train"]].itertuples(index=False)
    ]
    keys = fits.drop(columns=["n_correct", "n_test", "n_train", "accuracy"])
    return pd.concat([keys.reset_index(drop=True), pd.DataFrame(scores)], axis=1)


def score_split(split: dict, true, predicted, n_samples: int, n_classes: int, hyp: dict) -> dict:
    """Everything score.json holds for one split of the study.

    For a claim on another metric than accuracy (hypothesis.metric), the split's interval,
    p-values and verdict are the metric's percentile bootstrap (metric_test), with the
    metric's value as ``metric_value``; ``accuracy`` and ``n_correct`` stay, as facts."""
    true, predicted = np.asarray(true), np.asarray(predicted)
    n_test, n_correct = len(true), int((true == predicted).sum())
    matrix = metrics.confusion_matrix(true, predicted, n_classes)
    per_class = metrics.per_class_metrics(matrix)
    score = {**split, **split_score(n_correct, n_test, n_samples - n_test, hyp)}
    metric = metrics.metric_of(hyp)
    if metric != "accuracy":
        # the seed of the split's bootstrap: the split's own (0 where it has none)
        score.update(metric_test(true, predicted, n_classes, metric, split.get("seed", 0), hyp))
    return {
        **score,
        "macro_f1": float(np.mean([row["f1"] for row in per_class])),
        "per_class": per_class,
        "confusion_matrix": matrix.tolist(),
    }


def metric_test(true, predicted, n_classes: int, metric: str, seed: int, hyp: dict) -> dict:
    """A split's test of a metric other than accuracy: the percentile bootstrap of the metric
    over the test rows (stratified within true classes, metrics.BOOTSTRAP_RESAMPLES
    resamples, numpy's generator seeded with ``seed``). p_value = the share of resamples at
    or below the threshold, p_refuted = at or above it: supported when p_value < alpha,
    i.e. when the one-sided interval at 1 - alpha (the lower end of the 1 - 2 alpha one)
    lies above the threshold; refuted in mirror image; one level for both tails, as
    stats.decide. The interval kept is the two-sided one at ``confidence``."""
    matrix = metrics.confusion_matrix(true, predicted, n_classes)
    value = float(metrics.metric_values(matrix, metric))
    resamples = metrics.BOOTSTRAP_RESAMPLES
    values = metrics.bootstrap(true, predicted, n_classes, metric, seed, resamples)
    threshold = hyp["threshold"]
    p_value = float(np.count_nonzero(values <= threshold) / resamples)
    p_refuted = float(np.count_nonzero(values >= threshold) / resamples)
    ci_low, ci_high = metrics.percentile_interval(values, (1 - hyp["confidence"]) / 2)
    return {
        "metric": metric,
        "metric_value": value,
        "method": f"percentile bootstrap ({resamples} resamples within true classes)",
        "bootstrap_seed": int(seed),
        "ci_low": ci_low,
        "ci_high": ci_high,
        "p_value": p_value,
        "p_refuted": p_refuted,
        "verdict": stats.decide(p_value, p_refuted, hyp["alpha"]),
    }


def new_writers_evidence(true, predicted, n_train: int, n_classes: int, hyp: dict) -> dict:
    """The claim's model on digits by writers outside its data (score.json of the new
    writers): one prediction per digit, so the exact binomial test applies as it stands,
    scored as a split is (both tails at alpha, the Clopper-Pearson interval)."""
    accuracy = {**hyp, "metric": "accuracy"}  # the new writers are tested on accuracy
    score = score_split({}, true, predicted, n_train + len(true), n_classes, accuracy)
    score["p_supported"] = score.pop("p_value")  # named as a case's, beside p_refuted
    return {"method": "exact binomial test", **score}


# What hypothesis.json keeps of the new writers' score.json (the rest stays there).
NEW_WRITERS_KEYS = [
    "writers", "n_train", "n_test", "n_correct", "accuracy", "confidence", "ci_low", "ci_high",
    "method", "p_supported", "p_refuted", "verdict",
]  # fmt: skip


def new_writers_summary(score: dict) -> dict:
    """The new writers' evidence as hypothesis.json holds it, under ``external``: apart from
    the cases, and not part of the overall verdict (docs/statistics.md says why)."""
    return {key: score[key] for key in NEW_WRITERS_KEYS}


def case_evidence(scores, hyp: dict, min_n: int, metric: str = "accuracy") -> dict:
    """The metric across a case's seeds, the test that decides the case and its interval.

    ``scores``: a DataFrame of the case's split scores (split_score's columns, with
    test_size and stratify; for a metric other than accuracy, score_split's
    ``metric_value`` too). Two or more splits: the corrected resampled t-test and its
    interval of the mean (splits overlap, so a pooled binomial test would overstate
    confidence). One split, or all splits equal (t undefined): the split test of the least
    favourable split (accuracy: exact binomial test and Clopper-Pearson interval; another
    metric: its percentile bootstrap).

    The correction's n_test / n_train is the first split's; a k-fold case's (its splits
    with ``folds`` and ``repeats``, test_size None) is exactly 1 / (folds - 1), as its folds
    differ by a row (Bouckaert & Frank 2004). n_test and n_train are the first split's.

    The keys ``mean_accuracy`` .. ``max_accuracy`` always describe accuracy; for another
    metric, ``metric`` names it and ``mean_value`` .. ``max_value`` describe it, and the test
    (t, interval, p-values, verdict) is on it.
    """
    threshold, alpha = hyp["threshold"], hyp["alpha"]
    accuracies = scores["accuracy"].to_numpy(dtype=float)
    column = "accuracy" if metric == "accuracy" else "metric_value"
    values = scores[column].to_numpy(dtype=float)
    first = scores.iloc[0]
    n_test, n_train = int(first["n_test"]), int(first["n_train"])
    folds = _folds(first)
    kfold = {} if folds is None else {"folds": folds, "repeats": int(first["repeats"])}
    evidence = {
        "n_splits": len(scores),
        "test_size": plain(first["test_size"]),
        "stratify": bool(first["stratify"]),
        **kfold,
        "n_test": n_test,
        "n_train": n_train,
        "mean_accuracy": float(accuracies.mean()),
        "sd_accuracy": float(accuracies.std(ddof=1)) if len(scores) > 1 else None,
        "min_accuracy": float(accuracies.min()),
        "max_accuracy": float(accuracies.max()),
    }
    if metric != "accuracy":
        evidence.update(
            metric=metric,
            mean_value=float(values.mean()),
            sd_value=float(values.std(ddof=1)) if len(scores) > 1 else None,
            min_value=float(values.min()),
            max_value=float(values.max()),
        )
    evidence.update(
        splits_supported=int((scores["verdict"] == stats.SUPPORTED).sum()),
        splits_refuted=int((scores["verdict"] == stats.REFUTED).sum()),
        informative=n_test >= min_n,
        t=None,
        dof=None,
    )
    low, high, worst = interval_of_mean(scores, hyp["confidence"], folds, column)
    reason = "one split" if len(scores) == 1 else "all splits scored the same, t undefined"
    if worst is None:
        ratio = (n_test, n_train) if folds is None else (1, folds - 1)  # n_test / n_train
        t, dof = stats.corrected_resampled_t(values, *ratio, threshold)
        evidence.update(
            method="corrected resampled t-test",
            t=float(t),
            dof=int(dof),
            p_supported=stats.t_greater_p(t, dof),
            p_refuted=stats.t_less_p(t, dof),
        )
    elif metric == "accuracy":
        k, n = int(worst["n_correct"]), int(worst["n_test"])
        evidence.update(
            method=f"exact binomial test ({reason})",
            p_supported=float(worst["p_value"]),
            p_refuted=stats.binomial_p_less(k, n, threshold),
        )
    else:
        evidence.update(
            method=f"percentile bootstrap ({reason})",
            p_supported=float(worst["p_value"]),
            p_refuted=float(worst["p_refuted"]),
        )
    # the interval of the test that decides: corrected t (of the mean), or the worst split's
    evidence.update(confidence=hyp["confidence"], ci_low=low, ci_high=high)
    evidence["verdict"] = stats.decide(evidence["p_supported"], evidence["p_refuted"], alpha)
    return evidence


def interval_of_mean(scores, confidence: float, folds: int | None = None, column="accuracy"):
    """The interval of a group of splits' mean score (``column`` of a DataFrame of split
    scores), as the study gives a case's: the corrected resampled t interval, within 0-1;
    where t is undefined (one split, or every split scored the same), the least favourable
    split's own interval: Clopper-Pearson of the split with fewest correct for accuracy, the
    split's percentile bootstrap for another metric. Returns (low, high, that split's row or
    None). The correction's n_test / n_train is the first split's, or 1 / (folds - 1) for
    the splits of a k-fold case."""
    values = scores[column].to_numpy(dtype=float)
    n_test, n_train = int(scores["n_test"].iloc[0]), int(scores["n_train"].iloc[0])
    ratio = (n_test, n_train) if folds is None else (1, folds - 1)
    interval = stats.corrected_t_interval(values, *ratio, confidence)
    if interval is not None:
        return max(interval[0], 0.0), min(interval[1], 1.0), None
    if column != "accuracy":
        worst = scores.loc[scores[column].idxmin()]  # the first of the lowest
        return float(worst["ci_low"]), float(worst["ci_high"]), worst
    worst = scores.loc[scores["n_correct"].idxmin()]
    low, high = stats.clopper_pearson(int(worst["n_correct"]), int(worst["n_test"]), confidence)
    return low, high, worst


def judge_groups(splits, by: list[str], hyp: dict, metric: str = "accuracy") -> list[dict]:
    """Each group of split scores (a DataFrame grouped by the columns ``by``, in order of
    first appearance) judged as a case is: the study's cases, a learning curve's training
    sizes, a sensitivity grid's points (those on accuracy, whatever the claim's metric)."""
    min_n = stats.min_supporting_n(hyp["threshold"], hyp["alpha"])
    return [
        {**dict(zip(by, map(plain, key))), **case_evidence(group, hyp, min_n, metric)}
        for key, group in splits.groupby(by, sort=False)
    ]


def _folds(split) -> int | None:
    """A split's k of k-fold (a score row's ``folds``), None for a test-size case's split
    (no such column, or empty in a study that mixes both kinds)."""
    folds = split.get("folds")
    return None if folds is None or folds != folds else int(folds)


def family(evidence: list[dict], alpha: float) -> list[dict]:
    """Points judged together (a sensitivity grid, a learning curve's training sizes), each
    as a case is: Holm over the family for each direction, so that the chance of calling
    any point supported wrongly, and of calling any refuted wrongly, is at most alpha. Adds
    ``p_supported_holm`` and ``p_refuted_holm``; ``verdict`` is decided from them."""
    supported = stats.holm([e["p_supported"] for e in evidence])
    refuted = stats.holm([e["p_refuted"] for e in evidence])
    return [
        {**e, "p_supported_holm": s, "p_refuted_holm": r, "verdict": stats.decide(s, r, alpha)}
        for e, s, r in zip(evidence, supported, refuted)
    ]


def overall(cases: dict[str, dict], hyp: dict, min_n: int, nouns: str = "images") -> dict:
    """The claim holds when every informative case supports it (an intersection-union test,
    valid at alpha without correction); it fails when any case refutes it at alpha / m
    (Bonferroni over the m informative cases)."""
    alpha, threshold = hyp["alpha"], hyp["threshold"]
    metric = metrics.metric_of(hyp)
    said = metrics.METRICS[metric]
    mean = "mean_accuracy" if metric == "accuracy" else "mean_value"
    lowest = f"mean {said}" if metric == "accuracy" else "case mean"
    informative = {name: c for name, c in cases.items() if c["informative"]}
    skipped = sorted(set(cases) - set(informative))
    pct = f"{threshold:.0%}" if round(threshold * 100, 6) == int(threshold * 100) else threshold
    note = (
        f" Not counted: {', '.join(skipped)} (test sets under {min_n} {nouns} can never "
        f"support the claim at alpha = {alpha}, whatever the model does)."
        if skipped
        else ""
    )
    if not informative:
        return {
            "verdict": stats.INCONCLUSIVE,
            "reason": f"No case has a test set of at least {min_n} {nouns}, so no result could "
            f"support a {pct} claim at alpha = {alpha}.",
            "informative_cases": [],
        }
    m = len(informative)
    refuting = [n for n, c in informative.items() if c["p_refuted"] < alpha / m]
    not_supporting = [n for n, c in informative.items() if c["verdict"] != stats.SUPPORTED]
    if refuting:
        verdict = stats.REFUTED
        reason = (
            f"{said[0].upper()}{said[1:]} is significantly below {pct} in {', '.join(refuting)} "
            f"(one-sided p < {alpha}/{m} after Bonferroni correction)."
        )
    elif not not_supporting:
        lows = min(c[mean] for c in informative.values())
        verdict = stats.SUPPORTED
        reason = (
            f"Every one of the {m} informative cases shows {said} significantly "
            f"above {pct} (each p < {alpha}); the lowest {lowest} is {lows:.1%}."
        )
    else:
        verdict = stats.INCONCLUSIVE
        weak = [
            f"{n} ({informative[n]['n_train']} training {nouns}, mean {informative[n][mean]:.1%})"
            for n in not_supporting
        ]
        supported = [n for n in informative if n not in not_supporting]
        reason = (
            f"No case refutes the claim, but {', '.join(weak)} "
            f"{'does' if len(weak) == 1 else 'do'} not show {said} significantly above "
            f"{pct} at alpha = {alpha}"
            + (
                f"; {', '.join(supported)} {'does' if len(supported) == 1 else 'do'}."
                if supported
                else "."
            )
        )
    return {
        "verdict": verdict,
        "reason": reason + note,
        "informative_cases": sorted(informative),
    }


def summary_row(score: dict) -> dict:
    row = {k: v for k, v in score.items() if k not in ("per_class", "confusion_matrix")}
    for c in score["per_class"]:
        row.update({f"{m}_{c['label']}": c[m] for m in ("precision", "recall", "f1")})
    return row


def aggregate(scores: list[dict], hyp: dict, claim: str, nouns: str = "images"):
    """The summary (a DataFrame, one row per split, grouped by case in study order) and the
    per-case and overall verdicts."""
    import pandas as pd

    splits = pd.DataFrame([summary_row(s) for s in scores])
    # as given (18 images or a fraction 0.5): one float column would turn 18 into 18.0
    splits["test_size"] = pd.Series([s["test_size"] for s in scores], dtype=object)
    splits = splits.sort_values(
        "case", key=lambda c: c.map({n: i for i, n in enumerate(dict.fromkeys(c))}), kind="stable"
    )
    min_n = stats.min_supporting_n(hyp["threshold"], hyp["alpha"])
    metric = metrics.metric_of(hyp)
    cases = {e.pop("case"): e for e in judge_groups(splits, ["case"], hyp, metric)}
    result = {
        "claim": claim,
        "hypothesis": hyp,
        "min_supporting_n_test": min_n,
        "overall": overall(cases, hyp, min_n, nouns),
        "cases": cases,
    }
    return splits, result
