"""CSV tables with their columns and types declared once, for the steps that write them and
the steps (and tests) that read them back.

A value is written as ``str(value)`` (``None`` as an empty cell, floats in full precision,
so reading gives back the very same number) and read back with its column's type; an empty
cell reads as ``None``, or as ``""`` in a text column.

Two ways in and out, the same bytes either way: rows (lists of dicts, standard library) for
the per-split batch jobs, where importing pandas would cost each job more than it does for
it, and pandas DataFrames (``read_frame`` / ``write_frame``) for the steps that run once
per study and group, join and summarise. pandas is imported only by those.
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

    def read_frame(self, path):
        """The table as a pandas DataFrame: int columns as nullable Int64, float columns as
        float64 (an empty cell NaN), text as text (empty stays ""), other kinds as read."""
        import pandas as pd

        dtypes = {int: "Int64", float: "float64"}
        frame = pd.read_csv(
            path,
            dtype={name: dtypes.get(kind, object) for name, kind in self.types.items()},
            keep_default_na=False,
            na_values={n: [""] for n, kind in self.types.items() if kind is not str},
        )
        if list(frame.columns) != self.columns:
            raise ValueError(f"{path}: columns {list(frame.columns)}, expected {self.columns}")
        for name, kind in self.types.items():
            if kind not in dtypes and kind is not str:
                # objects: pandas would infer one dtype (18 and 0.5 would both be floats)
                values = [None if isinstance(v, float) else kind(v) for v in frame[name]]
                frame[name] = pd.Series(values, index=frame.index, dtype=object)
        return frame

    def write_frame(self, path, frame) -> None:
        """A DataFrame's columns of this table (others left out) to ``path``, atomically, in
        the bytes ``write`` gives the same rows."""
        out = frame.reindex(columns=self.columns)  # a column no row has: empty, as in write
        for name, kind in self.types.items():
            if kind is int:
                out[name] = out[name].astype("Int64")  # no "3.0" for a column with gaps
        with atomic_path(path) as tmp:
            out.to_csv(tmp, index=False, lineterminator="\n")

    def _typed(self, row: dict) -> dict:
        return {
            name: kind(row[name]) if row[name] != "" or kind is str else None
            for name, kind in self.types.items()
        }


def records(frame) -> list[dict]:
    """A DataFrame's rows as dicts of plain Python values, missing ones as None (for JSON,
    templates and code written for rows)."""
    frame = frame.astype(object).where(frame.notna(), None)
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def plain(value):
    """A numpy scalar as the Python value it holds (for JSON); other values as they are."""
    return value.item() if hasattr(value, "item") else value
