"""The figures drawn once per split (test images with predictions, confusion matrix,
mistakes) and the other pictures of digits (the data set's first digits, galleries): plain
matplotlib, object API on the Agg canvas (no pyplot state), with the shared settings of
``style``. No seaborn here, on purpose: these are drawn by one job per batch of splits, and
importing seaborn would add about 0.7 s to each of them (style's docstring, bench/README.md).

Galleries are one image of tiled digits with text labels rather than one subplot per
digit: a figure with many axes is slow to build and to encode (bench/ measures it).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure

from digits_hypothesis.plots.style import MIN_FONT_PT, RIGHT, WRONG, save_figure


def tile(images: np.ndarray, n_cols: int, pad: int = 2) -> np.ndarray:
    """Tile (n, 8, 8) images into one array, separated by ``pad`` blank pixels."""
    n, height, width = images.shape
    n_rows = math.ceil(n / n_cols)
    mosaic = np.zeros((n_rows * (height + pad) + pad, n_cols * (width + pad) + pad))
    for index, image in enumerate(images):
        row, col = divmod(index, n_cols)
        top, left = pad + row * (height + pad), pad + col * (width + pad)
        mosaic[top : top + height, left : left + width] = image
    return mosaic


def digit_gallery(images, captions, title, colours=None, n_cols=10) -> Figure:
    """Digits drawn as the original did (grey_r, 0-16) with a caption under each."""
    images = np.asarray(images)
    n = len(images)
    n_cols = max(1, min(n_cols, n))
    n_rows = max(1, math.ceil(n / n_cols))
    fig = Figure(figsize=(0.9 * n_cols + 0.4, 1.05 * n_rows + 0.6))
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.98 - 0.45 / fig.get_figheight()))
    ax.set_axis_off()
    ax.set_title(title, fontsize=10)
    if n == 0:
        ax.text(0.5, 0.5, "none", ha="center", va="center", fontsize=12)
        return fig
    # Extra blank rows under each digit make room for its caption inside the mosaic.
    spaced = np.zeros((n, 13, 8))
    spaced[:, :8] = images
    ax.imshow(tile(spaced, n_cols), cmap="gray_r", vmin=0, vmax=16)
    for index, caption in enumerate(captions):
        row, col = divmod(index, n_cols)
        colour = colours[index] if colours is not None else "black"
        ax.text(
            2 + col * 10 + 3.5,
            2 + row * 15 + 10,
            caption,
            ha="center",
            va="center",
            fontsize=MIN_FONT_PT,
            color=colour,
        )
    return fig


def prediction_gallery(images, true, predicted, title) -> Figure:
    captions = [f"pred {p}" for p in predicted]
    colours = [RIGHT if t == p else WRONG for t, p in zip(true, predicted)]
    return digit_gallery(images, captions, title, colours)


def misclassified_gallery(images, true, predicted, title) -> Figure:
    captions = [f"{t} → {p}" for t, p in zip(true, predicted)]
    return digit_gallery(images, captions, title, [WRONG] * len(captions))


def confusion_matrix(matrix, title) -> Figure:
    """Counts on a blue scale, row 0 at the top, each cell's count written in it (white on
    the darker half of the scale, as scikit-learn's ConfusionMatrixDisplay does). One image
    with white grid lines, not a mesh of cells: a tenth of the bytes as SVG."""
    matrix = np.asarray(matrix)
    n = len(matrix)
    fig = Figure(figsize=(5.2, 4.4))
    ax = fig.add_subplot()
    ax.imshow(matrix, cmap="Blues", vmin=0)
    ticks = np.arange(n)
    ax.set_xticks(ticks, labels=[str(d) for d in ticks])
    ax.set_yticks(ticks, labels=[str(d) for d in ticks], rotation="vertical")
    for label in ax.get_yticklabels():
        label.set_verticalalignment("center")
    ax.set_xticks(ticks[:-1] + 0.5, minor=True)
    ax.set_yticks(ticks[:-1] + 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    dark_above = matrix.max() / 2
    for (row, col), count in np.ndenumerate(matrix):
        ax.text(
            col,
            row,
            str(count),
            ha="center",
            va="center",
            fontsize=MIN_FONT_PT,
            color="white" if count > dark_above else "black",
        )
    ax.set_xlabel("predicted digit")
    ax.set_ylabel("true digit")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def single_digit(image, label) -> Figure:
    fig = Figure(figsize=(2.4, 2.6))
    ax = fig.add_subplot()
    ax.imshow(image, cmap="gray_r", vmin=0, vmax=16)
    ax.set_title(f"first image: {label}", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    fig.tight_layout()
    return fig


def split_figures(split: dict, images, labels, rows: list[dict], most: int):
    """The three figures of one split: test images with predictions, confusion matrix,
    misclassified images (at most ``most`` images in each gallery). ``labels``: the data
    set's, whose codes 0..K-1 give the matrix its size."""
    from digits_hypothesis import metrics

    index = np.array([r["sample_index"] for r in rows])
    true = np.array([r["true_label"] for r in rows])
    predicted = np.array([r["predicted_label"] for r in rows])
    label = f"{split['case']}, seed {split['seed']}"
    shown = f"first {most} of {len(rows)}" if len(rows) > most else f"all {len(rows)}"
    gallery = prediction_gallery(
        images[index[:most]], true[:most], predicted[:most], f"{label}: {shown} test images"
    )
    matrix = metrics.confusion_matrix(true, predicted, int(np.max(labels)) + 1)
    heatmap = confusion_matrix(matrix, f"{label}: confusion matrix")
    wrong = np.nonzero(true != predicted)[0]
    title = f"{label}: {len(wrong)} misclassified (true → predicted)"
    if len(wrong) > most:
        title = f"{label}: first {most} of {len(wrong)} misclassified (true → predicted)"
    wrong = wrong[:most]
    mistakes = misclassified_gallery(images[index[wrong]], true[wrong], predicted[wrong], title)
    return gallery, heatmap, mistakes


def draw_split(split: dict, images, labels, rows: list[dict], most: int, paths: list[str]) -> None:
    """Draw one split's three figures (see split_figures) to ``paths``, in that order."""
    for figure, path in zip(split_figures(split, images, labels, rows, most), paths):
        save_figure(figure, path)
