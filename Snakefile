"""digits-hypothesis: does SVC(gamma=0.001, C=100) read Digits correctly at least 95% of the time?

Table of contents: the config and its checks, one file of rules per stage, one per extra
analysis, and `rule all`, whose targets one function chooses from the config.
"""

import os

from snakemake.utils import min_version

min_version("9.0")


# The working directory's config/config.yaml, else the workflow's own defaults.
CONFIG_FILE = "config/config.yaml"
if not os.path.exists(CONFIG_FILE):
    CONFIG_FILE = f"{workflow.current_basedir}/{CONFIG_FILE}"


configfile: CONFIG_FILE


include: "rules/common.smk"
include: "rules/data.smk"
include: "rules/splits.smk"
include: "rules/new_writers.smk"
include: "rules/hypothesis.smk"
include: "rules/baselines.smk"


# A person's own images: only when the claim's data are images.
if DATA.images:

    include: "rules/own_images.smk"


for analysis in analyses.REGISTRY:

    include: analysis.rules_file


# every rule the registry names is defined, or the parse stops naming the missing one
try:
    analyses.check_rules(rules.has, DATA.images)
except analyses.RegistryError as error:
    raise WorkflowError(f"Broken analysis registry: {error}") from None


include: "rules/report.smk"


rule all:
    default_target: True
    input:
        targets(),


# Before a run with work to do: keep the last complete run's verdicts and config for the
# report's "what changed" section.
onstart:
    changes.keep_previous(
        [rules.aggregate.output.hypothesis, rules.report.output.config],
        complete=rules.report.output.html,
        folder="results/previous",
    )
