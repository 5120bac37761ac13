"""A table of the user's own data (config ``data.source: table``): a CSV or Parquet file,
one row per sample, a label column and numeric feature columns.

The same function reads the table for the checks before any job and for the cached data
set, so the two never disagree. Nothing is dropped or imputed: a missing value, a feature
that is not a number, a label column that is not there or that holds one class stop the
run with the file, the column and (for missing values) the first rows named. Standard
library only (the Snakefile reads tables); Parquet needs pyarrow, imported when used.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path

from digits_hypothesis.exceptions import ConfigError

SUFFIXES = (".csv", ".parquet")
# Cells read as missing (any case), as pandas reads them by default.
MISSING = {"", "na", "n/a", "nan", "null", "none", "#n/a", "<na>"}
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
INTEGER = re.compile(r"[+-]?\d+")
SHOWN = 5  # offending rows named in a message
# Columns the results add beside a table's features (results/errors_rows.csv).
RESERVED = {
    "sample_index",
    "true_label",
    "times_tested",
    "times_misclassified",
    "most_common_prediction",
}


@dataclass(frozen=True)
class UserTable:
    """A user's table, read and checked: its rows, label codes and checksum."""

    path: str
    label: str
    features: list[str]
    rows: list[list[float]]  # feature values, one list per row
    codes: list[int]  # label codes 0..K-1, in row order
    classes: list[str]  # class names by code: integers in numeric order, else text order
    sha256: str


def read(path: str, label: str, features: list[str] | None = None) -> UserTable:
    """The checked table (see the module docstring); ConfigError naming the key if not."""
    file = Path(path)
    if not file.is_file():
        raise ConfigError("data.path", f"no file {path!r} (relative to the working directory)")
    if file.suffix.lower() not in SUFFIXES:
        raise ConfigError("data.path", f"{path}: give a .csv or .parquet file")
    stat = file.stat()
    return _read(path, label, tuple(features or ()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)  # the Snakefile's checks ask more than once per parse
def _read(path: str, label: str, features: tuple, _mtime: int, _size: int) -> UserTable:
    data = Path(path).read_bytes()
    parquet = path.lower().endswith(".parquet")
    columns = _parquet_columns(path) if parquet else _csv_columns(data, path)
    where = "rows" if parquet else "lines"
    first = 1 if parquet else 2  # a CSV's line 1 is its header
    if label not in columns:
        raise ConfigError(
            "data.label",
            f"{path}: no column {label!r}; its columns: {', '.join(map(repr, columns))}",
        )
    chosen = list(features) or [name for name in columns if name != label]
    for name in chosen:
        if name not in columns or name == label:
            problem = "is the label" if name == label else "is not a column of the table"
            raise ConfigError("data.features", f"{path}: {name!r} {problem}")
    if not chosen:
        raise ConfigError("data.features", f"{path}: no feature columns besides {label!r}")
    for name in chosen:
        if name in RESERVED:
            raise ConfigError(
                "data.features",
                f"{path}: a feature may not be called {name!r} (a column of the results); "
                "rename it or leave it out of data.features",
            )
    for name in [label, *chosen]:
        # a label is missing only when empty: "NA" or "None" may be a class's name
        empty = (lambda v: v is None or _text(v) == "") if name == label else _missing
        missing = [i + first for i, value in enumerate(columns[name]) if empty(value)]
        if missing:
            shown = ", ".join(map(str, missing[:SHOWN])) + (", ..." if len(missing) > SHOWN else "")
            raise ConfigError(
                "data.path",
                f"{path}: column {name!r} has {len(missing)} missing value"
                f"{'s' if len(missing) > 1 else ''} ({where} {shown}); nothing is dropped or "
                "filled in: clean the table first",
            )
    values = {name: _numbers(columns[name], name, path, where, first) for name in chosen}
    labels = [_text(value) for value in columns[label]]
    if all(INTEGER.fullmatch(v) for v in labels):
        classes = [str(v) for v in sorted({int(v) for v in labels})]
        labels = [str(int(v)) for v in labels]
    else:
        classes = sorted(set(labels))
    if len(classes) < 2:
        raise ConfigError(
            "data.label",
            f"{path}: column {label!r} holds one class ({classes[0]!r}); a claim about a "
            "classifier needs at least two",
        )
    code = {name: i for i, name in enumerate(classes)}
    return UserTable(
        path=path,
        label=label,
        features=chosen,
        rows=[list(row) for row in zip(*(values[name] for name in chosen))],
        codes=[code[v] for v in labels],
        classes=classes,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _csv_columns(data: bytes, path: str) -> dict[str, list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError("data.path", f"{path}: not UTF-8 text ({error})") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if not header:
        raise ConfigError("data.path", f"{path}: empty file")
    _check_header(header, path)
    rows = list(reader)
    for line, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise ConfigError(
                "data.path",
                f"{path}: line {line} has {len(row)} cells, the header {len(header)}",
            )
    if not rows:
        raise ConfigError("data.path", f"{path}: a header and no rows")
    return {name: [row[i] for row in rows] for i, name in enumerate(header)}


def _check_header(header: list[str], path: str) -> None:
    """Refuse unnamed and repeated columns: an unnamed first column is usually a saved pandas
    index (df.to_csv without index=False), a row number that could predict a sorted label."""
    for i, name in enumerate(header):
        if not name.strip() or re.fullmatch(r"Unnamed: \d+", name):
            raise ConfigError(
                "data.path",
                f"{path}: column {i + 1} has no name (a saved index? write the table with "
                "index=False, or drop the column)",
            )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise ConfigError("data.path", f"{path}: repeated column names {repeated}")


def _parquet_columns(path: str) -> dict[str, list]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError("data.path", f"{path}: reading Parquet needs pyarrow") from None
    try:
        table = pq.read_table(path)
    except Exception as error:  # a corrupt or foreign file: name it
        raise ConfigError("data.path", f"{path}: not a readable Parquet file ({error})") from None
    _check_header(table.column_names, path)
    return table.to_pydict()


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and value.strip().lower() in MISSING


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else str(value)


def _numbers(values: list, name: str, path: str, where: str, first: int) -> list[float]:
    numbers = []
    for i, value in enumerate(values):
        if isinstance(value, bool) or not (
            isinstance(value, int | float) or NUMBER.fullmatch(str(value).strip())
        ):
            raise ConfigError(
                "data.features",
                f"{path}: column {name!r} is not numeric ({where[:-1]} {i + first}: {value!r}); "
                "features must be numbers (name the numeric columns in data.features)",
            )
        numbers.append(float(value))
    return numbers
