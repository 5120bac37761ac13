# The extra analyses (issue 8), each a branch of the DAG: fit batches (scikit-learn), then a
# combine step that tests (numpy, scipy), then a plot. Only the analyses listed in
# `analyses` are defined, so `analyses: []` leaves the hypothesis study exactly as it was.
ENABLED = config["analyses"]
# analysis name -> {key: path} that the report reads (analyses_report.context)
ANALYSIS_REPORT = {}
# benchmark files of the wildcard jobs below, for `cost`
WILDCARD_BENCHMARKS = []


if "sensitivity" in ENABLED:
    SENSITIVITY = config["sensitivity"]
    SENSITIVITY_BATCHES = analyses.sensitivity_batches(
        SENSITIVITY, config["batch_size"]
    )
    CLAIM_POINT = [config["model"]["params"].get(k) for k in ("gamma", "C")]

    rule sensitivity_fit:
        input:
            data=rules.prepare_data.output.data,
            code=lib("data", "files", "fitting", "logs", "models"),
        output:
            csv="results/sensitivity/{batch}.csv",
        log:
            "results/logs/sensitivity_fit/{batch}.log",
        benchmark:
            "results/benchmarks/sensitivity_fit/{batch}.tsv"
        wildcard_constraints:
            batch=analyses.one_of(SENSITIVITY_BATCHES),
        conda:
            "../environment.yml"
        params:
            model=analyses.sensitivity_model(config["model"]),
            gamma=lambda w: SENSITIVITY_BATCHES[w.batch]["gamma"],
            C=lambda w: SENSITIVITY_BATCHES[w.batch]["C"],
            seeds=lambda w: SENSITIVITY_BATCHES[w.batch]["seeds"],
            test_size=SENSITIVITY["test_size"],
            stratify=SENSITIVITY["stratify"],
        script:
            "../scripts/sensitivity_fit.py"

    rule sensitivity:
        input:
            batches=expand(rules.sensitivity_fit.output.csv, batch=SENSITIVITY_BATCHES),
            description=rules.prepare_data.output.description,
            code=lib("analysis_stats", "files", "logs", "stats", "verdict"),
        output:
            csv=report(
                "results/sensitivity.csv",
                caption="../report/sensitivity.rst",
                category="Sensitivity",
            ),
            grid="results/sensitivity_grid.csv",
        log:
            "results/logs/sensitivity.log",
        benchmark:
            "results/benchmarks/sensitivity.tsv"
        conda:
            "../environment.yml"
        params:
            hypothesis=config["hypothesis"],
            test_size=SENSITIVITY["test_size"],
            stratify=SENSITIVITY["stratify"],
        script:
            "../scripts/sensitivity_combine.py"

    rule plot_sensitivity:
        input:
            grid=rules.sensitivity.output.grid,
            code=lib("analysis_drawing", "drawing", "files", "logs"),
        output:
            plot=report(
                "results/plots/sensitivity.png",
                caption="../report/sensitivity.rst",
                category="Sensitivity",
            ),
        log:
            "results/logs/plot_sensitivity.log",
        benchmark:
            "results/benchmarks/plot_sensitivity.tsv"
        conda:
            "../environment.yml"
        params:
            threshold=config["hypothesis"]["threshold"],
            claim=CLAIM_POINT if config["model"]["estimator"] == "svc" else None,
        script:
            "../scripts/plot_sensitivity.py"

    ANALYSIS_REPORT["sensitivity"] = {
        "csv": rules.sensitivity.output.csv,
        "grid": rules.sensitivity.output.grid,
        "plot": rules.plot_sensitivity.output.plot,
    }
    WILDCARD_BENCHMARKS += expand(
        "results/benchmarks/sensitivity_fit/{batch}.tsv", batch=SENSITIVITY_BATCHES
    )


