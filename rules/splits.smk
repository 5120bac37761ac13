# One fit job and one plot job per batch of seeds of one case (see `batch_size` in the
# config), each writing one set of files per split under results/splits/{case}/{seed}/.
# These are generated rules (fit__{case}__seeds_0_9, ...), not one wildcard rule: a batch
# writes a list of per-split files, which output wildcards cannot name (README, "Performance").
for batch, members in BATCHES.items():

    rule:
        name:
            study.batch_name("fit", batch)
        input:
            data=rules.prepare_data.output.data,
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
            "../scripts/fit.py"

    rule:
        name:
            study.batch_name("plot", batch)
        input:
            data=rules.prepare_data.output.data,
            predictions=[s.path("predictions.csv") for s in members],
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
            "../scripts/plot.py"
