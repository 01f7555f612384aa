"""One palette for every figure, in a light and a dark variant matching the site's toggle."""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib
import numpy as np

from bnviz.variants import COLORS, DARK_COLORS, LABELS  # noqa: F401 (re-exported)

THEMES = {
    "light": {"text": "#1f2328", "grid": "#d0d7de", "colors": COLORS},
    "dark": {"text": "#e6edf3", "grid": "#3d444d", "colors": DARK_COLORS},
}


def theme_colors(theme: str) -> dict[str, str]:
    return THEMES[theme]["colors"]


@contextmanager
def themed(theme: str):
    """rcParams for `theme` ("light" or "dark"): transparent background, readable text."""
    t = THEMES[theme]
    with matplotlib.rc_context(
        {
            "figure.facecolor": "none",
            "axes.facecolor": "none",
            "savefig.facecolor": "none",
            "text.color": t["text"],
            "axes.labelcolor": t["text"],
            "axes.edgecolor": t["text"],
            "xtick.color": t["text"],
            "ytick.color": t["text"],
            "axes.grid": True,
            "grid.color": t["grid"],
            "grid.linewidth": 0.6,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "legend.frameon": False,
            "font.size": 10,
            "svg.fonttype": "path",
            "svg.hashsalt": "bnviz",
        }
    ):
        yield t


def mean_band(ax, x, runs, color: str, label: str, percent: bool = False, style: str = "-") -> None:
    """Mean over seeds as a line and the min-max range over seeds as a band."""
    runs = np.asarray(runs, dtype=float) * (100 if percent else 1)
    alpha = 0.25 if style == "-" else 0.12
    ax.fill_between(x, runs.min(axis=0), runs.max(axis=0), color=color, alpha=alpha, linewidth=0)
    # one epoch (the smoke profile) makes a line of one point: draw it as a dot, hollow for
    # a dashed line
    dot = {}
    if len(x) == 1:
        dot = {"marker": "o", "markerfacecolor": color if style == "-" else "none"}
    ax.plot(x, runs.mean(axis=0), style, color=color, label=label, linewidth=2, **dot)


def percentile_bands(ax, steps, values, quantiles, color: str, legend: bool = False) -> None:
    """Outer and inner percentile bands and the median of a layer's input over training.
    `values` has shape (steps, quantiles), with quantiles symmetric around the median."""
    q, values = quantiles, np.asarray(values)
    outer = f"{q[0]}th–{q[-1]}th percentile" if legend else None
    inner = f"{q[1]}th–{q[-2]}th percentile" if legend else None
    ax.fill_between(steps, values[:, 0], values[:, -1], color=color, alpha=0.18, lw=0, label=outer)
    ax.fill_between(steps, values[:, 1], values[:, -2], color=color, alpha=0.38, lw=0, label=inner)
    ax.plot(steps, values[:, len(q) // 2], color=color, lw=2, label="median" if legend else None)