if "learning_curve" in ENABLED:
    LEARNING = config["learning_curve"]
    LEARNING_BATCHES = analyses.learning_curve_batches(LEARNING, config["batch_size"])

    rule learning_curve_fit:
        input:
            data=rules.prepare_data.output.data,
            code=lib("data", "files", "fitting", "logs", "models"),
        output:
            csv="results/learning_curve/{batch}.csv",
        log:
            "results/logs/learning_curve_fit/{batch}.log",
        benchmark:
            "results/benchmarks/learning_curve_fit/{batch}.tsv"
        wildcard_constraints:
            batch=analyses.one_of(LEARNING_BATCHES),
        conda:
            "../environment.yml"
        params:
            model=config["model"],
            train_size=lambda w: LEARNING_BATCHES[w.batch]["train_size"],
            seeds=lambda w: LEARNING_BATCHES[w.batch]["seeds"],
            test_size=LEARNING["test_size"],
            stratify=LEARNING["stratify"],
        script:
            "../scripts/learning_curve_fit.py"

    rule learning_curve:
        input:
            batches=expand(rules.learning_curve_fit.output.csv, batch=LEARNING_BATCHES),
            code=lib("analysis_stats", "files", "logs", "stats", "verdict"),
        output:
            csv=report(
                "results/learning_curve.csv",
                caption="../report/learning_curve.rst",
                category="Learning curve",
            ),
            sizes="results/learning_curve_sizes.csv",
        log:
            "results/logs/learning_curve.log",
        benchmark:
            "results/benchmarks/learning_curve.tsv"
        conda:
            "../environment.yml"
        params:
            hypothesis=config["hypothesis"],
        script:
            "../scripts/learning_curve_combine.py"

    rule plot_learning_curve:
        input:
            csv=rules.learning_curve.output.csv,
            sizes=rules.learning_curve.output.sizes,
            code=lib("analysis_drawing", "drawing", "files", "logs"),
        output:
            plot=report(
                "results/plots/learning_curve.png",
                caption="../report/learning_curve.rst",
                category="Learning curve",
            ),
        log:
            "results/logs/plot_learning_curve.log",
        benchmark:
            "results/benchmarks/plot_learning_curve.tsv"
        conda:
            "../environment.yml"
        params:
            threshold=config["hypothesis"]["threshold"],
        script:
            "../scripts/plot_learning_curve.py"

    ANALYSIS_REPORT["learning_curve"] = {
        "csv": rules.learning_curve.output.csv,
        "sizes": rules.learning_curve.output.sizes,
        "plot": rules.plot_learning_curve.output.plot,
    }
    WILDCARD_BENCHMARKS += expand(
        "results/benchmarks/learning_curve_fit/{batch}.tsv", batch=LEARNING_BATCHES
    )


if "comparison" in ENABLED:
    COMPARED = config["comparison"]["models"]
    COMPARED_SPLITS = [s for s in SPLITS if s.case == config["comparison"]["case"]]

    rule comparison_fit:
        input:
            data=rules.prepare_data.output.data,
            predictions=[s.path("predictions.csv") for s in COMPARED_SPLITS],
            code=lib(
                "analysis_stats",
                "data",
                "files",
                "fitting",
                "logs",
                "models",
                "stats",
                "verdict",
            ),
        output:
            csv="results/comparison/{model}.csv",
        log:
            "results/logs/comparison_fit/{model}.log",
        benchmark:
            "results/benchmarks/comparison_fit/{model}.tsv"
        wildcard_constraints:
            model=analyses.one_of(COMPARED),
        conda:
            "../environment.yml"
        params:
            spec=lambda w: COMPARED[w.model],
            splits=study.split_records(COMPARED_SPLITS),
        script:
            "../scripts/comparison_fit.py"

    rule comparison:
        input:
            models=expand(rules.comparison_fit.output.csv, model=COMPARED),
            predictions=rules.comparison_fit.input.predictions,
            description=rules.prepare_data.output.description,
            code=lib("analyses", "analysis_stats", "files", "logs", "stats", "verdict"),
        output:
            csv=report(
                "results/comparison.csv",
                caption="../report/comparison.rst",
                category="Model comparison",
            ),
            models="results/comparison_models.csv",
        log:
            "results/logs/comparison.log",
        benchmark:
            "results/benchmarks/comparison.tsv"
        conda:
            "../environment.yml"
        params:
            models=COMPARED,
            claim_model=config["model"],
            splits=study.split_records(COMPARED_SPLITS),
            alpha=config["hypothesis"]["alpha"],
        script:
            "../scripts/comparison_combine.py"

    rule plot_comparison:
        input:
            csv=rules.comparison.output.csv,
            code=lib("analysis_drawing", "drawing", "files", "logs"),
        output:
            plot=report(
                "results/plots/comparison.png",
                caption="../report/comparison.rst",
                category="Model comparison",
            ),
        log:
            "results/logs/plot_comparison.log",
        benchmark:
            "results/benchmarks/plot_comparison.tsv"
        conda:
            "../environment.yml"
        params:
            threshold=config["hypothesis"]["threshold"],
        script:
            "../scripts/plot_comparison.py"

    ANALYSIS_REPORT["comparison"] = {
        "csv": rules.comparison.output.csv,
        "models": rules.comparison.output.models,
        "plot": rules.plot_comparison.output.plot,
    }
    WILDCARD_BENCHMARKS += expand(
        "results/benchmarks/comparison_fit/{model}.tsv", model=COMPARED
    )


