"""Errors: every image misclassified in any split of the study, how often and as what, and
the most-confused pairs of digits.

Steps: ``errors`` (count), ``plot_errors`` (the images misclassified most often); the
report's section. Counted with pandas group-bys; the figure is plots/errors.py.
"""

from __future__ import annotations

from digits_hypothesis.tables import Table, header

IMAGES = Table(
    sample_index=int,
    true_label=int,
    times_tested=int,
    times_misclassified=int,
    most_common_prediction=int,
)
PAIRS = Table(true_label=int, predicted_label=int, count=int, share_of_errors=float)


def check(config: dict, cases: dict) -> None:
    """Nothing beyond the schema: every count is allowed."""


def count(predictions):
    """Per sample ever misclassified: times tested, times wrong, most common wrong class.

    ``predictions``: a DataFrame of every split's prediction rows. Rows are ordered by times
    misclassified (most first), then by sample index; ties of the most common wrong
    prediction go to the smaller class. Also returns every mistake's (true, predicted) count.
    """
    tested = predictions.groupby("sample_index").agg(
        true_label=("true_label", "first"), times_tested=("true_label", "size")
    )
    mistakes = predictions[predictions["predicted_label"] != predictions["true_label"]]
    # sorted by sample, then predicted class: the first of a sample's largest counts is the
    # smallest class among its most common wrong predictions
    wrong_as = mistakes.groupby(["sample_index", "predicted_label"]).size()
    by_sample = wrong_as.groupby(level="sample_index")
    images = tested.join(
        by_sample.sum()
        .rename("times_misclassified")
        .to_frame()
        .assign(most_common_prediction=by_sample.idxmax().str[1]),
        how="inner",
    ).reset_index()
    images = images.sort_values(
        ["times_misclassified", "sample_index"], ascending=[False, True], kind="stable"
    )
    pairs = mistakes.groupby(["true_label", "predicted_label"]).size().rename("count")
    return images, pairs.reset_index()


def confused_pairs(pairs, top: int):
    """The most frequent (true, predicted) mistakes; ties by true, then predicted class."""
    ordered = pairs.sort_values(
        ["count", "true_label", "predicted_label"], ascending=[False, True, True], kind="stable"
    )
    return ordered.head(top).assign(share_of_errors=ordered["count"] / pairs["count"].sum())


def feature_rows(rows: list[dict], features, names: list[str], most: int) -> list[dict]:
    """The ``most`` rows misclassified most often with their feature values (data that are
    not images, where a picture of the row says nothing)."""
    return [
        {**row, **{name: float(value) for name, value in zip(names, features[row["sample_index"]])}}
        for row in rows[:most]
    ]


def feature_table(names: list[str]) -> Table:
    return Table(**IMAGES.types, **dict.fromkeys(names, float))


def report(files: dict, data: dict) -> dict:
    rows = IMAGES.read(files["errors"])
    with_values = None
    if "rows" in files:
        names = header(files["rows"])[len(IMAGES.columns) :]
        with_values = {"features": names, "rows": feature_table(names).read(files["rows"])}
    return {
        "plot": files.get("plot"),
        "with_values": with_values,
        "n_images": len(rows),
        "n_mistakes": sum(r["times_misclassified"] for r in rows),
        "always_wrong": sum(r["times_misclassified"] == r["times_tested"] for r in rows),
        "top": rows[:10],
        "pairs": PAIRS.read(files["pairs"]),
    }
