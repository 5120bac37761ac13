# One fit job and one plot job per batch of splits (see `batch_size` in the config): each
# writes one set of files per split under results/splits/{case}/{seed}/.
SPLIT_OUTPUTS = []  # every per-split file, all targets of `rule all`

for (case, batch), members in BATCHES.items():

    rule:
        name:
            study.batch_name("fit", case, batch)
        input:
            data=rules.prepare_data.output.data,
            code=lib("data", "files", "logs", "models"),
        output:
            models=[s.path("model.skops") for s in members],
            predictions=[s.path("predictions.csv") for s in members],
        log:
            f"results/logs/fit/{case}/{batch}.log",
        benchmark:
            f"results/benchmarks/fit/{case}/{batch}.tsv"
        group:
            "splits"
        conda:
            "../environment.yml"
        params:
            splits=study.split_records(members),
            model=config["model"],
        script:
            "../scripts/fit_splits.py"

    SPLIT_OUTPUTS += getattr(rules, study.batch_name("fit", case, batch)).output

    rule:
        name:
            study.batch_name("plot", case, batch)
        input:
            data=rules.prepare_data.output.data,
            predictions=[s.path("predictions.csv") for s in members],
            code=lib("data", "drawing", "files", "logs", "stats"),
        output:
            test_images=[
                report(s.path("test_images.png"), category="Splits", subcategory=case)
                for s in members
            ],
            confusion=[
                report(
                    s.path("confusion_matrix.png"), category="Splits", subcategory=case
                )
                for s in members
            ],
            misclassified=[
                report(
                    s.path("misclassified.png"), category="Splits", subcategory=case
                )
                for s in members
            ],
        log:
            f"results/logs/plot/{case}/{batch}.log",
        benchmark:
            f"results/benchmarks/plot/{case}/{batch}.tsv"
        group:
            "splits"
        conda:
            "../environment.yml"
        params:
            splits=study.split_records(members),
            gallery_size=config["plots"]["gallery_size"],
        script:
            "../scripts/plot_splits.py"

    SPLIT_OUTPUTS += getattr(rules, study.batch_name("plot", case, batch)).output
