# One fit job and one plot job per batch of seeds (see `batch_size` in the config), across
# all cases: each writes one set of files per split under results/splits/{case}/{seed}/.
SPLIT_OUTPUTS = []  # every per-split file, all targets of `rule all`

for batch, members in BATCHES.items():

    rule:
        name:
            study.batch_name("fit", batch)
        input:
            data=rules.prepare_data.output.data,
            code=lib("data", "files", "fitting", "logs", "models"),
        output:
            models=[s.path("model.skops") for s in members],
            predictions=[s.path("predictions.csv") for s in members],
        log:
            f"results/logs/fit/{batch}.log",
        benchmark:
            f"results/benchmarks/fit/{batch}.tsv"
        group:
            "splits"
        conda:
            "../environment.yml"
        resources:
            # per batch of up to batch_size splits; a Slurm group job adds these up
            runtime=10,
            mem_mb=1000,
        params:
            splits=study.split_records(members),
            model=config["model"],
        script:
            "../scripts/fit_splits.py"

    SPLIT_OUTPUTS += getattr(rules, study.batch_name("fit", batch)).output

    rule:
        name:
            study.batch_name("plot", batch)
        input:
            data=rules.prepare_data.output.data,
            predictions=[s.path("predictions.csv") for s in members],
            code=lib("data", "drawing", "files", "logs", "stats"),
        output:
            test_images=[
                report(
                    s.path("test_images.png"), category="Splits", subcategory=s.case
                )
                for s in members
            ],
            confusion=[
                report(
                    s.path("confusion_matrix.png"),
                    category="Splits",
                    subcategory=s.case,
                )
                for s in members
            ],
            misclassified=[
                report(
                    s.path("misclassified.png"), category="Splits", subcategory=s.case
                )
                for s in members
            ],
        log:
            f"results/logs/plot/{batch}.log",
        benchmark:
            f"results/benchmarks/plot/{batch}.tsv"
        group:
            "splits"
        conda:
            "../environment.yml"
        resources:
            # per batch of up to batch_size splits; a Slurm group job adds these up
            runtime=10,
            mem_mb=1000,
        params:
            splits=study.split_records(members),
            gallery_size=config["plots"]["gallery_size"],
        script:
            "../scripts/plot_splits.py"

    SPLIT_OUTPUTS += getattr(rules, study.batch_name("plot", batch)).output
