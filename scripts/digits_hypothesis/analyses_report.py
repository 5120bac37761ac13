"""The report's view of the extra analyses: read their outputs into template values.

Numbers are read from the analyses' CSV files (no scipy here: the report step stays light);
the sentences that state what each analysis found are written here, where tests can read them.
"""

from __future__ import annotations

from digits_hypothesis.files import read_csv
from digits_hypothesis.reporting import fmt_pct
from digits_hypothesis.study import N_DIGITS

SUPPORTED = "supported"


def context(files: dict) -> dict:
    """Template values per analysis, from ``{analysis: {key: path(s)}}`` (None: did not run)."""
    builders = {
        "sensitivity": sensitivity,
        "learning_curve": learning_curve,
        "comparison": comparison,
        "power": power,
        "errors": errors,
        "cost": cost,
    }
    return {name: build(files[name]) if name in files else None for name, build in builders.items()}


def _num(text: str):
    return float(text) if text not in ("", None) else None


def _list(items: list[str]) -> str:
    """a, b and c"""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def sensitivity(files: dict) -> dict:
    grid = [
        {
            **g,
            "gamma_value": float(g["gamma"]),
            "C_value": float(g["C"]),
            "mean_accuracy": float(g["mean_accuracy"]),
            "min_accuracy": float(g["min_accuracy"]),
            "p_supported": float(g["p_supported"]),
            "t": _num(g["t"]),
        }
        for g in read_csv(files["grid"])
    ]
    gammas = sorted({g["gamma_value"] for g in grid})
    cs = sorted({g["C_value"] for g in grid})
    cell = {(g["gamma_value"], g["C_value"]): g for g in grid}
    rows = [
        {"gamma": cell[(gamma, cs[0])]["gamma"], "cells": [cell.get((gamma, c)) for c in cs]}
        for gamma in gammas
    ]
    sentences = []
    for gamma in gammas:
        by_verdict: dict[str, list[dict]] = {}
        for c in cs:
            if (gamma, c) in cell:
                by_verdict.setdefault(cell[(gamma, c)]["verdict"], []).append(cell[(gamma, c)])
        parts = []
        for verdict_name in ("supported", "inconclusive", "refuted"):
            points = by_verdict.get(verdict_name, [])
            if not points:
                continue
            accuracies = [p["mean_accuracy"] for p in points]
            span = (
                fmt_pct(accuracies[0])
                if len(points) == 1
                else f"{fmt_pct(min(accuracies))}–{fmt_pct(max(accuracies))}"
            )
            names = _list([p["C"] for p in points])
            which = "every C" if len(points) == len(cs) else f"C = {names}"
            parts.append(f"{verdict_name} for {which} (mean accuracy {span})")
        sentences.append(f"gamma = {cell[(gamma, cs[0])]['gamma']}: {'; '.join(parts)}.")
    n_supported = sum(g["verdict"] == SUPPORTED for g in grid)
    first = grid[0]
    return {
        "plot": files["plot"],
        "c_values": [cell[(gammas[0], c)]["C"] for c in cs],
        "rows": rows,
        "n_points": len(grid),
        "n_supported": n_supported,
        "n_refuted": sum(g["verdict"] == "refuted" for g in grid),
        "n_splits": int(first["n_splits"]),
        "n_test": int(first["n_test"]),
        "n_train": int(first["n_train"]),
        "sentences": sentences,
    }


def learning_curve(files: dict) -> dict:
    sizes = [
        {
            "train_size": int(s["train_size"]),
            "n_train": int(s["n_train"]),
            "n_splits": int(s["n_splits"]),
            "mean_accuracy": float(s["mean_accuracy"]),
            "min_accuracy": float(s["min_accuracy"]),
            "max_p_value": float(s["max_p_value"]),
            "splits_supported": int(s["splits_supported"]),
            "all_supported": s["all_supported"] == "True",
        }
        for s in read_csv(files["sizes"])
    ]
    rows = read_csv(files["csv"])
    smallest = next((s for s in sizes if s["all_supported"]), None)
    if smallest is None:
        finding = (
            "At no training size tried does every seed's split support the claim "
            "(exact binomial test per split)."
        )
    else:
        finding = (
            f"The smallest training size at which every seed's split supports the claim is "
            f"{smallest['train_size']} images (all {smallest['n_splits']} splits, mean accuracy "
            f"{fmt_pct(smallest['mean_accuracy'])})."
        )
        later = [s for s in sizes if s["train_size"] > smallest["train_size"]]
        failing = [str(s["train_size"]) for s in later if not s["all_supported"]]
        if failing:
            finding += f" Some larger sizes do not hold it for every seed: {_list(failing)}."
        elif later:
            finding += " Every larger size tried supports it too."
    return {
        "plot": files["plot"],
        "sizes": sizes,
        "smallest": smallest,
        "finding": finding,
        "n_test": int(rows[0]["n_test"]),
    }


