# What each analysis that runs hands to the report: {analysis: {key: path}}, in report order.
REPORT_ANALYSES = report_analyses()


rule report:
    input:
        template=workflow_file("templates/report.html.j2"),
        # included by report.html.j2: the sections of the analyses that ran
        partials=[
            workflow_file(f"templates/analyses/{name}.html.j2")
            for name in REPORT_ANALYSES
        ],
        style=workflow_file("templates/report.css"),
        description=rules.prepare_data.output.description,
        first_digit=rules.plot_dataset.output.first_digit,
        first_ten=rules.plot_dataset.output.first_ten,
        hypothesis=rules.aggregate.output.hypothesis,
        scores=rules.aggregate.output.scores,
        accuracy_plot=rules.plot_accuracy.output.plot,
        split_plots=[
            s.path(name)
            for s in SPLITS
            for name in (
                "test_images.png",
                "confusion_matrix.png",
                "misclassified.png",
            )
        ],
        own_predictions=rules.read_own_images.output.predictions,
        contact_sheet=rules.draw_contact_sheet.output.sheet,
        final_model=rules.train_final_model.output.about,
        analyses=[path for files in REPORT_ANALYSES.values() for path in files.values()],
    output:
        html=report(
            "results/report.html", caption="../report/report.rst", category="Report"
        ),
    log:
        "results/logs/report.log",
    benchmark:
        "results/benchmarks/report.tsv"
    group:
        "summary"
    conda:
        "../environment.yml"
    params:
        config=config,
        own_images=OWN_IMAGES,
        analyses=REPORT_ANALYSES,
    script:
        "../scripts/report.py"
