"""Slide 6 figure: learning curves with and without BN, mean and min-max band over seeds."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bnviz.figures import alttext
from bnviz.figures.captions import (
    band_summary,
    capitalized,
    network,
    plural,
    seeds_band,
    trained_text,
)
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


def curves_summary(r, variants: str) -> str:
    """The short caption of a `training_curves` figure: its panels, then `variants`."""
    epochs = plural(alttext.length(r.payload["histories"]), "epoch")
    dashed = " Dashed: BN with re-estimated statistics." if _precise(r) else ""
    return (
        f"Training and validation loss (top) and accuracy (bottom) over {epochs}, "
        f"{variants}.{dashed} {band_summary(r)}"
    )


def curves_alt(r, labels: dict[str, str] = LABELS, loss: bool = True) -> str:
    """The alt text of a `training_curves` figure: each variant's validation accuracy (and
    training loss) after the last epoch, min–max over seeds."""
    h = r.payload["histories"]
    text = (
        f"After {plural(alttext.length(h), 'epoch')}, validation accuracy: "
        f"{alttext.final_spans(h, labels=labels)}"
    )
    if loss:
        losses = alttext.final_spans(h, "train_loss", labels=labels, scale=1, digits=3, unit="")
        text += f"; training loss: {losses}"
    return text


PLACEMENTS = {**LABELS, "batch": "BN after ReLU"}  # "with BN" is ambiguous beside BN before ReLU

FIGURES = [
    FigureSpec(
        "bn_placement",
        "bn_placement",
        from_histories(training_curves),
        _placement_caption,
        summary=lambda r: curves_summary(r, "without BN, with BN after the ReLU and before it"),
        alt=lambda r: curves_alt(r, PLACEMENTS, loss=False),
    ),
    FigureSpec(
        "training_curves",
        "training_curves",
        from_histories(training_curves),
        _curves_caption,
        summary=lambda r: curves_summary(r, "without and with BN"),
        alt=curves_alt,
    ),
]
