# Against chance (digits_hypothesis/baselines.py, chance.py): scikit-learn's dummy
# classifiers on every split of the study, and, with hypothesis.permutation_test, the
# claim's model refitted on permuted labels of each case's first split.
PERMUTATION_BATCHES = baselines.permutation_batches(CASES, PERMUTATION_TEST)
# Each case's first split, which the permutation test refits.
FIRST_SPLITS = {name: study.all_splits({name: case})[0] for name, case in CASES.items()}


# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    baselines,
    permutation,


rule baselines:
    input:
        data=rules.prepare_data.output.data,
        code=code_of("baselines.py"),
    output:
        splits=report(
            "results/baselines.csv",
            caption="../report/baselines.rst",
            category="Hypothesis",
        ),
        by_case=report(
            "results/baselines_by_case.csv",
            caption="../report/baselines.rst",
            category="Hypothesis",
        ),
    log:
        "results/logs/baselines.log",
    benchmark:
        "results/benchmarks/baselines.tsv"
    conda:
        "../environment.yml"
    params:
        # every split of the study: two dummy fits of about a millisecond each (measured:
        # 1.1 s for the default study's 51 splits, 12.5 s for 10,000)
        splits=study.split_records(SPLITS),
        confidence=config["hypothesis"]["confidence"],
    script:
        "../scripts/baselines.py"


# Defined always; its jobs exist only with hypothesis.permutation_test.
rule permutation_fit:
    input:
        data=rules.prepare_data.output.data,
        code=code_of("permutation_fit.py"),
    output:
        csv="results/permutation/{batch}.csv",
    log:
        "results/logs/permutation_fit/{batch}.log",
    benchmark:
        "results/benchmarks/permutation_fit/{batch}.tsv"
    wildcard_constraints:
        batch=analyses.one_of(PERMUTATION_BATCHES),
    conda:
        "../environment.yml"
    resources:
        # measured: up to 0.15 s of CPU per refit of the claim's SVC on Digits (20 s wall
        # for 50 on a loaded machine), about 200 MB
        runtime=study.slurm_minutes(2 + 0.3 * baselines.PER_JOB),
        mem_mb=500,
    params:
        batch=lambda w: PERMUTATION_BATCHES[w.batch],
        model=config["model"],
    script:
        "../scripts/permutation_fit.py"


rule permutation:
    input:
        batches=expand(rules.permutation_fit.output.csv, batch=PERMUTATION_BATCHES),
        # the observed accuracy: each case's first split as the study fitted it
        predictions=[s.path("predictions.csv") for s in FIRST_SPLITS.values()],
        code=code_of("permutation.py"),
    output:
        csv=report(
            "results/permutation.csv",
            caption="../report/permutation.rst",
            category="Hypothesis",
        ),
    log:
        "results/logs/permutation.log",
    benchmark:
        "results/benchmarks/permutation.tsv"
    conda:
        "../environment.yml"
    params:
        cases=list(FIRST_SPLITS),
    script:
        "../scripts/permutation.py"
