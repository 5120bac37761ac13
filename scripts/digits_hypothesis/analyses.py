"""The extra analyses: one registry (``REGISTRY``) names each analysis and where each of its
parts lives: its module of this package (tables, config check, statistics, report values),
its figure module ``plots/{name}.py`` (a ``figure()``, apart from the statistics), its rules
file ``rules/{name}.smk`` (a rule ``{name}``, and ``{name}_fit`` over ``{batch}`` and
``plot_{name}`` if it has them), its template block
``templates/analyses/{name}.html.j2`` and its place in the report. The schema's ``analyses``
enum must list the same names, in report order; ``check_registry`` and ``check_rules`` stop
the workflow at parse time, naming the part, when anything the registry names is missing.
Standard library only (the Snakefile imports it).
"""

from __future__ import annotations

import ast
import importlib
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Analysis:
    """One extra analysis and its parts."""

    name: str
    place: str  # where the report shows it: "findings" (after the evidence) or "appendix"
    fits: bool  # a rule {name}_fit over {batch}, batches from the module's batches(config)
    plots: bool  # a rule plot_{name}
    plots_need_images: bool = False  # plot_{name} is defined for image data only

    @property
    def rules_file(self) -> str:
        return f"rules/{self.name}.smk"

    @property
    def template(self) -> str:
        return f"templates/analyses/{self.name}.html.j2"

    @property
    def figure_module(self) -> str:
        return f"scripts/digits_hypothesis/plots/{self.name}.py"

    def rule_names(self, images: bool) -> list[str]:
        """The rules its rules file must define."""
        names = [self.name] + ([f"{self.name}_fit"] if self.fits else [])
        if self.plots and (images or not self.plots_need_images):
            names.append(f"plot_{self.name}")
        return names


# In report order. Adding an analysis: its own files, and one entry here (README).
REGISTRY = (
    Analysis("sensitivity", "findings", fits=True, plots=True),
    Analysis("learning_curve", "findings", fits=True, plots=True),
    Analysis("comparison", "findings", fits=True, plots=True),
    Analysis("power", "findings", fits=False, plots=True),
    Analysis("errors", "findings", fits=False, plots=True, plots_need_images=True),
    Analysis("cost", "appendix", fits=False, plots=False),  # its figure is the rule's own
)
BY_NAME = {analysis.name: analysis for analysis in REGISTRY}
# What each analysis's module must provide.
MODULE_PARTS = ("check", "report")


class RegistryError(ValueError):
    """A part the registry names is missing; the message names it."""


def check_registry(workflow_dir: Path, schema_names: list[str]) -> None:
    """Every registered analysis has its module (with check(), report() and, if it fits,
    batches()), its figure module (with figure(); read, not imported: it imports seaborn,
    a second at every parse), rules file and template block, and the schema lists exactly
    these names in this order."""
    names = [analysis.name for analysis in REGISTRY]
    if schema_names != names:
        raise RegistryError(
            f"config/schema.yaml lists the analyses {schema_names}; the registry "
            f"(digits_hypothesis/analyses.py) has {names}: make them the same, in report order"
        )
    for analysis in REGISTRY:
        for part in (analysis.rules_file, analysis.template, analysis.figure_module):
            if not (workflow_dir / part).is_file():
                raise RegistryError(f"analysis {analysis.name!r}: {part} does not exist")
        if "figure" not in _functions(workflow_dir / analysis.figure_module):
            raise RegistryError(
                f"analysis {analysis.name!r}: {analysis.figure_module} has no figure()"
            )
        try:
            found = module(analysis.name)
        except ImportError as error:
            raise RegistryError(f"analysis {analysis.name!r}: no module ({error})") from None
        wanted = MODULE_PARTS + (("batches",) if analysis.fits else ())
        for function in wanted:
            if not callable(getattr(found, function, None)):
                raise RegistryError(
                    f"analysis {analysis.name!r}: digits_hypothesis/{analysis.name}.py has no "
                    f"{function}()"
                )


def _functions(path: Path) -> set[str]:
    """The functions a module defines at its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def check_rules(defined, images: bool) -> None:
    """Every rule the registry names is defined (``defined``: the workflow's rules.has)."""
    for analysis in REGISTRY:
        for rule in analysis.rule_names(images):
            if not defined(rule):
                raise RegistryError(
                    f"analysis {analysis.name!r}: {analysis.rules_file} defines no rule {rule}"
                )


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
    return {
        name: {**module(name).report(paths, data), "place": BY_NAME[name].place}
        for name, paths in files.items()
    }


def one_of(names) -> str:
    """A wildcard constraint that matches exactly these values."""
    return "|".join(re.escape(str(name)) for name in names)
