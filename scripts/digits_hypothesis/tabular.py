"""A table of the user's own data (config ``data.source: table``): a CSV (``.csv``, or
``.tsv``/``.tab``, tab-separated by default) or Parquet file, one row per sample, a label
column and numeric feature columns.

The same function reads the table for the checks before any job and for the cached data
set, so the two never disagree. pandas reads it (``read_csv``: blank lines skipped, quoted
fields kept whole, a UTF-8 byte-order mark dropped; ``read_parquet``), with the config's
``data.sep`` (detected when not given), ``data.decimal`` and ``data.encoding``. Nothing is
dropped or imputed: a missing value, a feature that is not a number, a label column that is
not there or that holds one class stop the run with the file, the column and (for missing
values) the first lines named. pandas is imported inside ``read`` only: the Snakefile
imports this module, and a run on Digits must not pay for pandas at every start.
"""

from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from digits_hypothesis.exceptions import ConfigError

TAB_SUFFIXES = (".tsv", ".tab")
SUFFIXES = (".csv", *TAB_SUFFIXES, ".parquet")
SEPARATORS = ",;\t"  # those a CSV's separator is detected among
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
    sep: str | None = None  # the CSV's separator, given or detected (None: Parquet)


def read(
    path: str,
    label: str,
    features: list[str] | None = None,
    sep: str | None = None,
    decimal: str = ".",
    encoding: str = "utf-8",
) -> UserTable:
    """The checked table (see the module docstring); ConfigError naming the key if not."""
    file = Path(path)
    if not file.is_file():
        raise ConfigError("data.path", f"no file {path!r} (relative to the working directory)")
    if file.suffix.lower() not in SUFFIXES:
        raise ConfigError("data.path", f"{path}: give a .csv, .tsv, .tab or .parquet file")
    stat = file.stat()
    options = (separator(sep), decimal, encoding)
    return _read(path, label, tuple(features or ()), options, stat.st_mtime_ns, stat.st_size)


def separator(sep: str | None) -> str | None:
    """A config's separator: the two characters ``\\t`` (as YAML keeps '\\t') mean a tab."""
    return "\t" if sep == "\\t" else sep


@functools.lru_cache(maxsize=4)  # the Snakefile's checks ask more than once per parse
def _read(path: str, label: str, features: tuple, options: tuple, _mtime: int, _size: int):
    data = Path(path).read_bytes()
    if path.lower().endswith(".parquet"):
        frame, labels, sep, text = _parquet(path), None, None, ""
    else:
        text = _decode(data, path, options[2])
        sep = options[0] or _detect(text, path)
        frame, labels = _csv(text, path, sep, options[1], label)
    columns = [str(name) for name in frame.columns]
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
    if labels is None:  # Parquet: the label column as stored
        labels = frame[label].map(lambda v: v.strip() if isinstance(v, str) else v)
    else:
        labels = labels.str.strip()

    def place(rows: list[int]) -> str:  # a CSV's lines (computed for a message only), else rows
        return _where(rows, _lines(text, sep, len(frame)) if sep else None)

    # a label is missing only when empty: "NA" or "None" may be a class's name
    empty = [(label, labels.isna() | (labels == ""))]
    for name, missing in empty + [(name, frame[name].isna()) for name in chosen]:
        if missing.any():
            rows = [int(i) for i in missing.to_numpy().nonzero()[0]]
            raise ConfigError(
                "data.path",
                f"{path}: column {name!r} has {len(rows)} missing value"
                f"{'s' if len(rows) > 1 else ''} ({place(rows)}); "
                "nothing is dropped or filled in: clean the table first",
            )
    for name in chosen:
        _check_numeric(frame[name], name, path, place, options[1])
    labels = [str(value) for value in labels]
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
        rows=frame[chosen].to_numpy(dtype="float64").tolist(),
        codes=[code[v] for v in labels],
        classes=classes,
        sha256=hashlib.sha256(data).hexdigest(),
        sep=sep,
    )


def _decode(data: bytes, path: str, encoding: str) -> str:
    # decoded here, not by pandas, to name the offending byte and its position
    utf8 = codecs.lookup(encoding).name == "utf-8"  # the name is checked by settings.check_data
    try:
        return data.decode("utf-8-sig" if utf8 else encoding)  # utf-8-sig drops a BOM
    except UnicodeDecodeError as error:
        at = error.start + len(data) - len(error.object)  # utf-8-sig counts after the BOM
        raise ConfigError(
            "data.encoding",
            f"{path}: not {encoding} text (byte 0x{data[at]:02x} at position {at}); "
            "give data.encoding, e.g. latin-1",
        ) from None


def _detect(text: str, path: str) -> str:
    """The separator of a CSV: tab for .tsv/.tab; else the one of comma, semicolon and tab
    the header holds most often, the csv module's Sniffer deciding a tie."""
    if path.lower().endswith(TAB_SUFFIXES):
        return "\t"
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    most = [sep for sep in SEPARATORS if counts[sep] == max(counts.values())]
    if len(most) == 1:
        return most[0]
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=SEPARATORS).delimiter
    except csv.Error:
        return ","  # one column, or no way to tell: the check of the columns will say


