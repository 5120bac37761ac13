# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    prepare_data,


rule prepare_data:
    input:
        # a table of the user's (its checksum is in params: an edit re-runs this step)
        table=[DATA.table["path"]] if DATA.table else [],
        code=code_of("prepare_data.py"),
    output:
        data=f"results/data/{DATA.cache}.npz",
        description="results/data/dataset.json",
    log:
        "results/logs/prepare_data.log",
    benchmark:
        "results/benchmarks/prepare_data.tsv"
    conda:
        "../environment.yml"
    params:
        data=DATA_FACTS,
    script:
        "../scripts/prepare_data.py"


# The first images of the data set, as the original analysis showed them: image data only.
if DATA.images:

    localrules:
        plot_dataset,

    rule plot_dataset:
        input:
            data=rules.prepare_data.output.data,
            code=code_of("plot_dataset.py"),
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
