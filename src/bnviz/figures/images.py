"""Slides 9-11 figures: feature maps of trained networks and generalization."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures import alttext
from bnviz.figures.captions import (
    capitalized,
    network,
    seeds_band,
    seeds_count,
    seeds_text,
    trained_text,
)
from bnviz.figures.spec import FigureSpec, from_histories
from bnviz.figures.style import LABELS
from bnviz.figures.training_curves import curves_alt, curves_summary, training_curves

CHANNELS = 8  # feature maps shown per network


def feature_maps(arrays: dict[str, np.ndarray], colors: dict[str, str], seed_index=0) -> Figure:
    """The first block's feature maps for one test image, without and with BN (one row per
    network). Every map has its own colour scale (its 1st to 99th percentile), so brightness is
    comparable neither between maps nor between the two networks; the two networks are trained
    separately, so their channel c are different filters. Right: per-channel standard deviation
    over 512 test images, mean over seeds."""
    fig = Figure(figsize=(11, 3.5), layout="constrained")
    image_fig, maps_fig, stats_fig = fig.subfigures(1, 3, width_ratios=[1, CHANNELS + 0.4, 3.4])
    image_ax = image_fig.subplots()
    image_ax.imshow(arrays["image"], cmap="gray")
    image_ax.set_title("input", fontsize=9)
    image_ax.axis("off")
    rows = ("none", "batch")
    for row_fig, variant in zip(maps_fig.subfigures(2, 1, hspace=0.08), rows, strict=True):
        row_fig.suptitle(f"{LABELS[variant]}: its own first {CHANNELS} channels", fontsize=9)
        for c, ax in enumerate(row_fig.subplots(1, CHANNELS)):
            fmap = arrays[f"{variant}_feature_maps"][seed_index][:, :, c]
            lo, hi = np.percentile(fmap, [1, 99])
            if hi <= lo:  # a sparse map (1st and 99th percentiles coincide): use its full range
                lo, hi = fmap.min(), fmap.max()
            flat = hi <= lo  # a constant map: drawn at mid-scale
            if flat:
                lo, hi = lo - 1, lo + 1
            ax.imshow(fmap, cmap="viridis", vmin=lo, vmax=hi)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(f"ch {c}" + (" (constant)" if flat else ""), fontsize=8)
            ax.grid(False)
    maps_fig.supxlabel(
        "each map on its own colour scale: compare shapes, not brightness between maps",
        fontsize=8,
    )
    stats_ax = stats_fig.subplots()
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


def _maps_caption(r) -> str:
    channels = r.arrays["batch_feature_maps"].shape[-1]
    return (
        "Left: the first block's output (after BN, or after the ReLU without BN) for test "
        f"image {r.spec['image_index']}, first {min(CHANNELS, channels)} of {channels} "
        f"channels of each network, seed {r.spec['seeds'][0]}. Each map has its own colour "
        "scale (its 1st–99th percentile, or its full range where those two coincide), so "
        "brightness cannot be compared between maps or networks. The two networks start "
        "from the same initial weights but are trained separately: their channel c are "
        "different filters, and the rows are not matched pairs. Right: per-channel standard "
        f"deviation over {r.spec['stats_images']} test images (inference mode), mean over "
        f"{len(r.spec['seeds'])} seeds. {capitalized(network('three_block_cnn'))}, "
        f"{trained_text(r)}."
    )


def _curves_caption(r) -> str:
    return f"{capitalized(network('three_block_cnn'))}, {trained_text(r)}. {seeds_band(r)}"


def _generalization_caption(r) -> str:
    return (
        f"Test accuracy on all {r.data['n_test']:,} test images and the gap to the last "
        f"epoch's training accuracy, {network('three_block_cnn')}, {trained_text(r)}. "
        f"{capitalized(seeds_text(r))}; large marker: mean, bar: min–max over seeds, small "
        "dots: single seeds."
    )


def _maps_summary(r) -> str:
    return (
        f"A test image; the first {CHANNELS} feature maps of the first block without BN (top "
        "row) and with BN (bottom), each on its own colour scale. Right: per-channel standard "
        "deviation over test images (log scale)."
    )


def _maps_alt(r) -> str:
    stds = {v: r.arrays[f"{v}_channel_std"].mean(axis=0) for v in ("none", "batch")}
    return (
        f"Test image {r.spec['image_index']} and {CHANNELS} first-block feature maps per "
        f"network; per-channel standard deviation over {r.spec['stats_images']} test images: "
        f"{alttext.spans(stds, scale=1, digits=2, unit='')}"
    )


def _generalization_summary(r) -> str:
    return (
        "Test accuracy (left) and training minus test accuracy after the last epoch (right), "
        f"without and with BN. Large marker: mean of {seeds_count(r)}; bar: min–max; small "
        "dots: single seeds."
    )


def _generalization_alt(r) -> str:
    h = r.payload["histories"]
    test = {v: alttext.last(runs, "test_accuracy") for v, runs in h.items()}
    gap = {v: np.subtract(alttext.last(runs, "train_accuracy"), test[v]) for v, runs in h.items()}
    return (
        f"{r.data['name']} test accuracy: {alttext.spans(test)}; training minus test: "
        f"{alttext.spans(gap, unit=' points')}"
    )


FIGURES = [
    FigureSpec(
        "fashion_curves",
        "fashion_cnn",
        from_histories(training_curves),
        _curves_caption,
        summary=lambda r: curves_summary(r, "without and with BN"),
        alt=curves_alt,
    ),
    FigureSpec(
        "feature_maps",
        "fashion_cnn",
        lambda r, c: feature_maps(r.arrays, c),
        _maps_caption,
        summary=_maps_summary,
        alt=_maps_alt,
        raster=True,
    ),
    FigureSpec(
        "generalization",
        "fashion_cnn",
        from_histories(generalization),
        _generalization_caption,
        summary=_generalization_summary,
        alt=_generalization_alt,
    ),
]
