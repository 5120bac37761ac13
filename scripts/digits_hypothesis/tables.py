"""CSV tables with their columns and types declared once, for the steps that write them and
the steps (and tests) that read them back.

A value is written as ``str(value)`` (``None`` as an empty cell, floats in full precision,
so reading gives back the very same number) and read back with its column's type; an empty
cell reads as ``None``, or as ``""`` in a text column. Standard library only.
"""

from __future__ import annotations

import csv
import re

from digits_hypothesis.files import atomic_path

_INTEGER = re.compile(r"[-+]?\d+")


def number(text: str) -> int | float:
    """A number as the config gave it: ``100`` stays an int, ``0.001`` a float."""
    return int(text) if _INTEGER.fullmatch(text) else float(text)


def scalar(text: str) -> int | float | bool | str:
    """A config value of any plain kind, as it was given: a number, true/false, or text."""
    if text in ("True", "False"):
        return text == "True"
    try:
        return number(text)
    except ValueError:
        return text


def boolean(text: str) -> bool:
    if text not in ("True", "False"):
        raise ValueError(f"not a boolean: {text!r}")
    return text == "True"


def header(path) -> list[str]:
    """The column names of a CSV file (for tables whose columns come from the data)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


class Table:
    """Named, typed columns: ``Table(seed=int, accuracy=float, verdict=str)``."""

    def __init__(self, **types):
        self.types = types
        self.columns = list(types)

    def write(self, path, rows) -> None:
        """Rows (dicts; keys beyond the columns are left out) to ``path``, atomically."""
        with atomic_path(path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(
                handle, fieldnames=self.columns, lineterminator="\n", extrasaction="ignore"
            )
            writer.writeheader()
            writer.writerows(rows)

    def read(self, path) -> list[dict]:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != self.columns:
                raise ValueError(f"{path}: columns {reader.fieldnames}, expected {self.columns}")
            return [self._typed(row) for row in reader]

    def _typed(self, row: dict) -> dict:
        return {
            name: kind(row[name]) if row[name] != "" or kind is str else None
            for name, kind in self.types.items()
        }
