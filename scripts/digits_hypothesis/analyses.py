"""The extra analyses, each one module of this package named as the analysis (its tables,
config check, statistics, figure and report values), one rules file ``rules/{name}.smk``
and one template block ``templates/analyses/{name}.html.j2``.

This module knows them only by name: the list, in report order, is the ``analyses`` enum of
config/schema.yaml. Standard library only (the Snakefile imports it).
"""

from __future__ import annotations

import importlib
import re


def module(name: str):
    return importlib.import_module(f"digits_hypothesis.{name}")


def check(config: dict, cases: dict) -> None:
    """Each analysis that runs checks what its schema block cannot state."""
    for name in config["analyses"]:
        module(name).check(config, cases)


def report(files: dict[str, dict], data: dict) -> dict[str, dict]:
    """The report values of each analysis that ran, from ``{name: {key: path}}`` and the
    data set's facts (datasets.Facts as a dict), in order; each says where in the report its
    section goes (``place``)."""
    found = {}
    for name, paths in files.items():
        analysis = module(name)
        found[name] = {**analysis.report(paths, data), "place": analysis.REPORT_PLACE}
    return found


def one_of(names) -> str:
    """A wildcard constraint that matches exactly these values."""
    return "|".join(re.escape(str(name)) for name in names)
