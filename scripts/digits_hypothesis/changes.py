"""What changed since the previous run: its config, its verdicts and its case means.

At the start of every run that has work to do, the workflow keeps the last complete run's
hypothesis.json and config (the report's own copy) in results/previous/; the report then
compares the run with it (or with the run named by ``report.compare_with``). Light
imports only: the Snakefile imports this module.
"""

from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path

import yaml

# The config a report was made with, written beside it and kept with hypothesis.json.
CONFIG_USED = "config_used.yaml"


def keep_previous(files: list[str], complete: str, folder: str) -> None:
    """Copy ``files`` into ``folder`` when they belong to one finished run: ``complete`` (its
    report, made last) exists and is not older than any of them. A run that stopped after
    remaking some of them (or a run of one target) leaves the report older: nothing is kept,
    so the kept files never mix two runs."""
    if not all(os.path.exists(path) for path in [complete, *files]):
        return
    if any(os.path.getmtime(path) > os.path.getmtime(complete) for path in files):
        return
    os.makedirs(folder, exist_ok=True)
    for path in files:
        target = Path(folder) / Path(path).name
        shutil.copyfile(path, f"{target}.tmp")
        os.replace(f"{target}.tmp", target)


def flatten(config: dict, prefix: str = "") -> dict:
    """{"hypothesis.threshold": 0.95, ...}: nested keys joined by dots; lists stay whole."""
    flat = {}
    for key, value in config.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def config_changes(before: dict, after: dict) -> list[dict]:
    """Every key whose value differs (a key missing on one side shows as None)."""
    old, new = flatten(before), flatten(after)
    return [
        {"key": key, "before": old.get(key), "after": new.get(key)}
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    ]


def verdict_changes(before: dict, after: dict) -> list[dict]:
    """The claim's verdict and each case's, where they differ (a case only in one run shows
    as None on the other side)."""
    found = []
    if before["overall"]["verdict"] != after["overall"]["verdict"]:
        found.append(
            {
                "what": "the claim",
                "before": before["overall"]["verdict"],
                "after": after["overall"]["verdict"],
            }
        )
    old, new = before["cases"], after["cases"]
    for name in [*new, *(c for c in old if c not in new)]:
        was = old.get(name, {}).get("verdict")
        now = new.get(name, {}).get("verdict")
        if was != now:
            found.append({"what": name, "before": was, "after": now})
    return found


def standard_error(case: dict) -> float:
    """The standard error of a case's mean accuracy: the corrected resampled t-test's
    (Nadeau & Bengio: SD times sqrt(1/n + n_test/n_train), the scale stats.py divides by)
    for several splits, the binomial one for one split; never under one test image's worth
    (1/n_test), which a perfect or constant score would otherwise give as 0."""
    n, n_test = case["n_splits"], case["n_test"]
    if n > 1 and case["sd_accuracy"]:
        se = case["sd_accuracy"] * math.sqrt(1 / n + n_test / case["n_train"])
    else:
        p = case["mean_accuracy"]
        se = math.sqrt(p * (1 - p) / n_test)
    return max(se, 1 / n_test)


def moved_means(before: dict, after: dict) -> list[dict]:
    """Cases in both runs whose mean accuracy moved by more than its standard error (this
    run's)."""
    found = []
    for name, now in after["cases"].items():
        was = before["cases"].get(name)
        if was is None:
            continue
        delta = now["mean_accuracy"] - was["mean_accuracy"]
        se = standard_error(now)
        if abs(delta) > se:
            found.append(
                {
                    "case": name,
                    "before": was["mean_accuracy"],
                    "after": now["mean_accuracy"],
                    "change": delta,
                    "standard_error": se,
                }
            )
    return found


def compare(previous: str | None, config: dict, hypothesis: dict) -> dict | None:
    """What changed since the run whose hypothesis.json is ``previous`` (and whose config is
    the CONFIG_USED beside it, when there); None when there is no such run."""
    if not previous or not os.path.exists(previous):
        return None
    with open(previous, encoding="utf-8") as handle:
        before = json.load(handle)
    config_path = Path(previous).with_name(CONFIG_USED)
    old_config = yaml.safe_load(config_path.read_text()) if config_path.exists() else None
    return {
        "source": previous,
        "config": None if old_config is None else config_changes(old_config, config),
        "verdicts": verdict_changes(before, hypothesis),
        "means": moved_means(before, hypothesis),
    }