def comparison(files: dict) -> dict:
    models = [
        {
            **m,
            "mean_accuracy": float(m["mean_accuracy"]),
            "mean_difference": float(m["mean_difference"]),
            "t": _num(m["t"]),
            "p_value": _num(m["p_value"]),
            "n_splits": int(m["n_splits"]),
            "splits_mcnemar_significant": int(m["splits_mcnemar_significant"]),
            "scale": m["scale"] == "True",
        }
        for m in read_csv(files["models"])
    ]
    rows = [
        {**r, "accuracy": float(r["accuracy"]), "mcnemar_p": float(r["mcnemar_p"])}
        for r in read_csv(files["csv"])
    ]
    others = models[1:]
    groups = {
        verdict: [m["model"] for m in others if m["verdict"] == verdict]
        for verdict in ("better", "no significant difference", "worse", "undefined")
    }
    parts = []
    if groups["better"]:
        parts.append(f"significantly better than the claim's model: {_list(groups['better'])}")
    if groups["no significant difference"]:
        parts.append(
            "not significantly different (they match it within the noise): "
            + _list(groups["no significant difference"])
        )
    if groups["worse"]:
        parts.append(f"significantly worse: {_list(groups['worse'])}")
    if groups["undefined"]:
        parts.append(f"not testable with one split: {_list(groups['undefined'])}")
    finding = "; ".join(parts)
    return {
        "plot": files["plot"],
        "models": models,
        "rows": rows,
        "case": rows[0]["case"],
        "n_test": int(rows[0]["n_test"]),
        "n_splits": models[0]["n_splits"],
        "finding": finding[:1].upper() + finding[1:] + "." if finding else "",
    }


def power(files: dict) -> dict:
    table = [
        {
            "true_accuracy": float(r["true_accuracy"]),
            "min_n_test": int(r["min_n_test"]) if r["min_n_test"] else None,
            "power": float(r["power"]),
        }
        for r in read_csv(files["table"])
    ]
    by_case: dict[str, list[dict]] = {}
    for r in read_csv(files["cases"]):
        by_case.setdefault(r["case"], []).append(
            {
                "n_test": int(r["n_test"]),
                "true_accuracy": float(r["true_accuracy"]),
                "power": _num(r["power"]),
                "min_n_test": int(r["min_n_test"]) if r["min_n_test"] else None,
                "enough": r["enough"] == "True",
            }
        )
    sentences = [_case_power_sentence(name, rows) for name, rows in by_case.items()]
    return {"plot": files["plot"], "table": table, "sentences": sentences}


def _case_power_sentence(name: str, rows: list[dict]) -> str:
    n = rows[0]["n_test"]
    if all(r["power"] == 0 for r in rows):
        return (
            f"{name} ({n} test images): too small to ever support the claim, however good the "
            f"model is — even a perfect score would not be significant."
        )
    enough = [r for r in rows if r["enough"]]
    short = [r for r in rows if not r["enough"]]
    parts = []
    if enough:
        parts.append(
            "large enough if the true accuracy is "
            + _or([f"{r['true_accuracy']:.0%}" for r in enough])
            + " (the test would then support the claim "
            + _list([_chance(r["power"]) for r in enough])
            + " of the time)"
        )
    if short:
        details = [
            f"{r['true_accuracy']:.0%} (the test would support the claim only "
            f"{_chance(r['power'])} of the time; {_needs(r['min_n_test'])})"
            for r in short
        ]
        parts.append("too small to reliably show a true accuracy of " + " or ".join(details))
    return f"{name} ({n} test images): {'; '.join(parts)}."


def _or(items: list[str]) -> str:
    return _list(items).rsplit(" and ", 1)[0] + (f" or {items[-1]}" if len(items) > 1 else "")


def _chance(power: float) -> str:
    return "nearly 100%" if power >= 0.995 else fmt_pct(power, 0)


def _needs(min_n: int | None) -> str:
    if min_n is None:
        return "no test set searched is large enough"
    if min_n > N_DIGITS:
        return f"it needs {min_n:,} test images, more than the {N_DIGITS:,} in the whole data set"
    return f"it needs {min_n:,} test images"


def errors(files: dict) -> dict:
    rows = [{key: int(value) for key, value in r.items()} for r in read_csv(files["errors"])]
    pairs = [
        {
            "true_label": int(p["true_label"]),
            "predicted_label": int(p["predicted_label"]),
            "count": int(p["count"]),
            "share_of_errors": float(p["share_of_errors"]),
        }
        for p in read_csv(files["pairs"])
    ]
    return {
        "plot": files["plot"],
        "n_images": len(rows),
        "n_mistakes": sum(r["times_misclassified"] for r in rows),
        "always_wrong": sum(r["times_misclassified"] == r["times_tested"] for r in rows),
        "top": rows[:10],
        "pairs": pairs,
    }


def cost(files: dict) -> dict:
    rows = [
        {
            "rule": r["rule"],
            "jobs": int(r["jobs"]),
            "wall_s_sum": _num(r["wall_s_sum"]),
            "wall_s_max": _num(r["wall_s_max"]),
            "max_rss_mb_max": _num(r["max_rss_mb_max"]),
        }
        for r in read_csv(files["csv"])
    ]
    return {
        "plot": files["plot"],
        "rows": rows,
        "jobs": sum(r["jobs"] for r in rows),
        "wall_s": sum(r["wall_s_sum"] or 0 for r in rows),
        "peak_mb": max((r["max_rss_mb_max"] or 0 for r in rows), default=0),
    }
