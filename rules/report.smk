# What each analysis that runs hands to the report: {analysis: {key: path}}, in report order.
REPORT_ANALYSES = report_analyses()
# The report's sections on images: the data set's first images and a person's own images.
IMAGE_SECTIONS = (
    dict(
        first_digit=rules.plot_dataset.output.first_digit,
        first_ten=rules.plot_dataset.output.first_ten,
        own_predictions=rules.read_own_images.output.predictions,
        contact_sheet=rules.draw_contact_sheet.output.sheet,
        final_model=rules.train_final_model.output.about,
    )
    if DATA.images
    else {}
)


# plots.per_split: report — the figures of the splits the report shows, and only those:
# which they are is known once every split is scored, so one job draws them all. Defined
# always (only plots.per_split: report asks for its output).
rule plot_report_splits:
    input:
        data=rules.prepare_data.output.data,
        report_splits=rules.aggregate.output.report_splits,
        predictions=every_split("predictions.csv"),
        code=code_of("plot_report_splits.py"),
    output:
        figures=directory("results/report_splits"),
    log:
        "results/logs/plot_report_splits.log",
    benchmark:
        "results/benchmarks/plot_report_splits.tsv"
    conda:
        "../environment.yml"
    resources:
        # measured (bench/): 0.35 s and under 200 MB per split shown
        runtime=study.slurm_minutes(2 + 0.35 * config["report"]["detailed_splits"]),
        mem_mb=500,
    params:
        gallery_size=config["plots"]["gallery_size"],
    script:
        "../scripts/plot_report_splits.py"


# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    report,


rule report:
    input:
        **IMAGE_SECTIONS,
        template=workflow_file("templates/report.html.j2"),
        # included by report.html.j2: the sections of the analyses that ran
        partials=[
            workflow_file(f"templates/{name}.html.j2")
            for name in ("macros", "changes", "new_writers")
        ]
        + [
            workflow_file(f"templates/analyses/{name}.html.j2")
            for name in REPORT_ANALYSES
        ],
        style=workflow_file("templates/report.css"),
        # the packages the report lists with their installed versions
        requirements=workflow_file("requirements.txt"),
        script=workflow_file("templates/report.js"),
        description=rules.prepare_data.output.description,
        hypothesis=rules.aggregate.output.hypothesis,
        summary=rules.aggregate.output.summary,
        report_splits=rules.aggregate.output.report_splits,
        by_digit=rules.aggregate.output.by_digit,
        confusion=rules.aggregate.output.confusion,
        accuracy_plot=rules.plot_accuracy.output.plot,
        confusion_plot=rules.plot_confusion.output.plot,
        baselines=rules.baselines.output.splits,
        baselines_by_case=rules.baselines.output.by_case,
        # the permutation test against chance (hypothesis.permutation_test), when it runs
        permutation=[rules.permutation.output.csv] if PERMUTATION_TEST else [],
        new_writers_score=new_writers_outputs("score"),
        new_writers_predictions=new_writers_outputs("predictions"),
        split_figures=split_figures(),
        analyses=[path for files in REPORT_ANALYSES.values() for path in files.values()],
        code=code_of("report.py"),
        analyses_code=code_of_analyses(REPORT_ANALYSES),
    output:
        html=report(
            "results/report.html", caption="../report/report.rst", category="Report"
        ),
        # the config the report shows (and the next run compares with)
        config=f"results/{changes.CONFIG_USED}",
    log:
        "results/logs/report.log",
    benchmark:
        "results/benchmarks/report.tsv"
    conda:
        "../environment.yml"
    params:
        config=config,
        data=DATA_FACTS,
        own_images=OWN_IMAGES,
        analyses=REPORT_ANALYSES,
        per_split=PER_SPLIT,
        # not an input: the workflow rewrites it at the start of every run with work to do
        compare_with=config["report"]["compare_with"],
    script:
        "../scripts/report.py"
