"""Building the HTML report: inlined images, number formats, provenance. Jinja2 only."""

from __future__ import annotations

import base64
import datetime as dt
import importlib.metadata
import platform
from pathlib import Path

import jinja2

PACKAGES = [
    "snakemake",
    "scikit-learn",
    "numpy",
    "scipy",
    "pandas",
    "matplotlib",
    "jinja2",
    "skops",
    "pillow",
]


def data_uri(path: str) -> str:
    """A PNG as a data: URI, so that the report opens offline as one file."""
    encoded = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f"data:image/png;base64,{encoded}"


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


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def environment(template_dir: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,  # every string from the config is shown as text, never as markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(pct=fmt_pct, p=fmt_p, num=fmt_num, data_uri=data_uri)
    return env


def render(template_path: str, context: dict) -> str:
    path = Path(template_path)
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        environment(str(path.parent)).get_template(path.name).render(generated=generated, **context)
    )
