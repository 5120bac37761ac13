# Errors (digits_hypothesis/errors.py): count every mistake of the study, then draw the
# images misclassified most often.


# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    errors,


# Data that are not images: the rows misclassified most often, with their feature values.
ERROR_ROWS = (
    {}
    if DATA.images
    else dict(
        inputs=dict(
            data=rules.prepare_data.output.data,
            description=rules.prepare_data.output.description,
        ),
        outputs=dict(rows="results/errors_rows.csv"),
        params=dict(gallery_size=config["errors"]["gallery_size"]),
    )
)


rule errors:
    input:
        **ERROR_ROWS.get("inputs", {}),
        predictions=[s.path("predictions.csv") for s in SPLITS],
        code=code_of("errors.py"),
    output:
        **ERROR_ROWS.get("outputs", {}),
        errors=report(
            "results/errors.csv", caption="../report/errors.rst", category="Errors"
        ),
        pairs="results/confused_pairs.csv",
    log:
        "results/logs/errors.log",
    benchmark:
        "results/benchmarks/errors.tsv"
    conda:
        "../environment.yml"
    params:
        **ERROR_ROWS.get("params", {}),
        top_pairs=config["errors"]["top_pairs"],
    script:
        "../scripts/errors.py"


# The images misclassified most often: image data only.
if DATA.images:

    localrules:
        plot_errors,

    rule plot_errors:
        input:
            errors=rules.errors.output.errors,
            data=rules.prepare_data.output.data,
            code=code_of("plot_errors.py"),
        output:
            plot=report(
                "results/plots/errors.svg",
                caption="../report/errors.rst",
                category="Errors",
            ),
        log:
            "results/logs/plot_errors.log",
        benchmark:
            "results/benchmarks/plot_errors.tsv"
        conda:
            "../environment.yml"
        params:
            gallery_size=config["errors"]["gallery_size"],
        script:
            "../scripts/plot_errors.py"
