"""Plots, drawn with matplotlib's object API on the Agg canvas (no pyplot state).

Galleries are one image of tiled digits with text labels rather than one subplot per
digit: a figure with many axes is slow to build and to encode (bench/ measures it).
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from digits_hypothesis.files import atomic_path  # noqa: E402

# Text stays text (sharp at any zoom, found by the browser's search); fixed ids and no date,
# so the same figure gives the same bytes. Figure points are CSS points at natural size, so
# no text is drawn under 9 pt.
matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "digits-hypothesis",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
        "font.size": 10,
        "legend.fontsize": 9,
        "image.interpolation": "none",
    }
)
# Resolution of whatever is drawn as pixels (rasterized artists, resampled images): 2x a
# CSS inch, sharp on high-density screens. Images drawn with interpolation "none" (digits)
# are embedded at their own resolution and scaled by the browser without smoothing.
RASTER_DPI = 192
# No metadata block: no date, and no links to RDF vocabularies in a page that links nowhere.
NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
MIN_FONT_PT = 9
RIGHT, WRONG, THRESHOLD = "#1b7837", "#b2182b", "#d95f02"
SEED_GREY = "#7f7f7f"
SERIES = ["#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]


def save_figure(fig: Figure, path: str) -> None:
    """Write the figure as SVG, via a temporary file: a few kB for the plots here, sharp
    on any screen, the same bytes every run."""
    FigureCanvasAgg(fig)  # a canvas for the figure, without pyplot
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="svg", dpi=RASTER_DPI, metadata=NO_METADATA)


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


def confusion_heatmap(matrix, title) -> Figure:
    """Counts on a blue scale, row 0 at the top, as seaborn.heatmap(annot=True) draws them:
    in matplotlib alone, since importing seaborn took each plot job a second. One image
    with white grid lines, not a mesh of cells: a tenth of the bytes as SVG."""
    matrix = np.asarray(matrix)
    n = len(matrix)
    fig = Figure(figsize=(5.2, 4.4))
    ax = fig.add_subplot()
    image = ax.imshow(matrix, cmap="Blues")
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
    colours = image.cmap(image.norm(matrix))
    for (row, col), count in np.ndenumerate(matrix):
        dark = _luminance(colours[row, col, :3]) <= 0.408  # seaborn's rule for white text
        ax.text(
            col,
            row,
            str(count),
            ha="center",
            va="center",
            fontsize=MIN_FONT_PT,
            color="w" if dark else ".15",
        )
    ax.set_xlabel("predicted digit")
    ax.set_ylabel("true digit")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def _luminance(rgb) -> float:
    """Relative luminance of an sRGB colour (WCAG 2)."""
    rgb = np.asarray(rgb)
    linear = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


# Above this many marks a figure draws its per-split marks as pixels (at RASTER_DPI), not as
# one vector shape each: 10,000 splits as vectors made a 3.8 MB SVG.
RASTERIZE_ABOVE = 500


def accuracy_by_case(cases: dict[str, list[dict]], threshold: float) -> Figure:
    """Each split's accuracy with its confidence interval, one row per case."""
    names = list(cases)
    fig = Figure(figsize=(7.5, 0.6 * len(names) + 1.4))
    ax = fig.add_subplot()
    intervals, dots, colours = [], [], []
    for row, name in enumerate(names):
        scores = cases[name]
        offsets = np.linspace(-0.25, 0.25, len(scores)) if len(scores) > 1 else [0.0]
        for offset, s in zip(offsets, scores):
            intervals.append([(s["ci_low"], row + offset), (s["ci_high"], row + offset)])
            dots.append((s["accuracy"], row + offset))
            colours.append(RIGHT if s["verdict"] == "supported" else "#4d4d4d")
        mean = float(np.mean([s["accuracy"] for s in scores]))
        ax.plot([mean, mean], [row - 0.35, row + 0.35], color="black", linewidth=2, zorder=4)
    many = len(dots) > RASTERIZE_ABOVE
    ax.add_collection(LineCollection(intervals, colors="#9e9e9e", linewidths=1, rasterized=many))
    x, y = np.array(dots).T
    ax.scatter(x, y, s=16, c=colours, zorder=3, rasterized=many)
    ax.autoscale_view()
    finish_rows(
        ax, names, threshold, "test accuracy (dots: splits, grey: confidence intervals, bar: mean)"
    )
    return fig


def finish_rows(ax, names, threshold: float, xlabel: str) -> None:
    """The common finish of one-row-per-group accuracy plots: the claimed threshold, the
    group names top to bottom, a legend and a light grid."""
    ax.axvline(
        threshold,
        color=THRESHOLD,
        linestyle="--",
        linewidth=1.5,
        label=f"claimed accuracy {threshold:g}",
    )
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower left")
    ax.grid(axis="x", alpha=0.3)
    ax.figure.tight_layout()


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
    heatmap = confusion_heatmap(matrix, f"{label}: confusion matrix")
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
