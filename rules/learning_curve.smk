# Learning curve (digits_hypothesis/learning_curve.py): fit batches, then the exact test per
# split and per training size, then the plot.
from digits_hypothesis import learning_curve

LEARNING_CURVE = config["learning_curve"]
LEARNING_CURVE_BATCHES = learning_curve.batches(config)


# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    learning_curve,
    plot_learning_curve,


rule learning_curve_fit:
    input:
        data=rules.prepare_data.output.data,
        code=code_of("learning_curve_fit.py"),
    output:
        csv="results/learning_curve/{batch}.csv",
    log:
        "results/logs/learning_curve_fit/{batch}.log",
    benchmark:
        "results/benchmarks/learning_curve_fit/{batch}.tsv"
    wildcard_constraints:
        batch=analyses.one_of(LEARNING_CURVE_BATCHES),
    conda:
        "../environment.yml"
    resources:
        # measured (bench/): about 2.5 s and under 200 MB per batch
        runtime=study.slurm_minutes(2.5),
        mem_mb=500,
    params:
        batch=lambda w: LEARNING_CURVE_BATCHES[w.batch],
        model=config["model"],
        test_size=LEARNING_CURVE["test_size"],
        stratify=LEARNING_CURVE["stratify"],
    script:
        "../scripts/learning_curve_fit.py"


rule learning_curve:
    input:
        batches=expand(
            rules.learning_curve_fit.output.csv, batch=LEARNING_CURVE_BATCHES
        ),
        code=code_of("learning_curve.py"),
    output:
        csv=report(
            "results/learning_curve.csv",
            caption="../report/learning_curve.rst",
            category="Learning curve",
        ),
        sizes="results/learning_curve_sizes.csv",
    log:
        "results/logs/learning_curve.log",
    benchmark:
        "results/benchmarks/learning_curve.tsv"
    conda:
        "../environment.yml"
    params:
        hypothesis=HYPOTHESIS,
        test_size=LEARNING_CURVE["test_size"],
        stratify=LEARNING_CURVE["stratify"],
    script:
        "../scripts/learning_curve.py"


rule plot_learning_curve:
    input:
        csv=rules.learning_curve.output.csv,
        sizes=rules.learning_curve.output.sizes,
        code=code_of("plot_learning_curve.py"),
    output:
        plot=report(
            "results/plots/learning_curve.svg",
            caption="../report/learning_curve.rst",
            category="Learning curve",
        ),
    log:
        "results/logs/plot_learning_curve.log",
    benchmark:
        "results/benchmarks/plot_learning_curve.tsv"
    conda:
        "../environment.yml"
    params:
        threshold=config["hypothesis"]["threshold"],
        nouns=f"{DATA.noun}s",
    script:
        "../scripts/plot_learning_curve.py"
