"""Snakemake step: a contact sheet of a person's own images and what was read in them.

input.predictions  CSV written by read_own_images.py
input.features     .npz written by read_own_images.py
input.images       the image files, named in the predictions' `file` column
output.sheet       SVG: per image, a greyscale thumbnail, its 8x8 features as the
                   classifier saw them, and the predicted digit (or the error)

Everything is drawn into one array shown on a single axes (many axes are slow).
"""

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image  # noqa: E402

from digits_hypothesis import logs  # noqa: E402
from digits_hypothesis.images import ImageError, load_greyscale  # noqa: E402
from digits_hypothesis.own_images import PREDICTIONS, load_features  # noqa: E402
from digits_hypothesis.plots.style import MIN_FONT_PT, save_figure  # noqa: E402

CELL = 64  # pixels of a thumbnail and of the 8x8 features, drawn side by side
GAP = 8
CAPTION = 30  # pixels below each cell for the caption (two lines)
COLUMNS = 4


def thumbnail(path: Path) -> np.ndarray:
    """The image in grey, fitted into CELL x CELL on white; mid-grey if unreadable."""
    try:
        grey = load_greyscale(path)
    except ImageError:
        return np.full((CELL, CELL), 0.5)
    image = Image.fromarray((grey * 255).astype(np.uint8))
    image.thumbnail((CELL, CELL), Image.Resampling.LANCZOS)
    cell = np.ones((CELL, CELL))
    top, left = (CELL - image.height) // 2, (CELL - image.width) // 2
    cell[top : top + image.height, left : left + image.width] = np.asarray(image) / 255
    return cell


def features_cell(features) -> np.ndarray:
    """8x8 features 0-16 as dark-on-white pixels, enlarged; light grey if none."""
    if features is None:
        return np.full((CELL, CELL), 0.85)
    scale = CELL // 8
    return 1 - np.kron(np.asarray(features) / 16, np.ones((scale, scale)))


def mosaic(rows: list[dict], features: dict, paths: dict[str, Path]) -> np.ndarray:
    n_rows = max(1, math.ceil(len(rows) / COLUMNS))
    width = COLUMNS * (2 * CELL + 3 * GAP)
    canvas = np.ones((n_rows * (CELL + CAPTION + GAP) + GAP, width))
    for index, row in enumerate(rows):
        top, left = cell_origin(index)
        canvas[top : top + CELL, left : left + CELL] = thumbnail(paths[row["file"]])
        right = left + CELL + GAP
        canvas[top : top + CELL, right : right + CELL] = features_cell(features.get(row["file"]))
    return canvas


def cell_origin(index: int) -> tuple[int, int]:
    row, col = divmod(index, COLUMNS)
    return GAP + row * (CELL + CAPTION + GAP), GAP + col * (2 * CELL + 3 * GAP)


def caption(row: dict) -> tuple[str, str]:
    name = row["file"] if len(row["file"]) <= 20 else row["file"][:17] + "..."
    if row["error"]:
        reason = row["error"] if len(row["error"]) <= 20 else row["error"][:17] + "..."
        return f"{name}\n{reason}", "#b2182b"
    verb = "unsure:" if row["unsure"] else "read"
    return f"{name}\n{verb} {row['predicted_label']} (p {row['probability']:.2f})", "black"


def draw(rows: list[dict], features: dict, paths: dict[str, Path]) -> Figure:
    canvas = mosaic(rows, features, paths)
    height, width = canvas.shape
    fig = Figure(figsize=(width / 80, height / 80 + 0.4))
    ax = fig.add_axes((0, 0, 1, height / (height + 32)))
    ax.imshow(canvas, cmap="gray", vmin=0, vmax=1)
    ax.set_axis_off()
    fig.suptitle(f"{len(rows)} images: thumbnail | features as read", fontsize=9)
    for index, row in enumerate(rows):
        top, left = cell_origin(index)
        text, colour = caption(row)
        ax.text(left, top + CELL + 2, text, fontsize=MIN_FONT_PT, va="top", color=colour)
    return fig


smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
rows = PREDICTIONS.read(smk.input.predictions)
paths = {Path(path).name: Path(path) for path in smk.input.images}
save_figure(draw(rows, load_features(smk.input.features), paths), smk.output.sheet)
log.info("drew %d images", len(rows))
