# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    aggregate,
    plot_accuracy,
    plot_confusion,


rule aggregate:
    input:
        scores=every_split("score.json"),
        # the claim's model on other writers' digits (config external), when it runs
        new_writers=new_writers_outputs("score"),
        code=code_of("aggregate.py"),
    output:
        summary=report(
            "results/summary.csv",
            caption="../report/summary.rst",
            category="Hypothesis",
        ),
        hypothesis="results/hypothesis.json",
        # per case: each digit's precision and recall over its splits, and the summed
        # confusion matrix
        by_digit="results/by_digit.csv",
        confusion="results/confusion_by_case.csv",
        # the splits the report shows in detail (report.detailed_splits), with their scores
        report_splits="results/report_splits.json",
    log:
        "results/logs/aggregate.log",
    benchmark:
        "results/benchmarks/aggregate.tsv"
    conda:
        "../environment.yml"
    params:
        hypothesis=CLAIM_HYPOTHESIS,
        claim=CLAIM,
        data=DATA_FACTS,
        detailed_splits=config["report"]["detailed_splits"],
    script:
        "../scripts/aggregate.py"


rule plot_accuracy:
    input:
        summary=rules.aggregate.output.summary,
        # each case's mean and the interval of the test that decides it
        hypothesis=rules.aggregate.output.hypothesis,
        code=code_of("plot_accuracy.py"),
    output:
        plot=report(
            "results/plots/accuracy_by_case.svg",
            caption="../report/accuracy_by_case.rst",
            category="Hypothesis",
        ),
    log:
        "results/logs/plot_accuracy.log",
    benchmark:
        "results/benchmarks/plot_accuracy.tsv"
    conda:
        "../environment.yml"
    params:
        threshold=config["hypothesis"]["threshold"],
        n_classes=DATA.n_classes,
        metric=METRIC,
    script:
        "../scripts/plot_accuracy.py"


rule plot_confusion:
    input:
        confusion=rules.aggregate.output.confusion,
        code=code_of("plot_confusion.py"),
    output:
        plot=report(
            "results/plots/confusion_by_case.svg",
            caption="../report/confusion_by_case.rst",
            category="Hypothesis",
        ),
    log:
        "results/logs/plot_confusion.log",
    benchmark:
        "results/benchmarks/plot_confusion.tsv"
    conda:
        "../environment.yml"
    params:
        classes=DATA.classes,
    script:
        "../scripts/plot_confusion.py"
