"""Re-run only what changed, code included: editing a module of the shared package re-runs
exactly the steps whose scripts import it (directly or through other modules), and what
depends on their outputs; nothing else. Checked for every module, by editing it."""

import os
from modulefinder import ModuleFinder

import pytest
import yaml
from workflow import ROOT, SMALL_CONFIG, copy_workflow, dry_run_jobs, snakemake

from digits_hypothesis import rulegraph

SCRIPTS = ROOT / "scripts"
PACKAGE = SCRIPTS / "digits_hypothesis"
# every module, those of subpackages as paths: "study", "plots/study", "plots/__init__"
MODULES = sorted(p.relative_to(PACKAGE).with_suffix("").as_posix() for p in PACKAGE.rglob("*.py"))


def imported(script) -> set[str]:
    """The package's modules a script imports, found by the standard library's ModuleFinder
    (it reads the byte code, imports inside functions included), independently of the
    workflow's own reading of the source."""
    finder = ModuleFinder(path=[str(SCRIPTS)])
    finder.run_script(str(script))
    found = set()
    for name, module in finder.modules.items():
        if name == "digits_hypothesis" or name.startswith("digits_hypothesis."):
            relative = "/".join(name.split(".")[1:])
            package = module.__path__ is not None  # a package: its __init__.py ran
            found.add(f"{relative}/__init__".lstrip("/") if package else relative)
    return found


def imported_by(rule: str, analyses: list[str]) -> set[str]:
    """The modules a rule's script imports; the report's also those of the analyses that
    ran, which it loads by name (analyses.report)."""
    found = imported(SCRIPTS / f"{rulegraph.stem(rule)}.py")
    if rulegraph.stem(rule) == "report":
        for name in analyses:
            found |= {name} | imported(PACKAGE / f"{name}.py")
    return found


@pytest.fixture(scope="module")
def rules(analyses_run):
    """The rules of the run (a defined rule the run does not use, say plot_report_splits
    without plots.per_split: report, would be added to it by --forcerun)."""
    return [rule for rule in dry_run_jobs(analyses_run, "--forceall") if rule != "all"]


def test_every_rule_runs_the_script_named_as_its_step(analyses_run):
    listed = snakemake(analyses_run, "--list-rules").stdout.split()
    scripts = {p.stem for p in SCRIPTS.glob("*.py")} - {"predict_image", "serve"}  # for people
    assert {rulegraph.stem(rule) for rule in listed if rule != "all"} == scripts


@pytest.mark.parametrize("module", MODULES)
def test_editing_a_module_reruns_exactly_the_steps_that_import_it(analyses_run, rules, module):
    analyses = yaml.safe_load((analyses_run / "config" / "config.yaml").read_text())["analyses"]
    users = [r for r in rules if module in imported_by(r, analyses)]
    expected = dry_run_jobs(analyses_run, "--forcerun", *users) if users else {}
    path = analyses_run / "scripts" / "digits_hypothesis" / f"{module}.py"
    text, stat = path.read_text(), path.stat()
    try:  # an edit, not a touch: Snakemake ignores a newer file whose checksum is the same
        path.write_text(text + "\n# an edit\n")
        assert dry_run_jobs(analyses_run) == expected
    finally:
        path.write_text(text)
        os.utime(path, (stat.st_atime, stat.st_mtime))


def test_modules_nothing_imports_are_none(analyses_run):
    # rulegraph.py is a command-line filter for drawing the rule graph, codedeps.py is read by
    # the Snakefile itself: no step imports them, so editing them re-runs nothing.
    used = set().union(*(imported(p) for p in SCRIPTS.glob("*.py")))
    assert set(MODULES) - used == {"codedeps", "rulegraph"}


def working_directory(path):
    """A folder holding only the small study's config and an (empty) folder for own images,
    as a user's run folder would."""
    (path / "config").mkdir(parents=True)
    (path / "images").mkdir()
    (path / "config" / "config.yaml").write_text(SMALL_CONFIG.read_text())
    return path


def test_the_workflow_runs_from_another_directory(tmp_path):
    # Only the config and results live in the working directory; code comes from the clone.
    clone = copy_workflow(tmp_path / "clone", config=None)
    elsewhere = working_directory(tmp_path / "elsewhere")
    snakemake(clone, "--cores", "2", "--directory", str(elsewhere), "--config", "analyses=[]")
    assert (elsewhere / "results" / "report.html").stat().st_size > 0
    assert not (clone / "results").exists()
    assert dry_run_jobs(clone, "--directory", str(elsewhere), "--config", "analyses=[]") == {}


def test_the_workflow_runs_as_a_module_of_another_workflow(tmp_path):
    clone = copy_workflow(tmp_path / "clone", config=None)
    host = working_directory(tmp_path / "host")
    (host / "Snakefile").write_text(
        'configfile: "config/config.yaml"\n\n\n'
        f'module digits:\n    snakefile:\n        "{clone}/Snakefile"\n'
        "    config:\n        config\n\n\n"
        "use rule * from digits as digits_*\n"
    )
    snakemake(host, "digits_all", "--cores", "2", "--config", "analyses=[]")
    assert (host / "results" / "report.html").stat().st_size > 0
    assert (host / "results" / "splits" / "half" / "2" / "score.json").exists()