def _csv(text: str, path: str, sep: str, decimal: str, label: str):
    """The table read by pandas, and its label column as text (read apart, see below)."""
    import pandas as pd

    if decimal == sep:
        raise ConfigError(
            "data.decimal", f"{path}: {decimal!r} is both the decimal mark and the separator"
        )
    options = {"sep": sep, "decimal": decimal, "index_col": False, "skip_blank_lines": True}
    try:
        # the header as written: pandas renames empty and repeated names ("Unnamed: 0", "a.1")
        header = pd.read_csv(
            io.StringIO(text), header=None, nrows=1, dtype=str, keep_default_na=False, **options
        )
    except pd.errors.EmptyDataError:
        raise ConfigError("data.path", f"{path}: empty file") from None
    _check_header([str(name) for name in header.iloc[0]], path)
    with warnings.catch_warnings():
        # a first row longer than the header: pandas would drop its extra cells
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(io.StringIO(text), low_memory=False, **options)
        except (pd.errors.ParserError, pd.errors.ParserWarning) as error:
            problem = _long_row(text, sep) or f"pandas: {error}"
            raise ConfigError(
                "data.path",
                f"{path}: {problem}, read with separator {sep!r} (give data.sep if the file "
                "has another)",
            ) from None
    if frame.empty:
        raise ConfigError("data.path", f"{path}: a header and no rows")
    if label not in frame.columns:
        return frame, None  # named by the caller
    # read apart as text: only an empty label is missing, a class may be called "NA"
    labels = pd.read_csv(
        io.StringIO(text), dtype=str, keep_default_na=False, usecols=[label], **options
    )[label]
    return frame, labels.fillna("")


def _parquet(path: str):
    import pandas as pd

    try:
        frame = pd.read_parquet(path)
    except ImportError:
        raise ConfigError("data.path", f"{path}: reading Parquet needs pyarrow") from None
    except Exception as error:  # a corrupt or foreign file: name it
        raise ConfigError("data.path", f"{path}: not a readable Parquet file ({error})") from None
    _check_header([str(name) for name in frame.columns], path)
    return frame


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


def _check_numeric(column, name: str, path: str, place, decimal: str):
    """A column pandas did not read as numbers: name its first cell that is not one."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return
    cells = column.astype(str).str.strip()
    if decimal != ".":
        # with a decimal comma, a point is no decimal mark: pandas refused "1.5" there
        cells = cells.where(~cells.str.contains(".", regex=False), "x")
        cells = cells.str.replace(decimal, ".", regex=False)
    bad = pd.to_numeric(cells, errors="coerce").isna().to_numpy().nonzero()[0]
    if len(bad):
        value = column.iloc[int(bad[0])]
        shown = f"{place([int(bad[0])])}: {value if isinstance(value, str) else str(value)!r}"
    else:  # a cell this test takes for a number and pandas did not
        shown = f"pandas read it as {column.dtype}"
    raise ConfigError(
        "data.features",
        f"{path}: column {name!r} is not numeric ({shown}); "
        "features must be numbers (name the numeric columns in data.features)",
    )


def _where(rows: list[int], lines: list[int] | None) -> str:
    """'lines 3, 4' (a CSV's physical lines, the header's is 1) or 'rows 1, 2' (data rows)."""
    if lines is not None:
        where, numbers = "lines", [lines[i] for i in rows]
    else:
        where, numbers = "rows", [i + 1 for i in rows]
    if len(rows) == 1:
        return f"{where[:-1]} {numbers[0]}"
    shown = ", ".join(map(str, numbers[:SHOWN])) + (", ..." if len(rows) > SHOWN else "")
    return f"{where} {shown}"


def _records(text: str, sep: str):
    """(first physical line, cells) of each record pandas reads, the header first: blank
    lines skipped, a quoted line break inside its record (pandas gives no line numbers)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    end = 0
    for cells in reader:
        start, end = end + 1, reader.line_num
        if cells and (len(cells) > 1 or cells[0].strip()):
            yield start, cells


def _lines(text: str, sep: str, n_rows: int) -> list[int] | None:
    """The physical line of each data row, or None if the count disagrees with pandas'."""
    try:
        lines = [line for line, _ in _records(text, sep)][1:]
    except csv.Error:  # what pandas reads and the csv module cannot (a NUL byte, ...)
        return None
    return lines if len(lines) == n_rows else None


def _long_row(text: str, sep: str) -> str | None:
    """The first row with more cells than the header, as a message says it."""
    records = _records(text, sep)
    try:
        _, header = next(records)
        for line, cells in records:
            if len(cells) > len(header):
                return f"line {line} has {len(cells)} cells, the header {len(header)}"
    except (csv.Error, StopIteration):
        pass
    return None
