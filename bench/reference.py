"""The one-process reference: the hypothesis study done in a single Python process.

What a careful notebook user would do: import everything once, then run each step in turn.
To make exactly the files the workflow makes, it runs the workflow's own step scripts
(scripts/*.py) in this one process, handing each the inputs, outputs and parameters its
rule would; Python's module cache means every library is imported once. So the benchmark
compares the same work with and without Snakemake's one-process-per-job model.

Usage (from a copy of the repository, writes results/ there):
    python bench/reference.py [--config config/config.yaml]
"""

import argparse
import runpy
import sys
from pathlib import Path
from types import SimpleNamespace

import yaml
from snakemake.utils import validate

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT / "scripts"))

from digits_hypothesis import datasets, mnist, study  # noqa: E402

# The reference runs the default study, on Digits.
DATA = datasets.DIGITS.as_dict()


def run_step(script: str, log: str, **parts) -> None:
    """Run one step script with the ``snakemake`` object its rule would give it."""
    Path(log).parent.mkdir(parents=True, exist_ok=True)
    smk = SimpleNamespace(
        input=SimpleNamespace(**parts.get("input", {})),
        output=SimpleNamespace(**parts.get("output", {})),
        params=SimpleNamespace(**parts.get("params", {})),
        log=[log],
    )
    runpy.run_path(str(ROOT / "scripts" / script), init_globals={"snakemake": smk})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="config/config.yaml")
    config = yaml.safe_load(Path(parser.parse_args().config).read_text())
    config.setdefault("analyses", [])
    validate(config, str(ROOT / "config" / "schema.yaml"))  # fills in the defaults, as the workflow
    if datasets.of(config) is not datasets.DIGITS:
        raise SystemExit("the reference runs the Digits study only (config data.source: digits)")
    cases = study.normalise_cases(config["cases"])
    splits = study.all_splits(cases)
    records = study.split_records(splits)
    data, description = "results/data/digits.npz", "results/data/dataset.json"
    logs = "results/logs/reference"

    run_step(
        "prepare_data.py",
        f"{logs}/prepare_data.log",
        output={"data": data, "description": description},
        params={"data": DATA},
    )
    dataset_plots = {
        "first_digit": "results/plots/dataset/first_digit.svg",
        "first_ten": "results/plots/dataset/first_ten.svg",
    }
    run_step(
        "plot_dataset.py", f"{logs}/plot_dataset.log", input={"data": data}, output=dataset_plots
    )

    # the new writers (config external: auto, on for Digits): converted once, read, scored
    new_writers = "results/data/mnist.npz"
    source = str(mnist.source_file())
    run_step(
        "prepare_new_writers.py",
        f"{logs}/prepare_new_writers.log",
        input={"source": [source]},
        output={"data": new_writers},
        params={"sha256": mnist.sha256(source)},
    )
    external = {
        "predictions": "results/external/predictions.csv",
        "score": "results/external/score.json",
    }
    run_step(
        "read_new_writers.py",
        f"{logs}/read_new_writers.log",
        input={"data": data, "new_writers": new_writers},
        output={"predictions": external["predictions"]},
        params={"model": config["model"]},
    )
    run_step(
        "score_new_writers.py",
        f"{logs}/score_new_writers.log",
        input={"predictions": external["predictions"]},
        output={"score": external["score"]},
        params={
            "model": config["model"],
            "hypothesis": config["hypothesis"],
            "classes": DATA["classes"],
            "n_train": DATA["n_rows"],
        },
    )

    predictions = [s.path("predictions.csv") for s in splits]
    run_step(
        "fit.py",
        f"{logs}/fit.log",
        input={"data": data},
        output={"models": [s.path("model.skops") for s in splits], "predictions": predictions},
        params={"splits": records, "model": config["model"]},
    )
    scores = [s.path("score.json") for s in splits]
    run_step(
        "score.py",
        f"{logs}/score.log",
        input={"description": description, "predictions": predictions},
        output={"scores": scores},
        params={"splits": records, "hypothesis": config["hypothesis"]},
    )
    per_split = config.get("plots", {}).get("per_split", "all")
    plots = {key: [s.path(name) for s in splits] for key, name in study.SPLIT_FIGURES.items()}
    if per_split == "all":
        run_step(
            "plot.py",
            f"{logs}/plot.log",
            input={"data": data, "predictions": predictions},
            output=plots,
            params={"splits": records, "gallery_size": config["plots"]["gallery_size"]},
        )

    claim = study.claim_text(config["model"], config["hypothesis"]["threshold"])
    report_splits = "results/report_splits.json"
    run_step(
        "aggregate.py",
        f"{logs}/aggregate.log",
        input={"scores": scores, "new_writers": [external["score"]]},
        output={
            "summary": "results/summary.csv",
            "hypothesis": "results/hypothesis.json",
            "report_splits": report_splits,
            "by_digit": "results/by_digit.csv",
            "confusion": "results/confusion_by_case.csv",
        },
        params={
            "hypothesis": config["hypothesis"],
            "claim": claim,
            "data": DATA,
            "detailed_splits": config.get("report", {}).get("detailed_splits", 100),
        },
    )
    split_figures = []
    if per_split == "all":
        split_figures = [s.path(name) for s in splits for name in study.REPORT_FIGURES.values()]
    elif per_split == "report":
        split_figures = ["results/report_splits"]  # as rules/report.smk names it
        run_step(
            "plot_report_splits.py",
            f"{logs}/plot_report_splits.log",
            input={"data": data, "report_splits": report_splits, "predictions": predictions},
            output={"figures": split_figures[0]},
            params={"gallery_size": config["plots"]["gallery_size"]},
        )
    baselines = {"splits": "results/baselines.csv", "by_case": "results/baselines_by_case.csv"}
    run_step(
        "baselines.py",
        f"{logs}/baselines.log",
        input={"data": data},
        output=baselines,
        params={"splits": records, "confidence": config["hypothesis"]["confidence"]},
    )
    accuracy_plot = "results/plots/accuracy_by_case.svg"
    run_step(
        "plot_accuracy.py",
        f"{logs}/plot_accuracy.log",
        input={"summary": "results/summary.csv", "hypothesis": "results/hypothesis.json"},
        output={"plot": accuracy_plot},
        params={
            "threshold": config["hypothesis"]["threshold"],
            "n_classes": len(DATA["classes"]),
            "metric": config["hypothesis"].get("metric", "accuracy"),
        },
    )
    confusion_plot = "results/plots/confusion_by_case.svg"
    run_step(
        "plot_confusion.py",
        f"{logs}/plot_confusion.log",
        input={"confusion": "results/confusion_by_case.csv"},
        output={"plot": confusion_plot},
        params={"classes": DATA["classes"]},
    )

    own = config["own_images"].rstrip("/")
    files = study.list_images(own)
    model = {"model": "results/final_model/model.skops", "about": "results/final_model/model.json"}
    run_step(
        "train_final_model.py",
        f"{logs}/train_final_model.log",
        input={"data": data, "new_writers": [new_writers]},
        output=model,
        params={"model": config["model"], "final_model": config["final_model"]},
    )
    own_out = {
        "predictions": "results/own_images/predictions.csv",
        "features": "results/own_images/features.npz",
    }
    images = [f"{own}/{name}" for name in files]
    run_step(
        "read_own_images.py",
        f"{logs}/read_own_images.log",
        input={"model": model["model"], "images": images},
        output=own_out,
        params={"unsure_below": config["final_model"]["unsure_below"]},
    )
    sheet = "results/own_images/contact_sheet.svg"
    run_step(
        "draw_contact_sheet.py",
        f"{logs}/draw_contact_sheet.log",
        input={**own_out, "images": images},
        output={"sheet": sheet},
    )

    run_step(
        "report.py",
        f"{logs}/report.log",
        input={
            "template": "templates/report.html.j2",
            "style": "templates/report.css",
            "script": "templates/report.js",
            "requirements": "requirements.txt",
            "description": description,
            **dataset_plots,
            "hypothesis": "results/hypothesis.json",
            "summary": "results/summary.csv",
            "report_splits": report_splits,
            "by_digit": "results/by_digit.csv",
            "confusion": "results/confusion_by_case.csv",
            "accuracy_plot": accuracy_plot,
            "confusion_plot": confusion_plot,
            "baselines": baselines["splits"],
            "baselines_by_case": baselines["by_case"],
            "permutation": [],
            "split_figures": split_figures,
            "own_predictions": own_out["predictions"],
            "contact_sheet": sheet,
            "final_model": model["about"],
            "new_writers_score": [external["score"]],
            "new_writers_predictions": [external["predictions"]],
            "analyses": [],
        },
        output={"html": "results/report.html", "config": "results/config_used.yaml"},
        params={
            "config": config,
            "data": DATA,
            "own_images": own,
            "analyses": {},
            "per_split": per_split,
            "compare_with": None,
        },
    )


if __name__ == "__main__":
    main()
