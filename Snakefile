"""digits-hypothesis: does SVC(gamma=0.001, C=100) read Digits correctly at least 95% of the time?

Table of contents: the config and its checks, then one file of rules per stage.
"""

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


include: "rules/common.smk"
include: "rules/data.smk"
include: "rules/splits.smk"
include: "rules/hypothesis.smk"
include: "rules/own_images.smk"
include: "rules/analyses.smk"
include: "rules/report.smk"


# Every output is a target: a deleted intermediate file (say one split's score.json) is
# re-created, since Snakemake does not re-make missing intermediates whose products exist.
rule all:
    default_target: True
    input:
        rules.report.output,
        rules.aggregate.output,
        rules.plot_dataset.output,
        rules.read_own_images.output,
        ANALYSIS_REPORT_FILES,
        SPLIT_OUTPUTS,
