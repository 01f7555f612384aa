"""Slide 6 figure: learning curves with and without BN, mean and min-max band over seeds."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bnviz.figures.style import LABELS, mean_band

PANELS = (
    ("train_loss", "training loss", "cross-entropy (nats)", False),
    ("val_loss", "validation loss", "cross-entropy (nats)", False),
    ("train_accuracy", "training accuracy", "accuracy (%)", True),
    ("val_accuracy", "validation accuracy", "accuracy (%)", True),
)


def training_curves(histories: dict[str, list[dict]], colors: dict[str, str]) -> Figure:
    """2x2 panels (loss/accuracy x train/validation) over epochs, one line per variant."""
    fig = Figure(figsize=(9, 6), layout="constrained")
    axes = fig.subplots(2, 2, sharex=True)
    for ax, (key, title, unit, percent) in zip(axes.flat, PANELS, strict=True):
        for variant, runs in histories.items():
            curves = [h[key] for h in runs]
            epochs = np.arange(1, len(curves[0]) + 1)
            mean_band(ax, epochs, curves, colors[variant], LABELS[variant], percent)
        ax.set_title(title)
        ax.set_ylabel(unit)
    for ax in axes[1]:
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0, 0].legend()
    seeds = len(next(iter(histories.values())))
    fig.suptitle(f"mean over {seeds} seeds; band = min-max over seeds", fontsize=9)
    return fig
