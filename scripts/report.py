"""Render the one-file HTML hypothesis report from the study's results."""

import os
from pathlib import Path

import yaml

from digits_hypothesis import (
    analyses,
    baselines,
    by_digit,
    changes,
    logs,
    metrics,
    provenance,
    reporting,
    split_details,
    study,
)
from digits_hypothesis.files import read_json, write_text
from digits_hypothesis.own_images import PREDICTIONS

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images = smk.params.data["images"]  # the first images and own images: image data only

shown = read_json(smk.input.report_splits)
hypothesis = read_json(smk.input.hypothesis)
metric = hypothesis["hypothesis"].get("metric", "accuracy")
rows = study.summary_table(len(smk.params.data["classes"]), metric).read(smk.input.summary)
report_dir = Path(smk.output.html).parent
for split, figures in zip(
    shown, split_details.figures(smk.params.per_split, smk.input.split_figures, shown)
):
    split["plots"] = figures
    split["folder"] = os.path.relpath(
        study.split_path(study.SPLITS_DIR, split["case"], split["seed"], ""), report_dir
    )

# The config as the reader downloads it: the file written here, byte for byte.
config_yaml = yaml.safe_dump(smk.params.config, sort_keys=False)
write_text(smk.output.config, config_yaml)
analysis_files = [path for files in smk.params.analyses.values() for path in files.values()]
downloads = [
    smk.input.summary,
    smk.input.hypothesis,
    smk.input.by_digit,
    smk.input.confusion,
    smk.input.report_splits,
    smk.input.baselines,
    smk.input.baselines_by_case,
    *smk.input.permutation,
    smk.input.description,
    *(path for path in analysis_files if Path(path).suffix in (".csv", ".json")),
    *([smk.input.own_predictions, smk.input.final_model] if images else []),
    *smk.input.new_writers_predictions,
    *smk.input.new_writers_score,
]

context = {
    "hypothesis": hypothesis,
    "dataset": read_json(smk.input.description),
    "splits": rows,
    "shown_splits": shown,
    "by_digit": by_digit.report(
        by_digit.BY_DIGIT.read_frame(smk.input.by_digit),
        by_digit.CONFUSION.read_frame(smk.input.confusion),
    ),
    "plots": {"accuracy": smk.input.accuracy_plot, "confusion": smk.input.confusion_plot},
    # the dummy classifiers beside each case, and the permutation test's p-values if it ran
    "baselines": baselines.report(
        baselines.BY_CASE.read(smk.input.baselines_by_case),
        hypothesis["cases"],
        [row for path in smk.input.permutation for row in baselines.PERMUTATION.read(path)],
    ),
    "own_images": None,
    # the claim's model on other writers' digits (config external), or None
    "new_writers": read_json(smk.input.new_writers_score[0])
    if smk.input.new_writers_score
    else None,
    "analyses": analyses.report(smk.params.analyses, smk.params.data),
    "data": smk.params.data,
    "config": smk.params.config,
    "changes": changes.compare(smk.params.compare_with, smk.params.config, hypothesis),
    "downloads": reporting.with_unique_names([reporting.download(path) for path in downloads]),
    # the workflow's own folder: the one that holds templates/
    "provenance": provenance.describe(
        Path(smk.input.template).resolve().parents[1], Path(smk.output.config).name
    ),
    "config_download": reporting.download(smk.output.config),
    "style": Path(smk.input.style).read_text(encoding="utf-8"),
    "script": Path(smk.input.script).read_text(encoding="utf-8"),
    "config_yaml": config_yaml,
    "verdicts": [study.SUPPORTED, study.INCONCLUSIVE, study.REFUTED],
    # the claim's metric in words (hypothesis.metric)
    "metric_names": metrics.METRICS,
    "versions": reporting.package_versions(smk.input.requirements),
}
if images:
    context["plots"].update(first_digit=smk.input.first_digit, first_ten=smk.input.first_ten)
    context["own_images"] = {
        "folder": smk.params.own_images,
        "rows": PREDICTIONS.read(smk.input.own_predictions),
        "sheet": smk.input.contact_sheet,
        "model": read_json(smk.input.final_model),
    }
write_text(smk.output.html, reporting.render(smk.input.template, context))
log.info("wrote %s (%d splits, %d in detail)", smk.output.html, len(rows), len(shown))
