# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    read_own_images,
    draw_contact_sheet,


rule train_final_model:
    input:
        data=rules.prepare_data.output.data,
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
        # augmented training, about 7,000 images, 5 calibration folds: 30 s, under 300 MB
        runtime=study.slurm_minutes(30),
        mem_mb=1000,
    params:
        model=config["model"],
        final_model=config["final_model"],
    script:
        "../scripts/train_final_model.py"


rule read_own_images:
    input:
        model=rules.train_final_model.output.model,
        images=[f"{OWN_IMAGES}/{name}" for name in OWN_IMAGE_FILES],
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
