"""Render the one-file HTML hypothesis report from the study's results."""

from pathlib import Path

import yaml

from digits_hypothesis import analyses, logs, reporting
from digits_hypothesis.files import read_json, write_text
from digits_hypothesis.own_images import PREDICTIONS

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])

scores = [read_json(path) for path in smk.input.scores]
plots = iter(smk.input.split_plots)  # three per split, in split order
splits = []
for score in scores:
    test_images, confusion, mistakes = next(plots), next(plots), next(plots)
    splits.append(
        {
            **score,
            "plots": {
                "test_images": test_images,
                "confusion": confusion,
                "misclassified": mistakes,
            },
        }
    )

context = {
    "hypothesis": read_json(smk.input.hypothesis),
    "dataset": read_json(smk.input.description),
    "splits": splits,
    "plots": {
        "accuracy": smk.input.accuracy_plot,
        "first_digit": smk.input.first_digit,
        "first_ten": smk.input.first_ten,
    },
    "own_images": {
        "folder": smk.params.own_images,
        "rows": PREDICTIONS.read(smk.input.own_predictions),
        "sheet": smk.input.contact_sheet,
        "model": read_json(smk.input.final_model),
    },
    "analyses": analyses.report(smk.params.analyses),
    "style": Path(smk.input.style).read_text(encoding="utf-8"),
    "config_yaml": yaml.safe_dump(smk.params.config, sort_keys=False),
    "versions": reporting.package_versions(),
}
write_text(smk.output.html, reporting.render(smk.input.template, context))
log.info("wrote %s (%d splits)", smk.output.html, len(splits))
