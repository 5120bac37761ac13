"""The sensitivity heatmap (seaborn): mean accuracy over the grid, the threshold as a
contour and on the colour bar, each point's verdict, the claim's own point boxed."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from digits_hypothesis.plots.style import THRESHOLD, study_theme

sns = study_theme()
MARKS = {"supported": "✓", "refuted": "✗"}


def _label(value) -> str:
    return (
        f"{value:g}"
        if isinstance(value, int | float) and not isinstance(value, bool)
        else str(value)
    )


def figure(grid, grid_names: list[str], threshold: float, claim: list, model: str) -> Figure:
    """``grid``: a DataFrame of sensitivity_grid.csv whose two parameter columns hold the
    config's values (tables.scalar); rows of the heatmap: the first parameter, its first
    value at the bottom."""
    row, column = grid_names
    row_values = list(dict.fromkeys(grid[row]))  # the config's order
    column_values = list(dict.fromkeys(grid[column]))
    mean = grid.pivot(index=row, columns=column, values="mean_accuracy").reindex(
        index=row_values, columns=column_values
    )
    marks = grid.assign(
        text=[
            f"{m:.1%}\n{MARKS.get(v, '?')}" for m, v in zip(grid["mean_accuracy"], grid["verdict"])
        ]
    ).pivot(index=row, columns=column, values="text")
    marks = marks.reindex(index=row_values, columns=column_values).fillna("")
    values = mean.to_numpy(dtype=float)
    low = min(float(np.nanmin(values)), threshold - 0.02)
    fig = Figure(figsize=(1.1 * len(column_values) + 2.8, 0.75 * len(row_values) + 1.8))
    ax = fig.add_subplot()
    sns.heatmap(
        mean,
        annot=marks,
        fmt="",
        annot_kws={"fontsize": 9},
        cmap="viridis",
        vmin=low,
        vmax=1.0,
        linewidths=0.5,
        linecolor="white",
        xticklabels=[_label(c) for c in column_values],
        yticklabels=[_label(r) for r in row_values],
        cbar_kws={"label": "mean test accuracy"},
        ax=ax,
    )
    ax.invert_yaxis()  # the first value of the row parameter at the bottom
    ax.collections[0].colorbar.ax.axhline(threshold, color=THRESHOLD, linewidth=2)
    if (
        len(row_values) > 1
        and len(column_values) > 1
        and np.nanmin(values) < threshold < np.nanmax(values)
    ):
        ax.contour(
            np.arange(len(column_values)) + 0.5,  # heatmap cells are centred at i + 0.5
            np.arange(len(row_values)) + 0.5,
            values,
            levels=[threshold],
            colors=THRESHOLD,
            linewidths=2.5,
        )
    if claim[0] in row_values and claim[1] in column_values:
        y, x = row_values.index(claim[0]), column_values.index(claim[1])
        ax.add_patch(Rectangle((x, y), 1, 1, fill=False, edgecolor="white", linewidth=3))
    ax.tick_params(axis="y", labelrotation=0)
    ax.set_xlabel(f"{column}  (white box: the claim's {row} and {column})")
    ax.set_ylabel(row)
    ax.set_title(
        f"{model} mean accuracy; orange: {threshold:g}\n✓ supported  ? inconclusive  ✗ refuted",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
