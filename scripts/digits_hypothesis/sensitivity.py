"""Sensitivity: the claim's test at other values of gamma and C.

An SVC is fitted for every (gamma, C) of the config's grid on the splits of a few seeds,
and each grid point is judged as a case of the study is (corrected resampled t-test of its
mean accuracy). Steps: ``sensitivity_fit`` (one job per gamma and seed batch),
``sensitivity`` (combine and test), ``plot_sensitivity``; the report's section.

Top-level imports stay light (the Snakefile imports this module for its config check and
batches); numpy, scipy and matplotlib are imported by the functions that need them.
"""

from __future__ import annotations

from digits_hypothesis import datasets, settings, study
from digits_hypothesis.tables import Table, number

REPORT_PLACE = "findings"

FITS = Table(gamma=number, C=number, seed=int, n_test=int, n_correct=int, accuracy=float)
GRID = Table(
    gamma=number,
    C=number,
    n_splits=int,
    n_test=int,
    n_train=int,
    mean_accuracy=float,
    sd_accuracy=float,
    min_accuracy=float,
    method=str,
    t=float,
    dof=int,
    p_supported=float,
    p_refuted=float,
    verdict=str,
)


def check(config: dict, cases: dict) -> None:
    block = config["sensitivity"]
    settings.check_test_size(
        block["test_size"], "sensitivity.test_size", block["stratify"], datasets.of(config)
    )


def batches(config: dict) -> dict[str, dict]:
    """One job per gamma and seed batch, each over every C.

    Adding a gamma, or a seed that falls into a new seed batch, adds jobs and re-runs none.
    """
    block, found = config["sensitivity"], {}
    for gamma in block["gamma"]:
        for seed in sorted(block["seeds"]):
            key = f"gamma_{gamma!r}__{study.seed_batch(seed, config['batch_size'])}"
            found.setdefault(key, {"gamma": gamma, "C": list(block["C"]), "seeds": []})
            found[key]["seeds"].append(seed)
    return found


def base_model(model: dict) -> dict:
    """The grid's model: the claim's SVC (other parameters kept), else a plain SVC."""
    if model["estimator"] == "svc":
        return {
            "estimator": "svc",
            "params": dict(model.get("params", {})),
            "scale": model.get("scale", False),
        }
    return {"estimator": "svc", "params": {}, "scale": False}


def claim_point(model: dict) -> list | None:
    """The claim's (gamma, C), marked on the heatmap when the claim is about an SVC."""
    if model["estimator"] != "svc":
        return None
    return [model["params"].get(key) for key in ("gamma", "C")]


def tasks(batch: dict, base: dict, test_size, stratify: bool) -> list:
    from digits_hypothesis.fitting import Task

    return [
        Task(
            f"gamma {batch['gamma']}, C {c}, seed {seed}",
            {**base, "params": {**base["params"], "gamma": batch["gamma"], "C": c}},
            test_size,
            seed,
            stratify,
        )
        for seed in batch["seeds"]
        for c in batch["C"]
    ]


def fit_row(task, fitted) -> dict:
    params = task.spec["params"]
    n_test = len(fitted.test)
    return {
        "gamma": params["gamma"],
        "C": params["C"],
        "seed": task.seed,
        "n_test": n_test,
        "n_correct": fitted.n_correct,
        "accuracy": fitted.n_correct / n_test,
    }


def combine(rows: list[dict], hyp: dict, test_size, stratify: bool, n_samples: int):
    """Every split sorted by (gamma, C, seed), and each grid point's evidence."""
    from digits_hypothesis import stats, verdict

    rows = sorted(rows, key=lambda r: (r["gamma"], r["C"], r["seed"]))
    points: dict[tuple, list[dict]] = {}
    for r in rows:
        score = verdict.split_score(r["n_correct"], r["n_test"], n_samples - r["n_test"], hyp)
        points.setdefault((r["gamma"], r["C"]), []).append(
            {**score, "test_size": test_size, "stratify": stratify}
        )
    min_n = stats.min_supporting_n(hyp["threshold"], hyp["alpha"])
    grid = [
        {"gamma": gamma, "C": c, **verdict.case_evidence(scores, hyp, min_n)}
        for (gamma, c), scores in points.items()
    ]
    return rows, grid


