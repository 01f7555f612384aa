"""Slides 9-11 figures: feature maps of trained networks and generalization."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures.style import LABELS

CHANNELS = 8  # feature maps shown per network


def feature_maps(arrays: dict[str, np.ndarray], colors: dict[str, str], seed_index=0) -> Figure:
    """The first block's feature maps for one test image, without and with BN (rows); each
    column (channel) uses one colour scale for both rows. Right: per-channel standard deviation
    over 512 test images, mean over seeds."""
    fig = Figure(figsize=(11, 3.6), layout="constrained")
    grid = fig.add_gridspec(2, CHANNELS + 3, width_ratios=[1] * (CHANNELS + 1) + [0.2, 3])
    rows = ("none", "batch")
    image_ax = fig.add_subplot(grid[:, 0])
    image_ax.imshow(arrays["image"], cmap="gray")
    image_ax.set_title("input", fontsize=9)
    image_ax.axis("off")
    for c in range(CHANNELS):
        maps = [arrays[f"{v}_feature_maps"][seed_index][:, :, c] for v in rows]
        lo, hi = min(m.min() for m in maps), max(m.max() for m in maps)
        for r, (variant, fmap) in enumerate(zip(rows, maps, strict=True)):
            ax = fig.add_subplot(grid[r, c + 1])
            ax.imshow(fmap, cmap="viridis", vmin=lo, vmax=hi)
            ax.set_xticks([])
            ax.set_yticks([])
            if c == 0:
                ax.set_ylabel(LABELS[variant], fontsize=9)
            if r == 0:
                ax.set_title(f"ch {c}", fontsize=8)
    stats_ax = fig.add_subplot(grid[:, -1])
    for variant in rows:
        std = arrays[f"{variant}_channel_std"].mean(axis=0)
        stats_ax.plot(
            np.arange(len(std)),
            std,
            "o",
            color=colors[variant],
            markersize=3,
            label=LABELS[variant],
        )
    stats_ax.set_xlabel("channel of the first block")
    stats_ax.set_ylabel("std over test images")
    stats_ax.set_yscale("log")
    stats_ax.legend(fontsize=8)
    return fig


def generalization(histories: dict[str, list[dict]], colors: dict[str, str]) -> Figure:
    """Test accuracy and train − test gap per variant: dots are seeds, bars the min-max range."""
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    axes = fig.subplots(1, 2)
    variants = list(histories)
    panels = (("test", "test accuracy (%)"), ("gap", "train − test accuracy (pp)"))
    for ax, (kind, title) in zip(axes, panels, strict=True):
        for i, variant in enumerate(variants):
            runs = histories[variant]
            test = np.array([r["test_accuracy"][-1] for r in runs]) * 100
            train = np.array([r["train_accuracy"][-1] for r in runs]) * 100
            values = test if kind == "test" else train - test
            ax.errorbar(
                i,
                values.mean(),
                yerr=[[values.mean() - values.min()], [values.max() - values.mean()]],
                fmt="o",
                color=colors[variant],
                capsize=6,
                markersize=8,
            )
            ax.plot([i] * len(values), values, ".", color=colors[variant], alpha=0.6)
        ax.set_xticks(range(len(variants)), [LABELS[v] for v in variants])
        ax.set_xlim(-0.6, len(variants) - 0.4)
        ax.set_title(title, fontsize=10)
        ax.grid(axis="x", visible=False)
    return fig
