"""Numbers and lists as the report writes them: the templates' filters (pct, p, num,
and_list). The analyses' sentences are written in their template blocks, not in their
modules, so that a change of wording re-runs the report only, never an analysis's fits.
Standard library only.
"""

from __future__ import annotations


def fmt_pct(value, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


def fmt_p(value) -> str:
    """p-values readable at a glance: 0.397, 0.0012, 1.3e-10."""
    if value is None:
        return "–"
    if value >= 0.001:
        return f"{value:.3g}"
    return f"{value:.1e}"


def fmt_num(value, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}g}"


def join(items, last: str = "and") -> str:
    """a, b and c (or ``last`` before the last item)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
