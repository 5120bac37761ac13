"""The one style of every figure: the rc settings all figures share, the colours, and the
seaborn theme of the study's figures; and how a figure is saved.

Importing this module sets the shared rc settings in matplotlib and imports no seaborn: the
per-split figures (``splits``), drawn by one job per batch of splits, use them as they are.
``study_theme()`` imports seaborn and sets its theme over the same settings; only the
figures of the study as a whole (a few jobs per run) call it. Measured here (bench/README.md,
"Import costs"): ``import seaborn`` takes 0.96 s a process, ``import matplotlib.figure``
0.27 s, so seaborn would add about 0.7 s to each per-split batch job.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from digits_hypothesis.files import atomic_path  # noqa: E402

# Text stays text (sharp at any zoom, found by the browser's search); fixed ids and no date,
# so the same figure gives the same bytes. Figure points are CSS points at natural size, so
# no text is drawn under 9 pt (MIN_FONT_PT; tests read every SVG's font sizes).
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "digits-hypothesis",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "legend.fontsize": 9,
    "image.interpolation": "none",
}
matplotlib.rcParams.update(RC)
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
# Above this many marks a figure draws its per-split marks as pixels (at RASTER_DPI), not as
# one vector shape each: 10,000 splits as vectors made a 3.8 MB SVG.
RASTERIZE_ABOVE = 500


def study_theme():
    """Seaborn's theme over the shared settings, for the figures of the study as a whole;
    returns the seaborn module. Seaborn's notebook context draws labels at 11-12 pt and
    ticks at 11 pt; RC keeps the fonts, the legend at 9 pt and the SVG settings."""
    import seaborn

    seaborn.set_theme(style="whitegrid", context="notebook", palette=SERIES, rc=RC)
    return seaborn


def save_figure(fig, path: str) -> None:
    """Write the figure as SVG, via a temporary file: a few kB for the plots here, sharp
    on any screen, the same bytes every run."""
    FigureCanvasAgg(fig)  # a canvas for the figure, without pyplot
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="svg", dpi=RASTER_DPI, metadata=NO_METADATA)


def claimed_line(ax, threshold: float, vertical: bool = True, what: str = "accuracy") -> None:
    """The claimed accuracy (or ``what`` the claim measures) as every figure of the study
    draws it: a dashed orange line."""
    draw = ax.axvline if vertical else ax.axhline
    draw(
        threshold,
        color=THRESHOLD,
        linestyle="--",
        linewidth=1.5,
        label=f"claimed {what} {threshold:g}",
    )