def figure(grid: list[dict], threshold: float, claim: list | None):
    """Mean accuracy over the (gamma, C) grid, the threshold as a contour, verdicts marked."""
    import numpy as np
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    from digits_hypothesis.drawing import THRESHOLD

    gammas = sorted({g["gamma"] for g in grid})
    cs = sorted({g["C"] for g in grid})
    mean = np.full((len(gammas), len(cs)), np.nan)
    for g in grid:
        mean[gammas.index(g["gamma"]), cs.index(g["C"])] = g["mean_accuracy"]
    fig = Figure(figsize=(1.1 * len(cs) + 2.8, 0.75 * len(gammas) + 1.8))
    ax = fig.add_subplot()
    low = min(float(np.nanmin(mean)), threshold - 0.02)
    image = ax.imshow(mean, cmap="viridis", vmin=low, vmax=1.0, aspect="auto", origin="lower")
    colourbar = fig.colorbar(image, ax=ax)
    colourbar.set_label("mean test accuracy")
    colourbar.ax.axhline(threshold, color=THRESHOLD, linewidth=2)
    if len(gammas) > 1 and len(cs) > 1 and np.nanmin(mean) < threshold < np.nanmax(mean):
        ax.contour(
            np.arange(len(cs)),
            np.arange(len(gammas)),
            mean,
            levels=[threshold],
            colors=THRESHOLD,
            linewidths=2.5,
        )
    for g in grid:
        row, col = gammas.index(g["gamma"]), cs.index(g["C"])
        mark = {"supported": "✓", "refuted": "✗"}.get(g["verdict"], "?")
        light = g["mean_accuracy"] < (low + 1.0) / 2
        ax.text(
            col,
            row,
            f"{g['mean_accuracy']:.1%}\n{mark}",
            ha="center",
            va="center",
            fontsize=9,
            color="white" if light else "black",
        )
    if claim is not None and claim[0] in gammas and claim[1] in cs:
        row, col = gammas.index(claim[0]), cs.index(claim[1])
        box = Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor="white", linewidth=3)
        ax.add_patch(box)
    ax.set_xticks(range(len(cs)), [f"{c:g}" for c in cs])
    ax.set_yticks(range(len(gammas)), [f"{g:g}" for g in gammas])
    ax.set_xlabel("C  (white box: the claim's gamma and C)")
    ax.set_ylabel("gamma")
    ax.set_title(
        f"SVC mean accuracy; orange: {threshold:g}\n✓ supported  ? inconclusive  ✗ refuted",
        fontsize=9,
    )
    fig.tight_layout()
    return fig


def report(files: dict, data: dict) -> dict:
    """The report section's values; the sentences say what the grid shows per gamma."""
    from digits_hypothesis.words import fmt_pct, join

    grid = GRID.read(files["grid"])
    gammas = sorted({g["gamma"] for g in grid})
    cs = sorted({g["C"] for g in grid})
    cell = {(g["gamma"], g["C"]): g for g in grid}
    rows = [{"gamma": gamma, "cells": [cell.get((gamma, c)) for c in cs]} for gamma in gammas]
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
            names = join([p["C"] for p in points])
            which = "every C" if len(points) == len(cs) else f"C = {names}"
            parts.append(f"{verdict_name} for {which} (mean accuracy {span})")
        sentences.append(f"gamma = {gamma}: {'; '.join(parts)}.")
    first = grid[0]
    return {
        "plot": files["plot"],
        "c_values": cs,
        "rows": rows,
        "n_points": len(grid),
        "n_supported": sum(g["verdict"] == "supported" for g in grid),
        "n_refuted": sum(g["verdict"] == "refuted" for g in grid),
        "n_splits": first["n_splits"],
        "n_test": first["n_test"],
        "n_train": first["n_train"],
        "sentences": sentences,
    }
