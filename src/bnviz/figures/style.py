"""One palette for every figure, in a light and a dark variant matching the site's toggle."""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib
import numpy as np

# Okabe-Ito colours: distinguishable with colour-blindness, readable on white and on slate.
# "without BN" is always orange and "with BN" always blue; other variants get their own colour.
COLORS = {
    "none": "#E69F00",
    "batch": "#0072B2",
    "batch_pre": "#009E73",
    "dropout": "#CC79A7",
    "both": "#7F3C8D",
    "input": "#777777",
}
DARK_COLORS = {
    "none": "#F0B73A",
    "batch": "#56B4E9",
    "batch_pre": "#3DD6A3",
    "dropout": "#E59CC6",
    "both": "#C08FD8",
    "input": "#AAAAAA",
}
ALIASES = {  # variants that share a base colour (never shown in the same figure)
    "neither": "none",
    "bn_trainable": "batch",
    "bn_frozen": "dropout",
    "train_mode": "batch",
    "inference_mode": "batch_pre",
    "layer": "batch_pre",
    "instance": "dropout",
    "group": "both",
    "weight": "input",
    "batch_test_stats": "batch_pre",
    "noisy_batch": "dropout",
}
for alias, base in ALIASES.items():
    COLORS[alias], DARK_COLORS[alias] = COLORS[base], DARK_COLORS[base]
LABELS = {
    "none": "without BN",
    "batch": "with BN",
    "batch_pre": "BN before ReLU",
    "neither": "neither",
    "dropout": "dropout only",
    "both": "BN + dropout",
    "bn_frozen": "BN frozen (trainable=False)",
    "bn_trainable": "BN trainable",
    "layer": "Layer Norm",
    "instance": "Instance Norm",
    "group": "Group Norm",
    "weight": "Weight Norm",
    "batch_test_stats": "BN, test-batch statistics",
    "noisy_batch": "noisy BN",
}
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


def mean_band(ax, x, runs, color: str, label: str, percent: bool = False) -> None:
    """Mean over seeds as a line and the min-max range over seeds as a band."""
    runs = np.asarray(runs, dtype=float) * (100 if percent else 1)
    ax.fill_between(x, runs.min(axis=0), runs.max(axis=0), color=color, alpha=0.25, linewidth=0)
    ax.plot(x, runs.mean(axis=0), color=color, label=label, linewidth=2)


def percentile_bands(ax, steps, values, quantiles, color: str, legend: bool = False) -> None:
    """Outer and inner percentile bands and the median of a layer's input over training.
    `values` has shape (steps, quantiles), with quantiles symmetric around the median."""
    q, values = quantiles, np.asarray(values)
    outer = f"{q[0]}th–{q[-1]}th percentile" if legend else None
    inner = f"{q[1]}th–{q[-2]}th percentile" if legend else None
    ax.fill_between(steps, values[:, 0], values[:, -1], color=color, alpha=0.18, lw=0, label=outer)
    ax.fill_between(steps, values[:, 1], values[:, -2], color=color, alpha=0.38, lw=0, label=inner)
    ax.plot(steps, values[:, len(q) // 2], color=color, lw=2, label="median" if legend else None)
