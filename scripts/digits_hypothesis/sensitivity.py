"""Sensitivity: the claim's test at other values of two parameters of its model.

The claim's estimator is fitted at every point of the config's grid (``sensitivity.grid``:
two parameters, each with its values, say SVC's gamma and C, or a forest's n_estimators and
max_depth) on the splits of a few seeds, and each grid point is judged as a case of the study
is (corrected resampled t-test of its mean accuracy). The first parameter gives the rows, the
second the columns; values keep the config's order. Steps: ``sensitivity_fit`` (one job per
value of the first parameter and seed batch), ``sensitivity`` (combine and test),
``plot_sensitivity`` (its figure: plots/sensitivity.py); the report's section.

Top-level imports stay light (the Snakefile imports this module for its config check and
batches); numpy and scipy are imported by the functions that need them.
"""

from __future__ import annotations

from digits_hypothesis import datasets, models, settings, study
from digits_hypothesis.tables import Table, header, scalar


def names(config: dict) -> list[str]:
    """The grid's two parameters: [rows, columns]."""
    return list(config["sensitivity"]["grid"])


def fits_table(row: str, column: str) -> Table:
    """One row per grid point and seed."""
    return Table(
        **{row: scalar, column: scalar},
        seed=int,
        n_test=int,
        n_correct=int,
        accuracy=float,
    )


def grid_table(row: str, column: str) -> Table:
    """One row per grid point: its evidence, as a case's."""
    return Table(**{row: scalar, column: scalar}, **study.FAMILY_POINT)


def check(config: dict, cases: dict) -> None:
    block = config["sensitivity"]
    settings.check_test_size(
        block["test_size"], "sensitivity.test_size", block["stratify"], datasets.of(config)
    )
    estimator = config["model"]["estimator"]
    if len(block["grid"]) != 2:
        raise settings.ConfigError(
            "sensitivity.grid",
            f"names {len(block['grid'])} parameters ({', '.join(block['grid'])}); it takes two. "
            "A --configfile or --config grid is merged with config/config.yaml's: add "
            "--replace-workflow-config, or edit config/config.yaml",
        )
    for name in names(config):
        if name not in models.parameter_names(estimator):
            raise settings.ConfigError(
                f"sensitivity.grid.{name}",
                f"{estimator}, the claim's estimator, has no parameter {name!r}; allowed: "
                f"{', '.join(models.parameter_names(estimator))}",
            )
        for value in block["grid"][name]:
            if isinstance(value, str) and _is_number(value):
                raise settings.ConfigError(
                    f"sensitivity.grid.{name}",
                    f"{value!r} is text (YAML reads 1e-3 as text): write it as 0.001",
                )
            problem = models.spec_problem({"estimator": estimator, "params": {name: value}})
            if problem:
                raise settings.ConfigError(f"sensitivity.grid.{name}", f"{value!r}: {problem}")


def batches(config: dict) -> dict[str, dict]:
    """One job per value of the first parameter and seed batch, each over every value of
    the second. Adding a value of the first, or a seed that falls into a new seed batch, adds
    jobs and re-runs none."""
    block, found = config["sensitivity"], {}
    row, column = names(config)
    for value in block["grid"][row]:
        for seed in sorted(block["seeds"]):
            shown = value if isinstance(value, str) else repr(value)  # 0.001, 'uniform'
            key = f"{row}_{shown}__{study.seed_batch(seed, config['batch_size'])}"
            found.setdefault(key, {row: value, column: list(block["grid"][column]), "seeds": []})
            found[key]["seeds"].append(seed)
    return found


def base_model(model: dict) -> dict:
    """The grid's model: the claim's own (its other parameters kept)."""
    return {
        "estimator": model["estimator"],
        "params": dict(model.get("params", {})),
        "scale": model.get("scale", False),
    }


def claim_point(model: dict, grid_names: list[str]) -> list:
    """The claim's own values of the grid's two parameters (None where it leaves one at its
    default), marked on the heatmap."""
    return [model.get("params", {}).get(name) for name in grid_names]


def tasks(batch: dict, base: dict, grid_names: list[str], test_size, stratify: bool) -> list:
    from digits_hypothesis.fitting import Task

    row, column = grid_names
    return [
        Task(
            f"{row} {batch[row]}, {column} {value}, seed {seed}",
            {**base, "params": {**base["params"], row: batch[row], column: value}},
            test_size,
            seed,
            stratify,
        )
        for seed in batch["seeds"]
        for value in batch[column]
    ]


def fit_row(task, fitted, grid_names: list[str]) -> dict:
    params = task.spec["params"]
    n_test = len(fitted.test)
    return {
        **{name: params[name] for name in grid_names},
        "seed": task.seed,
        "n_test": n_test,
        "n_correct": fitted.n_correct,
        "accuracy": fitted.n_correct / n_test,
    }


def combine(fits, grid: dict, hyp: dict, test_size, stratify: bool, n_samples: int):
    """Every split (a DataFrame of fits_table) in the grid's order (then by seed), with its
    exact test; and each grid point's evidence, the grid judged as one family (Holm,
    verdict.family)."""
    from digits_hypothesis import verdict

    row, column = grid
    place = {name: {value: i for i, value in enumerate(values)} for name, values in grid.items()}
    fits = fits.sort_values(
        [row, column, "seed"], key=lambda c: c.map(place[c.name]) if c.name in place else c
    )
    scored = verdict.scored_splits(fits.assign(n_train=n_samples - fits["n_test"]), hyp)
    evidence = verdict.judge_groups(
        scored.assign(test_size=test_size, stratify=stratify), [row, column], hyp
    )
    return fits, verdict.family(evidence, hyp["alpha"])


def _axes(points: list[dict], grid_names: list[str]):
    """Each parameter's values in the order the points give them (the config's)."""
    return [list(dict.fromkeys(p[name] for p in points)) for name in grid_names]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def report(files: dict, data: dict) -> dict:
    """The report section's values, and per value of the first parameter its grid points
    grouped by verdict (the template's sentences say them)."""
    grid_names = header(files["grid"])[:2]  # the table's first columns: the parameters
    row, column = grid_names
    grid = grid_table(row, column).read(files["grid"])
    row_values, column_values = _axes(grid, grid_names)
    cell = {(g[row], g[column]): g for g in grid}
    rows = [
        {"value": value, "cells": [cell.get((value, c)) for c in column_values]}
        for value in row_values
    ]
    by_verdict = [
        {
            "value": value,
            "groups": [
                {
                    "verdict": name,
                    "columns": [p[column] for p in points],
                    "low": min(p["mean_accuracy"] for p in points),
                    "high": max(p["mean_accuracy"] for p in points),
                    "every": len(points) == len(column_values),
                }
                for name in ("supported", "inconclusive", "refuted")
                if (points := [p for p in r["cells"] if p and p["verdict"] == name])
            ],
        }
        for value, r in zip(row_values, rows)
    ]
    first = grid[0]
    return {
        "plot": files["plot"],
        "names": grid_names,
        "column_values": column_values,
        "rows": rows,
        "n_points": len(grid),
        "n_supported": sum(g["verdict"] == "supported" for g in grid),
        "n_refuted": sum(g["verdict"] == "refuted" for g in grid),
        "n_splits": first["n_splits"],
        "n_test": first["n_test"],
        "n_train": first["n_train"],
        "by_verdict": by_verdict,
    }
