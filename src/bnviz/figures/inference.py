"""Slide 8 figures: training-mode vs inference-mode accuracy; the fine-tuning pitfall."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures.captions import (
    BAND,
    DOTS,
    capitalized,
    data_text,
    network,
    plural,
    seeds_text,
    train_text,
)
from bnviz.figures.spec import FigureSpec
from bnviz.figures.style import LABELS, mean_band


def mode_gap(runs: list[dict], colors: dict[str, str]) -> Figure:
    """Accuracy on a fixed validation batch in both modes, against the training step."""
    fig = Figure(figsize=(7, 4), layout="constrained")
    ax = fig.subplots()
    steps = runs[0]["gap_steps"]
    for key, color, label in (
        ("train_mode_accuracy", colors["train_mode"], "training mode (batch statistics)"),
        ("inference_mode_accuracy", colors["inference_mode"], "inference mode (moving averages)"),
    ):
        mean_band(ax, steps, [r[key] for r in runs], color, label, percent=True)
    ax.set_xscale("log")
    ax.set_xlabel("training step (log scale)")
    ax.set_ylabel("validation accuracy (%)")
    ax.legend()
    return fig


def finetune(histories: dict[str, list[dict]], colors: dict[str, str]) -> Figure:
    """Validation accuracy on the shifted data after fine-tuning, and how far BN's moving means
    moved, for frozen vs trainable BN layers."""
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    axes = fig.subplots(1, 2)
    settings = list(histories)
    for ax, key, ylabel in (
        (axes[0], "val_accuracy", "validation accuracy after fine-tuning (%)"),
        (axes[1], "max_moving_mean_change", "largest change of a moving mean"),
    ):
        for i, setting in enumerate(settings):
            runs = histories[setting]
            values = [100 * r[key][-1] if key == "val_accuracy" else r[key] for r in runs]
            ax.bar(i, np.mean(values), color=colors[setting], alpha=0.75)
            ax.plot([i] * len(values), values, "o", color="black", markersize=3, alpha=0.7)
        ax.set_xticks(range(len(settings)), [LABELS[s] for s in settings], fontsize=8)
        ax.set_ylabel(ylabel)
        ax.grid(axis="x", visible=False)
    return fig


FIGURES = [
    FigureSpec(
        "mode_gap",
        "mode_gap",
        lambda r, c: mode_gap(r.payload["histories"]["batch"], c),
        lambda r: (
            f"{capitalized(network('two_block_cnn'))} with BN, trained with {train_text(r)} on "
            f"{data_text(r)}; accuracy on the same {r.spec['probe_size']} validation images "
            f"evaluated as one batch in each mode. {capitalized(seeds_text(r))}. {BAND}"
        ),
        __name__,
    ),
    FigureSpec(
        "finetune_pitfall",
        "finetune_pitfall",
        lambda r, c: finetune(r.payload["histories"], c),
        lambda r: (
            f"{capitalized(network('two_block_cnn'))} with BN, trained with {train_text(r)} on "
            f"upright digits, then fine-tuned for {plural(r.spec['finetune']['epochs'], 'epoch')} "
            f"on {data_text(r)}. {capitalized(seeds_text(r))}. {DOTS}"
        ),
        __name__,
    ),
]
