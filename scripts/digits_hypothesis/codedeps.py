"""Which modules of this package a step script runs, so that editing one re-runs the step.

Snakemake re-runs a rule when its own script changes, not when a module that the script
imports does. The rules therefore list, as inputs, every module of the package that their
script imports, directly or through other modules (imports inside functions included).
The list is read from the source with ``ast`` when the Snakefile is parsed (standard
library only, a few milliseconds), never kept by hand.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = "digits_hypothesis"


@cache
def _direct(path: Path) -> frozenset[str]:
    """Names of the package's modules that the file at ``path`` imports itself."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith(f"{PACKAGE}."))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == PACKAGE:  # from digits_hypothesis import stats, verdict
                names.update(f"{PACKAGE}.{a.name}" for a in node.names)
            elif node.module.startswith(f"{PACKAGE}."):
                names.add(node.module)
    return frozenset(name.split(".")[1] for name in names)


def modules(script: str | Path, package_dir: str | Path) -> list[str]:
    """Paths of every module of the package that ``script`` imports, directly or not."""
    package_dir = Path(package_dir)
    seen: set[str] = set()
    todo = list(_direct(Path(script)))
    while todo:
        name = todo.pop()
        path = package_dir / f"{name}.py"
        if name in seen or not path.exists():
            continue
        seen.add(name)
        todo.extend(_direct(path))
    if seen:  # importing any module of a package runs its __init__.py first
        seen.add("__init__")
    return [str(package_dir / f"{name}.py") for name in sorted(seen)]
