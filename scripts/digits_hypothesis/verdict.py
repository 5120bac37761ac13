"""From per-split scores to per-case and overall verdicts (numbers first, then words)."""

from __future__ import annotations

import numpy as np

from digits_hypothesis import metrics, stats, study


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


def score_split(split: dict, true, predicted, n_samples: int, n_classes: int, hyp: dict) -> dict:
    """Everything score.json holds for one split of the study."""
    true, predicted = np.asarray(true), np.asarray(predicted)
    n_test, n_correct = len(true), int((true == predicted).sum())
    matrix = metrics.confusion_matrix(true, predicted, n_classes)
    per_class = metrics.per_class_metrics(matrix)
    return {
        **split,
        **split_score(n_correct, n_test, n_samples - n_test, hyp),
        "macro_f1": float(np.mean([row["f1"] for row in per_class])),
        "per_class": per_class,
        "confusion_matrix": matrix.tolist(),
    }


def new_writers_evidence(true, predicted, n_train: int, n_classes: int, hyp: dict) -> dict:
    """The claim's model on digits by writers outside its data (score.json of the new
    writers): one prediction per digit, so the exact binomial test applies as it stands,
    scored as a split is (both tails at alpha, the Clopper-Pearson interval)."""
    score = score_split({}, true, predicted, n_train + len(true), n_classes, hyp)
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


def case_evidence(scores: list[dict], hyp: dict, min_n: int) -> dict:
    """Accuracy across a case's seeds, the test that decides the case and its interval.

    Two or more splits: the corrected resampled t-test and its interval of the mean (splits
    overlap, so a pooled binomial test would overstate confidence). One split, or all
    splits equal (t undefined): the exact binomial test and Clopper-Pearson interval of the
    least favourable split.
    """
    threshold, alpha = hyp["threshold"], hyp["alpha"]
    accuracies = np.array([s["accuracy"] for s in scores])
    n_test, n_train = scores[0]["n_test"], scores[0]["n_train"]
    evidence = {
        "n_splits": len(scores),
        "test_size": scores[0]["test_size"],
        "stratify": scores[0]["stratify"],
        "n_test": n_test,
        "n_train": n_train,
        "mean_accuracy": float(accuracies.mean()),
        "sd_accuracy": float(accuracies.std(ddof=1)) if len(scores) > 1 else None,
        "min_accuracy": float(accuracies.min()),
        "max_accuracy": float(accuracies.max()),
        "splits_supported": sum(s["verdict"] == stats.SUPPORTED for s in scores),
        "splits_refuted": sum(s["verdict"] == stats.REFUTED for s in scores),
        "informative": n_test >= min_n,
        "t": None,
        "dof": None,
    }
    t_test = stats.corrected_resampled_t(accuracies, n_test, n_train, threshold)
    if t_test is not None:
        t, dof = t_test
        low, high = stats.corrected_t_interval(accuracies, n_test, n_train, hyp["confidence"])
        low, high = max(low, 0.0), min(high, 1.0)  # an accuracy: the t interval, within 0-1
        evidence.update(
            method="corrected resampled t-test",
            t=float(t),
            dof=int(dof),
            p_supported=stats.t_greater_p(t, dof),
            p_refuted=stats.t_less_p(t, dof),
        )
    else:
        worst = min(scores, key=lambda s: s["n_correct"])
        k, n = worst["n_correct"], worst["n_test"]
        reason = "one split" if len(scores) == 1 else "all splits scored the same, t undefined"
        low, high = stats.clopper_pearson(k, n, hyp["confidence"])
        evidence.update(
            method=f"exact binomial test ({reason})",
            p_supported=worst["p_value"],
            p_refuted=stats.binomial_p_less(k, n, threshold),
        )
    # the interval of the test that decides: corrected t (of the mean), or Clopper-Pearson
    evidence.update(confidence=hyp["confidence"], ci_low=low, ci_high=high)
    evidence["verdict"] = stats.decide(evidence["p_supported"], evidence["p_refuted"], alpha)
    return evidence


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
            f"Accuracy is significantly below {pct} in {', '.join(refuting)} "
            f"(one-sided p < {alpha}/{m} after Bonferroni correction)."
        )
    elif not not_supporting:
        lows = min(c["mean_accuracy"] for c in informative.values())
        verdict = stats.SUPPORTED
        reason = (
            f"Every one of the {m} informative cases shows accuracy significantly above {pct} "
            f"(each p < {alpha}); the lowest mean accuracy is {lows:.1%}."
        )
    else:
        verdict = stats.INCONCLUSIVE
        weak = [
            f"{n} ({informative[n]['n_train']} training {nouns}, mean "
            f"{informative[n]['mean_accuracy']:.1%})"
            for n in not_supporting
        ]
        supported = [n for n in informative if n not in not_supporting]
        reason = (
            f"No case refutes the claim, but {', '.join(weak)} "
            f"{'does' if len(weak) == 1 else 'do'} not show accuracy significantly above "
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
    row = dict(score)
    for c in score["per_class"]:
        row.update({f"{m}_{c['label']}": c[m] for m in ("precision", "recall", "f1")})
    return row


def aggregate(scores: list[dict], hyp: dict, claim: str, nouns: str = "images"):
    """The summary rows of every split's score, and the per-case and overall verdicts."""
    min_n = stats.min_supporting_n(hyp["threshold"], hyp["alpha"])
    by_case = study.by_case(scores)
    cases = {name: case_evidence(group, hyp, min_n) for name, group in by_case.items()}
    result = {
        "claim": claim,
        "hypothesis": hyp,
        "min_supporting_n_test": min_n,
        "overall": overall(cases, hyp, min_n, nouns),
        "cases": cases,
    }
    summary = [summary_row(s) for group in by_case.values() for s in group]
    return summary, result
