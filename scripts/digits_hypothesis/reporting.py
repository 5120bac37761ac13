"""Building the HTML report: inlined figures and downloads, number formats, shading, the
table of contents, package versions. Jinja2 only."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import html
import importlib.metadata
import platform
import re
import urllib.parse
from pathlib import Path

import jinja2
import markupsafe

from digits_hypothesis.words import fmt_num, fmt_p, fmt_pct, join

# Figures and downloads inlined as data: URIs, by file type.
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".yaml": "application/yaml",
    ".png": "image/png",
}


def data_uri(path: str) -> str:
    """A file as a data: URI of its exact bytes, so that the report is one file offline.

    SVG goes in as text with only the characters a URL or an HTML attribute cannot hold
    escaped: a quarter smaller than base64."""
    suffix = Path(path).suffix
    if suffix == ".svg":
        text = Path(path).read_text(encoding="utf-8")
        return f"data:image/svg+xml;charset=utf-8,{urllib.parse.quote(text, safe=SVG_SAFE)}"
    encoded = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f"data:{MEDIA_TYPES[suffix]};base64,{encoded}"


# Left as they are in an SVG data: URI (not " # % < > or line breaks).
SVG_SAFE = " !$&'()*+,-./:;=?@[]_{}|~"


# A file larger than this goes into the page gzip-compressed (a CSV of numbers shrinks
# about threefold), so that the per-split tables of a study of thousands of splits do not
# make the page several times larger; the page's script saves it unpacked.
GZIP_ABOVE = 256_000


def download(path: str) -> dict:
    """A file the reader can save from the page: name, size, path and data: URI (of the
    gzip-compressed bytes, with ``gzip`` set, above GZIP_ABOVE)."""
    data = Path(path).read_bytes()
    size = len(data)
    shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} kB"
    found = {
        "name": Path(path).name,
        "path": path,
        "size": shown,
        "bytes": size,
        "gzip": size > GZIP_ABOVE,
    }
    if found["gzip"]:
        packed = base64.b64encode(gzip.compress(data, mtime=0)).decode("ascii")
        return {**found, "uri": f"data:application/gzip;base64,{packed}"}
    return {**found, "uri": data_uri(path)}


def with_unique_names(downloads: list[dict]) -> list[dict]:
    """The downloads, each saved under its own name: a file name that two of them share
    (predictions.csv of own images and of the new writers) gets its folder in front."""
    names = [d["name"] for d in downloads]
    return [
        {**d, "name": f"{Path(d['path']).parent.name}_{d['name']}"}
        if names.count(d["name"]) > 1
        else d
        for d in downloads
    ]


# Table cells shaded by a value in [0, 1]: classes s0 (lightest) to s7 (darkest) of
# report.css, so that a matrix of a hundred cells costs a few bytes a cell.
SHADES = 8


def shade(value) -> markupsafe.Markup:
    """A table cell's class attribute for ``value`` (0 lightest, 1 or more darkest); none
    for None."""
    if value is None:
        return markupsafe.Markup("")
    return markupsafe.Markup(f' class="s{min(SHADES - 1, max(0, round(value * (SHADES - 1))))}"')


def package_versions(requirements: str) -> dict[str, str]:
    """Python's version and the installed version of each package the workflow's
    requirements file names (the packages its jobs run on, not a list kept by hand)."""
    versions = {"python": platform.python_version()}
    for line in Path(requirements).read_text(encoding="utf-8").splitlines():
        name = re.split(r"[=<>!~\[; ]", line.strip(), maxsplit=1)[0]
        if not name or name.startswith(("#", "-")):
            continue
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
    env.filters.update(pct=fmt_pct, p=fmt_p, num=fmt_num, and_list=join, data_uri=data_uri)
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
