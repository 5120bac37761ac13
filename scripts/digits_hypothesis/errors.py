"""Errors: every image misclassified in any split of the study, how often and as what, and
the most-confused pairs of digits.

Steps: ``errors`` (count), ``plot_errors`` (the images misclassified most often); the
report's section. Standard library for counting; the figure is plots/errors.py.
"""

from __future__ import annotations

from collections import Counter

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


def count(predictions) -> tuple[list[dict], Counter, int]:
    """Per image ever misclassified: times tested, times wrong, most common wrong digit.

    ``predictions`` yields the prediction rows of each split. Rows are ordered by times
    misclassified (most first), then by sample index; ties of the most common wrong
    prediction go to the smaller digit. Also returns the (true, predicted) counts of every
    mistake and the number of predictions read.
    """
    tested: Counter = Counter()
    wrong: dict[int, Counter] = {}
    true_label: dict[int, int] = {}
    pairs: Counter = Counter()
    n_predictions = 0
    for rows in predictions:
        for row in rows:
            index, true, predicted = row["sample_index"], row["true_label"], row["predicted_label"]
            n_predictions += 1
            tested[index] += 1
            true_label[index] = true
            if predicted != true:
                wrong.setdefault(index, Counter())[predicted] += 1
                pairs[(true, predicted)] += 1
    images = []
    for index, counts in wrong.items():
        top = max(counts.values())
        images.append(
            {
                "sample_index": index,
                "true_label": true_label[index],
                "times_tested": tested[index],
                "times_misclassified": sum(counts.values()),
                "most_common_prediction": min(d for d, c in counts.items() if c == top),
            }
        )
    images.sort(key=lambda r: (-r["times_misclassified"], r["sample_index"]))
    return images, pairs, n_predictions


def confused_pairs(pairs: Counter, top: int) -> list[dict]:
    """The most frequent (true, predicted) mistakes; ties by true, then predicted digit."""
    total = sum(pairs.values())
    ordered = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    return [
        {
            "true_label": true,
            "predicted_label": predicted,
            "count": n,
            "share_of_errors": n / total,
        }
        for (true, predicted), n in ordered[:top]
    ]


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
