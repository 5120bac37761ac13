"""The images misclassified most often, as a digit gallery (plain matplotlib: a picture of
digits, as the per-split galleries are)."""

from __future__ import annotations

from digits_hypothesis.plots.splits import digit_gallery
from digits_hypothesis.plots.style import WRONG


def figure(images, rows):
    """``rows``: a DataFrame of errors.csv's first rows: true → most common wrong digit,
    times wrong / times tested under each image."""
    captions = [
        f"{t}→{p} {w}/{n}"
        for t, p, w, n in zip(
            rows["true_label"],
            rows["most_common_prediction"],
            rows["times_misclassified"],
            rows["times_tested"],
        )
    ]
    return digit_gallery(
        images[rows["sample_index"].to_numpy()],
        captions,
        "Misclassified most often: true → most common wrong digit, times wrong / times tested",
        [WRONG] * len(rows),
    )
