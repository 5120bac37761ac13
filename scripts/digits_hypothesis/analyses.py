"""The extra analyses as the Snakefile sees them: config checks, batches and paths.

Pure Python, like ``study``: the Snakefile imports this on every invocation. The numbers
themselves are computed in ``analysis_stats`` (numpy, scipy) and drawn in ``analysis_drawing``.
"""

from __future__ import annotations

import re

from digits_hypothesis import models, study
from digits_hypothesis.study import N_DIGITS, RESULTS, ConfigError

ANALYSES = ["sensitivity", "learning_curve", "comparison", "power", "errors", "cost"]
CLAIM = "claim"  # the claim's own model in the comparison tables


def check(config: dict, cases: dict) -> None:
    """Rules the JSON schema cannot state, for the analyses that run; messages name the key."""
    enabled = config["analyses"]
    if len(set(enabled)) != len(enabled):
        raise ConfigError("analyses", f"{enabled} names an analysis twice")
    if "sensitivity" in enabled:
        _check_test_size(config["sensitivity"], "sensitivity")
    if "learning_curve" in enabled:
        block = config["learning_curve"]
        n_train = _check_test_size(block, "learning_curve")
        too_big = [size for size in block["train_sizes"] if size > n_train]
        if too_big:
            raise ConfigError(
                "learning_curve.train_sizes",
                f"{too_big} exceed the {n_train} training images that test_size "
                f"{block['test_size']!r} leaves",
            )
    if "comparison" in enabled:
        block = config["comparison"]
        if block["case"] not in cases:
            raise ConfigError(
                "comparison.case",
                f"{block['case']!r} is not a case of `cases`; one of: {', '.join(cases)}",
            )
        for name, spec in block["models"].items():
            models.check_model_spec(spec, f"comparison.models.{name}")
    if "power" in enabled:
        threshold = config["hypothesis"]["threshold"]
        low = [p for p in config["power"]["true_accuracy"] if p <= threshold]
        if low:
            raise ConfigError(
                "power.true_accuracy",
                f"{low} are not above the claimed accuracy {threshold}: the test cannot "
                "be expected to support a claim that is false",
            )


def _check_test_size(block: dict, key: str) -> int:
    """The training-part size of an analysis's test_size, after checking it as cases are."""
    size = block["test_size"]
    n_test = study.n_test_for(size)
    if not 1 <= n_test <= N_DIGITS - 10:
        raise ConfigError(
            f"{key}.test_size",
            f"{size!r} gives {n_test} test images; it must give between 1 and {N_DIGITS - 10}",
        )
    if block.get("stratify") and not 10 <= n_test <= N_DIGITS - 10:
        raise ConfigError(
            f"{key}.test_size",
            f"stratify needs at least 10 test and 10 training images; {size!r} gives {n_test}",
        )
    return N_DIGITS - n_test


def value_id(value) -> str:
    """A number as it appears in file names: 0.001, 1e-05, 100."""
    return repr(value)


def seed_batch(seed: int, batch_size: int) -> str:
    """The seed batch a seed falls in, named as the hypothesis study's: ``seeds_0_4``."""
    first = seed // batch_size * batch_size
    return f"seeds_{first}_{first + batch_size - 1}"


def sensitivity_batches(block: dict, batch_size: int) -> dict[str, dict]:
    """One job per gamma and seed batch, each over every C.

    Adding a gamma, or a seed that falls into a new seed batch, adds jobs and re-runs none.
    """
    batches = {}
    for gamma in block["gamma"]:
        for seed in sorted(block["seeds"]):
            key = f"gamma_{value_id(gamma)}__{seed_batch(seed, batch_size)}"
            batches.setdefault(key, {"gamma": gamma, "C": list(block["C"]), "seeds": []})
            batches[key]["seeds"].append(seed)
    return batches


def learning_curve_batches(block: dict, batch_size: int) -> dict[str, dict]:
    """One job per training size and seed batch."""
    batches = {}
    for size in block["train_sizes"]:
        for seed in sorted(block["seeds"]):
            key = f"train_{size}__{seed_batch(seed, batch_size)}"
            batches.setdefault(key, {"train_size": size, "seeds": []})
            batches[key]["seeds"].append(seed)
    return batches


def sensitivity_model(model: dict) -> dict:
    """The grid's base model: the claim's SVC (other parameters kept), else a plain SVC."""
    if model["estimator"] == "svc":
        return {
            "estimator": "svc",
            "params": dict(model.get("params", {})),
            "scale": model.get("scale", False),
        }
    return {"estimator": "svc", "params": {}, "scale": False}


def path(name: str) -> str:
    return f"{RESULTS}/{name}"


def one_of(names) -> str:
    """A wildcard constraint that matches exactly these values."""
    return "|".join(re.escape(str(name)) for name in names)
