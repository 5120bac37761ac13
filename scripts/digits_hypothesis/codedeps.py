"""Which modules of this package a step script runs, so that editing one re-runs the step.

Snakemake re-runs a rule when its own script changes, not when a module that the script
imports does. The rules therefore list, as inputs, every module of the package that their
script imports, directly or through other modules (imports inside functions included).
The list is read from the source with ``ast`` when the Snakefile is parsed (standard
library only, a few milliseconds), never kept by hand. Subpackages (``plots``) count too:
``from digits_hypothesis.plots import study`` is the module ``plots/study.py``, and
importing it runs ``plots/__init__.py`` and the package's ``__init__.py`` first.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = "digits_hypothesis"


def _path(name: str, package_dir: Path) -> Path | None:
    """The file of a module named relative to the package (``plots.study``), if any: a
    module file, or a subpackage's ``__init__.py``."""
    base = package_dir.joinpath(*name.split("."))
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


@cache
def _direct(path: Path, package_dir: Path) -> frozenset[str]:
    """Names, relative to the package (``study``, ``plots.study``), of the package's
    modules that the file at ``path`` imports itself."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith(f"{PACKAGE}."))
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module == PACKAGE or (node.module or "").startswith(f"{PACKAGE}."))
        ):
            names.add(node.module)
            # from digits_hypothesis.plots import study: a module, if there is one
            names.update(f"{node.module}.{a.name}" for a in node.names)
    relative = {name.removeprefix(PACKAGE).lstrip(".") for name in names}
    return frozenset(name for name in relative if name and _path(name, package_dir))


def modules(script: str | Path, package_dir: str | Path) -> list[str]:
    """Paths of every module of the package that ``script`` imports, directly or not."""
    package_dir = Path(package_dir)
    seen: set[str] = set()
    todo = list(_direct(Path(script), package_dir))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_direct(_path(name, package_dir), package_dir))
        # importing plots.study runs plots/__init__.py first
        parent = name.rpartition(".")[0]
        if parent:
            todo.append(parent)
    paths = {_path(name, package_dir) for name in seen}
    if paths:  # importing any module of a package runs its __init__.py first
        paths.add(package_dir / "__init__.py")
    return [str(path) for path in sorted(paths)]
