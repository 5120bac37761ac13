"""The three figures of each split the report shows in detail, and of no other split
(config plots.per_split: report)."""

from digits_hypothesis import cached_data, logs, split_details, study
from digits_hypothesis.files import read_json
from digits_hypothesis.plots import splits

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
images, labels = cached_data.load_cached(smk.input.data)
predictions = split_details.by_split(smk.input.predictions)

for split in read_json(smk.input.report_splits):
    case, seed = split["case"], split["seed"]
    rows = study.PREDICTIONS.read(predictions[(case, seed)]["predictions.csv"])
    paths = [
        study.split_path(smk.output.figures, case, seed, n) for n in study.SPLIT_FIGURES.values()
    ]
    splits.draw_split(split, images, labels, rows, smk.params.gallery_size, paths)
    log.info("case %s, seed %s: drew its figures", case, seed)
