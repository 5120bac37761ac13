# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    read_own_images,
    draw_contact_sheet,


rule train_final_model:
    input:
        data=rules.prepare_data.output.data,
        # the new writers' digits too, with final_model.training: [digits, mnist]
        new_writers=(
            [rules.prepare_new_writers.output.data] if NEW_WRITERS["reader"] else []
        ),
        code=code_of("train_final_model.py"),
    output:
        model="results/final_model/model.skops",
        about="results/final_model/model.json",
    log:
        "results/logs/train_final_model.log",
    benchmark:
        "results/benchmarks/train_final_model.tsv"
    conda:
        "../environment.yml"
    resources:
        # measured: Digits and MNIST, 5 calibration folds: 10 s, under 500 MB (with
        # final_model.augment, about four times as long)
        runtime=study.slurm_minutes(40),
        mem_mb=1500,
    params:
        model=config["model"],
        final_model=config["final_model"],
    script:
        "../scripts/train_final_model.py"


rule read_own_images:
    input:
        model=rules.train_final_model.output.model,
        images=[f"{OWN_IMAGES}/{name}" for name in OWN_IMAGE_FILES],
        code=code_of("read_own_images.py"),
    output:
        predictions=report(
            "results/own_images/predictions.csv",
            caption="../report/own_images.rst",
            category="Own images",
        ),
        features="results/own_images/features.npz",
    log:
        "results/logs/read_own_images.log",
    benchmark:
        "results/benchmarks/read_own_images.tsv"
    conda:
        "../environment.yml"
    params:
        unsure_below=config["final_model"]["unsure_below"],
    script:
        "../scripts/read_own_images.py"


rule draw_contact_sheet:
    input:
        predictions=rules.read_own_images.output.predictions,
        features=rules.read_own_images.output.features,
        images=rules.read_own_images.input.images,
        code=code_of("draw_contact_sheet.py"),
    output:
        sheet=report(
            "results/own_images/contact_sheet.svg",
            caption="../report/own_images.rst",
            category="Own images",
        ),
    log:
        "results/logs/draw_contact_sheet.log",
    benchmark:
        "results/benchmarks/draw_contact_sheet.tsv"
    conda:
        "../environment.yml"
    script:
        "../scripts/draw_contact_sheet.py"
