"""The report's view of the extra analyses: read their outputs into template values."""

from __future__ import annotations


def context(files: dict) -> dict:
    """Template values per analysis, from ``{analysis: {key: path(s)}}`` (empty: none ran)."""
    return {}
