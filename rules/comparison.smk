# Model comparison (digits_hypothesis/comparison.py): one fit job per model on the splits of
# one case of the study, then the paired tests, then the plot.
from digits_hypothesis import comparison

COMPARISON_BATCHES = comparison.batches(config)
COMPARED_SPLITS = [s for s in SPLITS if s.case == config["comparison"]["case"]]


# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    comparison,
    plot_comparison,


rule comparison_fit:
    input:
        data=rules.prepare_data.output.data,
        predictions=[s.path("predictions.csv") for s in COMPARED_SPLITS],
        code=code_of("comparison_fit.py"),
    output:
        csv="results/comparison/{batch}.csv",
    log:
        "results/logs/comparison_fit/{batch}.log",
    benchmark:
        "results/benchmarks/comparison_fit/{batch}.tsv"
    wildcard_constraints:
        batch=analyses.one_of(COMPARISON_BATCHES),
    conda:
        "../environment.yml"
    resources:
        # measured (bench/): about 8 s and under 200 MB per batch
        runtime=study.slurm_minutes(8),
        mem_mb=500,
    params:
        batch=lambda w: COMPARISON_BATCHES[w.batch],
        splits=study.split_records(COMPARED_SPLITS),
    script:
        "../scripts/comparison_fit.py"


rule comparison:
    input:
        models=expand(rules.comparison_fit.output.csv, batch=COMPARISON_BATCHES),
        predictions=rules.comparison_fit.input.predictions,
        description=rules.prepare_data.output.description,
        code=code_of("comparison.py"),
    output:
        csv=report(
            "results/comparison.csv",
            caption="../report/comparison.rst",
            category="Model comparison",
        ),
        models="results/comparison_models.csv",
    log:
        "results/logs/comparison.log",
    benchmark:
        "results/benchmarks/comparison.tsv"
    conda:
        "../environment.yml"
    params:
        models=config["comparison"]["models"],
        claim_model=config["model"],
        splits=study.split_records(COMPARED_SPLITS),
        hypothesis=HYPOTHESIS,
        equivalence_margin=config["comparison"]["equivalence_margin"],
    script:
        "../scripts/comparison.py"


rule plot_comparison:
    input:
        csv=rules.comparison.output.csv,
        code=code_of("plot_comparison.py"),
    output:
        plot=report(
            "results/plots/comparison.svg",
            caption="../report/comparison.rst",
            category="Model comparison",
        ),
    log:
        "results/logs/plot_comparison.log",
    benchmark:
        "results/benchmarks/plot_comparison.tsv"
    conda:
        "../environment.yml"
    params:
        threshold=config["hypothesis"]["threshold"],
    script:
        "../scripts/plot_comparison.py"
