# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    prepare_data,
    plot_dataset,


rule prepare_data:
    output:
        data="results/data/digits.npz",
        description="results/data/dataset.json",
    log:
        "results/logs/prepare_data.log",
    benchmark:
        "results/benchmarks/prepare_data.tsv"
    conda:
        "../environment.yml"
    script:
        "../scripts/prepare_data.py"


rule plot_dataset:
    input:
        data=rules.prepare_data.output.data,
    output:
        first_digit=report(
            "results/plots/dataset/first_digit.svg",
            caption="../report/first_digit.rst",
            category="Dataset",
        ),
        first_ten=report(
            "results/plots/dataset/first_ten.svg",
            caption="../report/first_ten.rst",
            category="Dataset",
        ),
    log:
        "results/logs/plot_dataset.log",
    benchmark:
        "results/benchmarks/plot_dataset.tsv"
    conda:
        "../environment.yml"
    script:
        "../scripts/plot_dataset.py"
