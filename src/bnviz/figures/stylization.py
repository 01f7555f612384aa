"""Slide 12 figures: stylized photos from the trained networks, and their losses."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures import alttext
from bnviz.figures.captions import band_summary, plural, seeds_band
from bnviz.figures.spec import FigureSpec, from_histories
from bnviz.figures.style import LABELS, mean_band


def stylized(arrays: dict[str, np.ndarray], colors: dict[str, str], seed_index=0) -> Figure:
    """Rows: the shown photos; columns: photo, style image, BN network, IN network (inference
    mode, first seed)."""
    shown = arrays["shown"]
    fig = Figure(figsize=(8, 2.1 * len(shown)), layout="constrained")
    axes = fig.subplots(len(shown), 4)
    titles = ("photo", "style image", "with BN", "with Instance Norm")
    for r in range(len(shown)):
        images = (
            shown[r],
            arrays["style"],
            arrays["batch_outputs"][seed_index][r],
            arrays["instance_outputs"][seed_index][r],
        )
        for c, (ax, image) in enumerate(zip(axes[r], images, strict=True)):
            ax.imshow(np.clip(image, 0, 1))
            ax.set_xticks([])
            ax.set_yticks([])
            if r == 0:
                ax.set_title(titles[c], fontsize=10)
    return fig


def style_losses(histories: dict[str, list[dict]], colors: dict[str, str]) -> Figure:
    """Relative style and content loss over training steps; mean and min-max over seeds."""
    fig = Figure(figsize=(9, 3.4), layout="constrained")
    axes = fig.subplots(1, 2, sharex=True)
    for ax, key, title in zip(
        axes, ("style_loss", "content_loss"), ("style loss", "content loss"), strict=True
    ):
        for variant, runs in histories.items():
            mean_band(ax, runs[0]["step"], [r[key] for r in runs], colors[variant], LABELS[variant])
        ax.set_yscale("log")
        ax.set_xlabel("training step")
        ax.set_ylabel(f"{title} (relative to target)")
        ax.set_title(title, fontsize=10)
    axes[0].legend()
    return fig


def _losses_caption(r) -> str:
    steps = r.payload["histories"]["batch"][0]["step"]
    every = steps[2] - steps[1] if len(steps) > 2 else steps[-1]
    return (
        "Style and content loss of the transformation network with BN or Instance Norm, each "
        f"relative to its target's magnitude, recorded every {plural(every, 'step')}. Loss "
        f"network: {r.data['loss_network']}. {seeds_band(r)}"
    )


def _stylized_summary(r) -> str:
    return (
        "Each row: a photo, the style image, and the photo as stylized by the network with BN "
        "and by the one with Instance Norm, in inference mode; first seed."
    )


def _stylized_alt(r) -> str:
    shown, size = len(r.arrays["shown"]), r.spec["show_size"]
    return (
        f"{shown} photos of {size}×{size} pixels beside the style image, and each photo as "
        f"stylized by the network with BN and with Instance Norm after {r.spec['steps']} "
        "training steps"
    )


def _losses_summary(r) -> str:
    return (
        "Style loss (left) and content loss (right), each relative to its target (log scale), "
        f"against the training step, with BN and with Instance Norm. {band_summary(r)}"
    )


def _losses_alt(r) -> str:
    h = r.payload["histories"]
    style = alttext.final_spans(h, "style_loss", scale=1, digits=3, unit="")
    content = alttext.final_spans(h, "content_loss", scale=1, digits=2, unit="")
    step = alttext.steps(h["batch"][0]["step"][-1])
    return f"At step {step}, relative style loss: {style}; content loss: {content}"


FIGURES = [
    FigureSpec(
        "stylized",
        "style_transfer",
        lambda r, c: stylized(r.arrays, c),
        lambda r: (
            "Outputs of the trained transformation networks in inference mode (first seed), "
            f"{r.spec['show_size']}×{r.spec['show_size']} pixels; trained for "
            f"{r.spec['steps']} Adam steps on {r.spec['size']}×{r.spec['size']} crops of "
            f"{r.data['source']}. Loss network: {r.data['loss_network']}."
        ),
        summary=_stylized_summary,
        alt=_stylized_alt,
        raster=True,
    ),
    FigureSpec(
        "style_losses",
        "style_transfer",
        from_histories(style_losses),
        _losses_caption,
        summary=_losses_summary,
        alt=_losses_alt,
    ),
]
