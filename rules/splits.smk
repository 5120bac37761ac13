# One fit, one score and (with plots.per_split: all) one plot job per batch of seeds of one
# case (see `batch_size` in the config), each writing one file per split under
# results/splits/{case}/{seed}/. These are generated rules (fit__{case}__seeds_0_9, ...), not
# wildcard rules: a batch writes a list of per-split files, which output wildcards cannot
# name. Scoring is its own step so that a new threshold re-scores without re-fitting, and
# per batch so that no job has one output per split of the study (README, "Performance").
for batch, members in BATCHES.items():

    rule:
        name:
            study.batch_name("fit", batch)
        input:
            data=rules.prepare_data.output.data,
            code=code_of("fit.py"),
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
            # measured (bench/): 2 s to start, 0.1 s and under 200 MB per split
            runtime=study.slurm_minutes(2 + 0.1 * len(members)),
            mem_mb=500,
        params:
            splits=study.split_records(members),
            model=config["model"],
        script:
            "../scripts/fit.py"

    fitted = getattr(rules, study.batch_name("fit", batch)).output

    rule:
        name:
            study.batch_name("score", batch)
        input:
            description=rules.prepare_data.output.description,
            predictions=fitted.predictions,
            code=code_of("score.py"),
        output:
            scores=[s.path("score.json") for s in members],
        log:
            f"results/logs/score/{batch}.log",
        benchmark:
            f"results/benchmarks/score/{batch}.tsv"
        group:
            "splits"
        conda:
            "../environment.yml"
        resources:
            # measured (bench/): 1.5 s to start, 0.01 s per split, about 100 MB
            runtime=study.slurm_minutes(1.5 + 0.01 * len(members)),
            mem_mb=300,
        params:
            splits=study.split_records(members),
            hypothesis=CLAIM_HYPOTHESIS,
        script:
            "../scripts/score.py"

    if PER_SPLIT == "all":

        rule:
            name:
                study.batch_name("plot", batch)
            input:
                data=rules.prepare_data.output.data,
                predictions=fitted.predictions,
                code=code_of("plot.py"),
            output:
                **{
                    key: [
                        report(s.path(name), category="Splits", subcategory=s.case)
                        for s in members
                    ]
                    for key, name in study.SPLIT_FIGURES.items()
                },
            log:
                f"results/logs/plot/{batch}.log",
            benchmark:
                f"results/benchmarks/plot/{batch}.tsv"
            group:
                "splits"
            conda:
                "../environment.yml"
            resources:
                # measured (bench/): 1.5 s to start, 0.35 s per split, about 220 MB
                runtime=study.slurm_minutes(1.5 + 0.35 * len(members)),
                mem_mb=500,
            params:
                splits=study.split_records(members),
                gallery_size=config["plots"]["gallery_size"],
            script:
                "../scripts/plot.py"
