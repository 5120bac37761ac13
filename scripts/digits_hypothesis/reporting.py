"""Building the HTML report: inlined figures and downloads, number formats, shading, the
table of contents, package versions. Jinja2 only."""

from __future__ import annotations

import base64
import datetime as dt
import html
import importlib.metadata
import platform
import re
from pathlib import Path

import jinja2
import markupsafe

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


# Figures and downloads inlined as data: URIs, by file type.
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".yaml": "application/yaml",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


def data_uri(path: str) -> str:
    """A file as a data: URI of its exact bytes, so that the report is one file offline."""
    encoded = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f"data:{MEDIA_TYPES[Path(path).suffix]};base64,{encoded}"


def download(path: str) -> dict:
    """A file the reader can save from the page: its name, size, path and data: URI."""
    size = Path(path).stat().st_size
    shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} kB"
    return {"name": Path(path).name, "path": path, "size": shown, "uri": data_uri(path)}


# Blues, light to dark (as matplotlib's), for table cells shaded by a value in [0, 1].
SHADES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c"]


def shade(value) -> markupsafe.Markup:
    """A table cell's style attribute for ``value`` (0 lightest, 1 or more darkest); none
    for None. Ink turns white on the four darkest shades (contrast above 4.5:1)."""
    if value is None:
        return markupsafe.Markup("")
    step = min(len(SHADES) - 1, max(0, round(value * (len(SHADES) - 1))))
    ink = "#fff" if step >= 4 else "#1a1a1a"
    return markupsafe.Markup(f' style="background:{SHADES[step]};color:{ink}"')


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
    env.globals.update(shade=shade)
    return env


CONTENTS = "<!-- contents -->"
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)


def contents(page: str) -> str:
    """The table of contents of a rendered page: a list of its h2 headings, each with a
    list of its h3 headings (headings with an id only)."""
    items = []
    for level, anchor, title in _HEADING.findall(page):
        text = html.escape(html.unescape(re.sub(r"<[^>]+>", "", title)).strip())
        link = f'<a href="#{anchor}">{text}</a>'
        if level == "2":
            items.append([link, []])
        elif items:
            items[-1][1].append(link)
    parts = ["<ol>"]
    for link, subs in items:
        inner = "".join(f"<li>{s}</li>" for s in subs)
        parts.append(f"<li>{link}{f'<ol>{inner}</ol>' if inner else ''}</li>")
    parts.append("</ol>")
    return "".join(parts)


def render(template_path: str, context: dict) -> str:
    path = Path(template_path)
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    template = environment(str(path.parent)).get_template(path.name)
    page = template.render(
        generated=generated, contents_placeholder=markupsafe.Markup(CONTENTS), **context
    )
    return page.replace(CONTENTS, contents(page), 1)
