"""The study as the Snakefile sees it: config normalisation, splits, batches and paths.

Pure Python (plus PyYAML, which Snakemake already imports), so parsing the Snakefile
stays cheap. Everything that names a path lives here: one path, one place.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

N_DIGITS = 1797  # rows of sklearn.datasets.load_digits(); checked by a test
RESULTS = "results"


class ConfigError(ValueError):
    """A config value that the schema cannot express a rule for; the message names the key."""

    def __init__(self, key: str, problem: str):
        super().__init__(f"Invalid config key '{key}': {problem}")


@dataclass(frozen=True)
class Split:
    case: str
    seed: int
    test_size: float | int
    stratify: bool

    @property
    def directory(self) -> str:
        return f"{RESULTS}/splits/{self.case}/{self.seed}"

    def path(self, name: str) -> str:
        return f"{self.directory}/{name}"


def n_test_for(test_size: float | int, n_samples: int = N_DIGITS) -> int:
    """Test-set size exactly as train_test_split computes it (ceil of the fraction)."""
    if isinstance(test_size, float):
        return math.ceil(test_size * n_samples)
    return int(test_size)


def retype_overrides(value):
    """Give nested ``--config`` strings back the types YAML would have given them.

    Snakemake parses nested ``--config key={...}`` values with YAML's BaseLoader, so
    ``hypothesis={"alpha": 0.1}`` arrives as the string ``'0.1'``. Strings that spell a
    number, ``true``/``false`` or a ``[...]`` list are re-read; every other string stays a
    string (so ``"yes"`` is not silently taken for a boolean and fails validation instead).
    """
    if isinstance(value, dict):
        return {key: retype_overrides(item) for key, item in value.items()}
    if isinstance(value, list):
        return [retype_overrides(item) for item in value]
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _INTEGER.fullmatch(text):
        return int(text)
    if _NUMBER.fullmatch(text):
        return float(text)
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if text.startswith("[") and text.endswith("]"):
        try:
            items = yaml.safe_load(text)
        except yaml.YAMLError:
            return value
        return [retype_overrides(item) if isinstance(item, str) else item for item in items]
    return value


_INTEGER = re.compile(r"[-+]?\d+")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def check_cases(cases: dict) -> None:
    """Rules the JSON schema cannot state: test sizes that leave both parts non-empty."""
    for name, case in cases.items():
        size = case["test_size"]
        n_test = n_test_for(size)
        if not 1 <= n_test <= N_DIGITS - 10:
            raise ConfigError(
                f"cases.{name}.test_size",
                f"{size!r} gives {n_test} test images; it must give between 1 and "
                f"{N_DIGITS - 10} (a fraction in (0, 1) or a count)",
            )
        if case["stratify"] and not 10 <= n_test <= N_DIGITS - 10:
            raise ConfigError(
                f"cases.{name}.test_size",
                f"stratify needs at least 10 test and 10 training images (one per digit); "
                f"{size!r} gives {n_test} test images",
            )
        seeds = case["seeds"]
        if len(set(seeds)) != len(seeds):
            raise ConfigError(f"cases.{name}.seeds", f"{seeds} repeats a seed")


def case_seeds(case: dict) -> list[int]:
    """A case's seeds: the explicit list, or 0..repeats-1."""
    if "seeds" in case:
        return sorted(case["seeds"])
    return list(range(case["repeats"]))


def normalise_cases(cases: dict) -> dict:
    """Each case with defaults filled in and ``repeats`` turned into a seed list."""
    out = {}
    for name, case in cases.items():
        out[name] = {
            "test_size": case["test_size"],
            "seeds": case_seeds(case),
            "stratify": bool(case.get("stratify", False)),
        }
    return out


def all_splits(cases: dict) -> list[Split]:
    return [
        Split(name, seed, case["test_size"], case["stratify"])
        for name, case in cases.items()
        for seed in case["seeds"]
    ]


def batches(splits: list[Split], batch_size: int) -> dict[str, list[Split]]:
    """Group one case's splits into jobs by seed: batch k holds its seeds k*B .. k*B+B-1.

    One job per batch imports scikit-learn once for many splits. Batches stay within a
    case, so a case that fails (or changes) takes no other case's splits with it; they are
    keyed by seed value, not position, so adding a seed re-runs only the batch it falls in.
    """
    grouped: dict[str, list[Split]] = {}
    for split in splits:
        first = split.seed // batch_size * batch_size
        key = f"{split.case}__seeds_{first}_{first + batch_size - 1}"
        grouped.setdefault(key, []).append(split)
    return grouped


def batch_name(step: str, batch: str) -> str:
    """Rule name of one batch job, e.g. ``fit__test_25__seeds_0_9``."""
    return f"{step}__{batch}"


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
    return [
        {"case": s.case, "seed": s.seed, "test_size": s.test_size, "stratify": s.stratify}
        for s in splits
    ]


def explain_config_error(error: Exception) -> str:
    """One line naming the config key, the bad value and what is allowed."""
    if isinstance(error, ConfigError):
        return str(error)
    schema_error = _find_schema_error(error)
    if schema_error is None:
        return f"Invalid config: {error}"
    key = ".".join(str(part) for part in schema_error.absolute_path) or "(top level)"
    allowed = schema_error.schema.get("description")
    if not allowed and schema_error.validator in ("minimum", "maximum", "enum", "type"):
        allowed = None  # the message already states the range or the choices
    hint = f" (allowed: {allowed})" if allowed else ""
    return f"Invalid config key '{key}': {schema_error.message}{hint}"


def _find_schema_error(error: Exception):
    """The jsonschema ValidationError behind Snakemake's WorkflowError, if any."""
    seen = [error, *getattr(error, "args", ())]
    for item in seen:
        if hasattr(item, "absolute_path") and hasattr(item, "validator"):
            return item
    cause = error.__cause__ or error.__context__
    return _find_schema_error(cause) if cause is not None else None


def claim_text(model: dict, threshold: float) -> str:
    params = ", ".join(f"{k}={v!r}" for k, v in model.get("params", {}).items())
    scaled = "StandardScaler + " if model.get("scale") else ""
    return (
        f"{scaled}{model['estimator']}({params}) trained on scikit-learn's Digits data "
        f"predicts the digit correctly at least {threshold:.0%} of the time."
    )
