"""Slides 13-14 figures: the normalization alternatives, batch size, test-time shift (the
overhead: `bnviz.figures.cost`)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures import alttext
from bnviz.figures.captions import (
    BAND,
    band_summary,
    capitalized,
    data_text,
    network,
    plural,
    seeds_band,
    seeds_text,
    trained_text,
)
from bnviz.figures.spec import FigureSpec, from_histories
from bnviz.figures.style import LABELS, mean_band
from bnviz.variants import PRECISE_SUFFIX


def norm_comparison(histories: dict[str, list[dict]], colors: dict[str, str]) -> Figure:
    """Validation accuracy per epoch for every normalization: mean line, min-max band."""
    fig = Figure(figsize=(8, 4.2), layout="constrained")
    ax = fig.subplots()
    for norm, runs in histories.items():
        curves = [r["val_accuracy"] for r in runs]
        epochs = np.arange(1, len(curves[0]) + 1)
        mean_band(ax, epochs, curves, colors[norm], LABELS[norm], percent=True)
    ax.set_xlabel("epoch")
    ax.set_ylabel("validation accuracy (%)")
    ax.legend(ncol=2, fontsize=8)
    return fig


def batch_size_sweep(sweep: dict[str, dict], colors: dict[str, str]) -> Figure:
    """Final validation error against batch size (log 2 axis), one line per normalization;
    BN with Keras' moving averages (solid) and with re-estimated statistics (dashed), as in
    every figure of the site (for the other normalizations the two are the same)."""
    fig = Figure(figsize=(7, 4.2), layout="constrained")
    ax = fig.subplots()
    sizes = [int(b) for b in sweep]
    for norm in next(iter(sweep.values())):
        keys = [("val_accuracy", "-", LABELS[norm])]
        if norm == "batch":
            keys.append(("val_accuracy_precise", "--", LABELS[norm] + PRECISE_SUFFIX))
        for key, style, label in keys:
            errors = np.array([[1 - h[key][-1] for h in sweep[b][norm]] for b in sweep])
            mean_band(ax, sizes, errors.T, colors[norm], label, True, style)
    ax.set_xscale("log", base=2)
    ax.set_xticks(sizes, [str(s) for s in sizes])
    ax.set_xlabel("batch size (images per step)")
    ax.set_ylabel("validation error (%)")
    ax.legend()
    return fig


def _sweep_caption(r) -> str:
    train = r.spec["train"]
    names = [LABELS[v] if v != "batch" else "BN" for v in r.spec["variants"]]
    return (
        f"{capitalized(network('six_layer_cnn'))} with {', '.join(names[:-1])} or {names[-1]} "
        f"({_groups()} groups for Group Norm), trained with plain SGD for "
        f"{plural(train['epochs'], 'epoch')} at every batch size (the same images), learning "
        f"rate {train['learning_rate']:g} × batch size ÷ {r.spec['base_batch']}, on "
        f"{data_text(r)}. Validation in inference mode; solid: Keras' moving averages, "
        f"dashed: BN's statistics re-estimated over {r.spec['precise_samples']:,} "
        f"training images in batches of the training size (precise BN). "
        f"{capitalized(seeds_text(r))} per point. "
        f"{BAND}"
    )


def test_shift(accuracy: dict[str, list], contrasts, colors: dict[str, str]) -> Figure:
    """Test accuracy against the contrast of the test images."""
    fig = Figure(figsize=(7, 4.2), layout="constrained")
    ax = fig.subplots()
    for variant, runs in accuracy.items():
        mean_band(ax, contrasts, runs, colors[variant], LABELS[variant], percent=True)
    ax.set_xscale("log")
    ax.set_xticks(contrasts, [f"{c:g}" for c in contrasts])
    ax.invert_xaxis()
    ax.set_xlabel("contrast of the test images (1 = as in training)")
    ax.set_ylabel("test accuracy (%)")
    ax.legend()
    return fig


def norm_axes(colors: dict[str, str]) -> Figure:
    """Which values share a mean and variance, after Wu & He (2018), Fig. 2: a tensor of
    N images × C channels × (H·W) positions, the shaded set normalized together."""
    fig = Figure(figsize=(10.8, 3.2), layout="constrained")
    n, c, hw = 4, 6, 4
    panels = {
        "Batch Norm": lambda i, j, k: j == 0,
        "Layer Norm": lambda i, j, k: i == 0,
        "Instance Norm": lambda i, j, k: i == 0 and j == 0,
        "Group Norm": lambda i, j, k: i == 0 and j < 2,
    }
    for index, (title, shaded) in enumerate(panels.items()):
        ax = fig.add_subplot(1, 4, index + 1, projection="3d")
        filled = np.ones((n, c, hw), dtype=bool)
        face = np.empty(filled.shape, dtype=object)
        for i in range(n):
            for j in range(c):
                for k in range(hw):
                    face[i, j, k] = colors["batch"] if shaded(i, j, k) else "#ffffff00"
        ax.voxels(filled, facecolors=face, edgecolors=colors["input"], linewidth=0.4)
        ax.set_xlabel("N", labelpad=-12)
        ax.set_ylabel("C", labelpad=-12)
        ax.set_zlabel("H, W", labelpad=-12)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_zticks([])
        ax.set_title(title, fontsize=10)
        ax.set_box_aspect((n, c, hw))
        ax.view_init(elev=20, azim=-60)
    return fig


def _groups() -> int:
    from bnviz.nn.layers import GROUPS

    return GROUPS


def _axes_alt(r) -> str:
    return (
        "Four N×C×H·W grids shaded where values share mean and variance: Batch Norm, a "
        "channel across images; Layer Norm, one image; Instance Norm, a channel of one image; "
        "Group Norm, 2 channels of one image"
    )


def _comparison_summary(r) -> str:
    variants = ", ".join(LABELS[v] for v in r.payload["histories"])
    return f"Validation accuracy per epoch: {variants}. {band_summary(r)}"


def _comparison_alt(r) -> str:
    h = r.payload["histories"]
    epochs = plural(alttext.length(h), "epoch")
    return f"Validation accuracy (%) after {epochs}: {alttext.final_spans(h, unit='')}"


def _sweep_summary(r) -> str:
    return (
        "Final validation error against the batch size (log scale), with BN and with Group "
        "Norm; BN solid with its moving averages, dashed with re-estimated statistics. "
        f"{band_summary(r)}"
    )


def batch_errors(sweep: dict[str, dict], size: str) -> dict[str, list[float]]:
    """The final validation errors of every seed at batch size `size`: each normalization
    with re-estimated statistics, and BN also with its moving averages ("batch_moving")."""
    errors = {
        norm: [1 - a for a in alttext.last(runs, "val_accuracy_precise")]
        for norm, runs in sweep[size].items()
    }
    if "batch" in sweep[size]:
        errors["batch_moving"] = [1 - a for a in alttext.last(sweep[size]["batch"], "val_accuracy")]
    return errors


SWEEP_LABELS = {**LABELS, "batch": "BN", "batch_moving": "BN moving averages"}


def _sweep_alt(r) -> str:
    sweep = r.payload["sweep"]
    sizes = sorted(sweep, key=int)
    parts = [
        f"batch {size}: {alttext.spans(batch_errors(sweep, size), SWEEP_LABELS)}"
        for size in dict.fromkeys((sizes[0], sizes[-1]))
    ]
    return f"Validation error at {'; at '.join(parts)}"


def _shift_summary(r) -> str:
    return (
        "Test accuracy against the contrast of the test images (log scale, falling to the "
        "right): BN with its moving averages, BN with test-batch statistics, and Group Norm. "
        f"{band_summary(r)}"
    )


def _shift_alt(r) -> str:
    contrasts = r.spec["contrasts"]
    accuracy = r.payload["test_accuracy"]
    labels = {**LABELS, "batch": "BN", "batch_test_stats": "BN on test batches"}
    parts = [
        f"{contrasts[i]:g}: "
        + alttext.spans({v: np.asarray(runs)[:, i] for v, runs in accuracy.items()}, labels)
        for i in dict.fromkeys((0, len(contrasts) - 1))
    ]
    return f"Test accuracy at contrast {'; at '.join(parts)}"


FIGURES = [
    FigureSpec(
        "norm_axes",
        None,
        lambda r, c: norm_axes(c),
        lambda r: (
            "The values that share one mean and variance (shaded) in a tensor of N images × C "
            "channels × H·W positions, drawn after Wu & He (2018), Fig. 2; Group Norm shown "
            "with groups of 2 channels."
        ),
        summary=lambda r: (
            "A tensor of N images × C channels × H·W positions, once per normalization; shaded: "
            "the values that share one mean and variance."
        ),
        alt=_axes_alt,
    ),
    FigureSpec(
        "norm_comparison",
        "norm_comparison",
        from_histories(norm_comparison),
        lambda r: (
            f"{capitalized(network('two_block_cnn_conv_norm'))}, each normalization in turn "
            f"(Group Norm with {_groups()} groups; Weight Norm wraps the convolutions instead), "
            f"{trained_text(r)}. {seeds_band(r)}"
        ),
        summary=_comparison_summary,
        alt=_comparison_alt,
    ),
    FigureSpec(
        "batch_size_sweep",
        "batch_size_sweep",
        lambda r, c: batch_size_sweep(r.payload["sweep"], c),
        _sweep_caption,
        summary=_sweep_summary,
        alt=_sweep_alt,
    ),
    FigureSpec(
        "test_shift",
        "test_shift",
        lambda r, c: test_shift(r.payload["test_accuracy"], r.spec["contrasts"], c),
        lambda r: (
            f"{capitalized(network('two_block_cnn_conv_norm'))} with BN or Group Norm, "
            f"{trained_text(r)}, tested on all {r.data['n_test']:,} test "
            "images with their contrast reduced around the mean pixel value; BN evaluated with "
            "its moving averages and with the statistics of test batches of "
            f"{r.spec['test_batch']}. {seeds_band(r)}"
        ),
        summary=_shift_summary,
        alt=_shift_alt,
    ),
]
