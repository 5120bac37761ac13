rule aggregate:
    input:
        description=rules.prepare_data.output.description,
        predictions=[s.path("predictions.csv") for s in SPLITS],
    output:
        scores=[s.path("score.json") for s in SPLITS],
        summary=report(
            "results/summary.csv",
            caption="../report/summary.rst",
            category="Hypothesis",
        ),
        hypothesis="results/hypothesis.json",
    log:
        "results/logs/aggregate.log",
    benchmark:
        "results/benchmarks/aggregate.tsv"
    group:
        "summary"
    conda:
        "../environment.yml"
    params:
        splits=study.split_records(SPLITS),
        hypothesis=config["hypothesis"],
        claim=CLAIM,
    script:
        "../scripts/aggregate.py"


rule plot_accuracy:
    input:
        summary=rules.aggregate.output.summary,
    output:
        plot=report(
            "results/plots/accuracy_by_case.png",
            caption="../report/accuracy_by_case.rst",
            category="Hypothesis",
        ),
    log:
        "results/logs/plot_accuracy.log",
    benchmark:
        "results/benchmarks/plot_accuracy.tsv"
    group:
        "summary"
    conda:
        "../environment.yml"
    params:
        threshold=config["hypothesis"]["threshold"],
    script:
        "../scripts/plot_accuracy.py"
