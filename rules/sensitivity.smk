# Sensitivity (digits_hypothesis/sensitivity.py): fit batches, then the test per grid point,
# then the heatmap.
from digits_hypothesis import sensitivity

SENSITIVITY = config["sensitivity"]
SENSITIVITY_BATCHES = sensitivity.batches(config)
SENSITIVITY_NAMES = sensitivity.names(config)


# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    sensitivity,
    plot_sensitivity,


rule sensitivity_fit:
    input:
        data=rules.prepare_data.output.data,
        code=code_of("sensitivity_fit.py"),
    output:
        csv="results/sensitivity/{batch}.csv",
    log:
        "results/logs/sensitivity_fit/{batch}.log",
    benchmark:
        "results/benchmarks/sensitivity_fit/{batch}.tsv"
    wildcard_constraints:
        batch=analyses.one_of(SENSITIVITY_BATCHES),
    conda:
        "../environment.yml"
    resources:
        # measured (bench/): about 7 s and under 200 MB per batch
        runtime=study.slurm_minutes(7),
        mem_mb=500,
    params:
        batch=lambda w: SENSITIVITY_BATCHES[w.batch],
        names=SENSITIVITY_NAMES,
        model=sensitivity.base_model(config["model"]),
        test_size=SENSITIVITY["test_size"],
        stratify=SENSITIVITY["stratify"],
    script:
        "../scripts/sensitivity_fit.py"


rule sensitivity:
    input:
        batches=expand(rules.sensitivity_fit.output.csv, batch=SENSITIVITY_BATCHES),
        description=rules.prepare_data.output.description,
        code=code_of("sensitivity.py"),
    output:
        csv=report(
            "results/sensitivity.csv",
            caption="../report/sensitivity.rst",
            category="Sensitivity",
        ),
        grid="results/sensitivity_grid.csv",
    log:
        "results/logs/sensitivity.log",
    benchmark:
        "results/benchmarks/sensitivity.tsv"
    conda:
        "../environment.yml"
    params:
        grid=SENSITIVITY["grid"],
        hypothesis=HYPOTHESIS,
        test_size=SENSITIVITY["test_size"],
        stratify=SENSITIVITY["stratify"],
    script:
        "../scripts/sensitivity.py"


rule plot_sensitivity:
    input:
        grid=rules.sensitivity.output.grid,
        code=code_of("plot_sensitivity.py"),
    output:
        plot=report(
            "results/plots/sensitivity.svg",
            caption="../report/sensitivity.rst",
            category="Sensitivity",
        ),
    log:
        "results/logs/plot_sensitivity.log",
    benchmark:
        "results/benchmarks/plot_sensitivity.tsv"
    conda:
        "../environment.yml"
    params:
        threshold=config["hypothesis"]["threshold"],
        names=SENSITIVITY_NAMES,
        claim=sensitivity.claim_point(config["model"], SENSITIVITY_NAMES),
        estimator=config["model"]["estimator"],
    script:
        "../scripts/plot_sensitivity.py"