if "power" in ENABLED:
    CASE_SIZES = {name: study.n_test_for(c["test_size"]) for name, c in CASES.items()}

    rule power:
        input:
            code=lib("analysis_stats", "files", "logs", "stats", "verdict"),
        output:
            table=report(
                "results/power.csv", caption="../report/power.rst", category="Power"
            ),
            curve="results/power_curve.csv",
            cases="results/power_cases.csv",
        log:
            "results/logs/power.log",
        benchmark:
            "results/benchmarks/power.tsv"
        conda:
            "../environment.yml"
        params:
            threshold=config["hypothesis"]["threshold"],
            alpha=config["hypothesis"]["alpha"],
            true_accuracy=config["power"]["true_accuracy"],
            target_power=config["power"]["target_power"],
            max_n_test=config["power"]["max_n_test"],
            case_sizes=CASE_SIZES,
        script:
            "../scripts/power.py"

    rule plot_power:
        input:
            table=rules.power.output.table,
            curve=rules.power.output.curve,
            code=lib("analysis_drawing", "drawing", "files", "logs"),
        output:
            plot=report(
                "results/plots/power.png",
                caption="../report/power.rst",
                category="Power",
            ),
        log:
            "results/logs/plot_power.log",
        benchmark:
            "results/benchmarks/plot_power.tsv"
        conda:
            "../environment.yml"
        params:
            target_power=config["power"]["target_power"],
            case_sizes=CASE_SIZES,
        script:
            "../scripts/plot_power.py"

    ANALYSIS_REPORT["power"] = {
        "table": rules.power.output.table,
        "cases": rules.power.output.cases,
        "plot": rules.plot_power.output.plot,
    }


if "errors" in ENABLED:

    rule errors:
        input:
            predictions=[s.path("predictions.csv") for s in SPLITS],
            code=lib("analysis_stats", "files", "logs", "stats", "verdict"),
        output:
            errors=report(
                "results/errors.csv", caption="../report/errors.rst", category="Errors"
            ),
            pairs="results/confused_pairs.csv",
        log:
            "results/logs/errors.log",
        benchmark:
            "results/benchmarks/errors.tsv"
        conda:
            "../environment.yml"
        params:
            top_pairs=config["errors"]["top_pairs"],
        script:
            "../scripts/count_errors.py"

    rule plot_errors:
        input:
            errors=rules.errors.output.errors,
            data=rules.prepare_data.output.data,
            code=lib("data", "drawing", "files", "logs"),
        output:
            plot=report(
                "results/plots/errors.png",
                caption="../report/errors.rst",
                category="Errors",
            ),
        log:
            "results/logs/plot_errors.log",
        benchmark:
            "results/benchmarks/plot_errors.tsv"
        conda:
            "../environment.yml"
        params:
            gallery_size=config["errors"]["gallery_size"],
        script:
            "../scripts/plot_errors.py"

    ANALYSIS_REPORT["errors"] = {
        "errors": rules.errors.output.errors,
        "pairs": rules.errors.output.pairs,
        "plot": rules.plot_errors.output.plot,
    }


if "cost" in ENABLED:
    # mikropml-style: the benchmark files of every job defined so far (all but the report,
    # which is defined last, and `all`, which has none) are the inputs of one summary job.
    COST_BENCHMARKS = [
        str(r.benchmark)
        for r in workflow.rules
        if r.benchmark and not r.has_wildcards()
    ] + WILDCARD_BENCHMARKS

    rule cost:
        input:
            benchmarks=COST_BENCHMARKS,
            code=lib(
                "analysis_drawing",
                "analysis_stats",
                "drawing",
                "files",
                "logs",
                "stats",
                "verdict",
            ),
        output:
            csv=report(
                "results/cost.csv", caption="../report/cost.rst", category="Cost"
            ),
            plot=report(
                "results/plots/cost.png", caption="../report/cost.rst", category="Cost"
            ),
        log:
            "results/logs/cost.log",
        benchmark:
            "results/benchmarks/cost.tsv"
        group:
            # it reads the benchmarks of `aggregate` and feeds `report`, both in this group
            "summary"
        conda:
            "../environment.yml"
        script:
            "../scripts/cost.py"

    ANALYSIS_REPORT["cost"] = {
        "csv": rules.cost.output.csv,
        "plot": rules.cost.output.plot,
    }


ANALYSIS_REPORT = {
    name: {key: str(path) for key, path in files.items()}
    for name, files in ANALYSIS_REPORT.items()
}
ANALYSIS_REPORT_FILES = [
    path for files in ANALYSIS_REPORT.values() for path in files.values()
]
