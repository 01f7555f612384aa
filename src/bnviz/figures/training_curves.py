"""Slide 6 figure: learning curves with and without BN, mean and min-max band over seeds."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bnviz.figures.captions import capitalized, network, seeds_band, trained_text
from bnviz.figures.spec import FigureSpec, from_histories
from bnviz.figures.style import LABELS, mean_band
from bnviz.variants import PRECISE_SUFFIX

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
            precise = f"{key}_precise"
            if variant != "none" and precise in runs[0]:
                # BN evaluated with re-estimated statistics: dashed
                label = LABELS[variant] + PRECISE_SUFFIX
                curves = [h[precise] for h in runs]
                mean_band(ax, epochs, curves, colors[variant], label, percent, "--")
        ax.set_title(title)
        ax.set_ylabel(unit)
    for ax in axes[1]:
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    axes[1, 1].legend(fontsize=8)
    seeds = len(next(iter(histories.values())))
    over = "one seed" if seeds == 1 else f"mean over {seeds} seeds; band = min-max over seeds"
    fig.suptitle(over, fontsize=9)
    return fig


def _precise(r) -> str:
    if "precise_samples" not in r.spec:
        return ""
    return (
        " Dashed: the networks with BN evaluated after each epoch with their BN statistics "
        f"re-estimated over {r.spec['precise_samples']:,} training images (precise BN) instead "
        "of Keras' moving averages."
    )


def _placement_caption(r) -> str:
    return (
        f"{capitalized(network('seed_cnn'))}: without BN, with BN after the ReLU (the talk) "
        f"and with BN before the ReLU (the BN paper), {trained_text(r)}. {seeds_band(r)}"
        f"{_precise(r)}"
    )


def _curves_caption(r) -> str:
    seed_cnn = capitalized(network("seed_cnn"))
    return f"{seed_cnn} {trained_text(r)}. {seeds_band(r)}{_precise(r)}"


FIGURES = [
    FigureSpec("bn_placement", "bn_placement", from_histories(training_curves), _placement_caption),
    FigureSpec(
        "training_curves", "training_curves", from_histories(training_curves), _curves_caption
    ),
]
