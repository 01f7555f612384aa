"""Figures of measured activations: slide 2 (a layer's input over training) and slide 4 (per
channel statistics around a trained BN layer)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures import alttext
from bnviz.figures.alttext import span
from bnviz.figures.captions import (
    data_text,
    network,
    plural,
    seeds_count,
    seeds_text,
    train_text,
    trained_text,
)
from bnviz.figures.spec import FigureSpec, from_histories
from bnviz.figures.style import LABELS, percentile_bands


def activation_shift(histories: dict[str, list[dict]], colors: dict[str, str]) -> Figure:
    """Percentile bands of one layer's input over training steps, one panel per variant."""
    fig = Figure(figsize=(9, 3.8), layout="constrained")
    axes = fig.subplots(1, len(histories), sharex=True)
    for ax, (variant, runs) in zip(np.atleast_1d(axes), histories.items(), strict=True):
        steps = np.asarray(runs[0]["probe_steps"])
        q = runs[0]["quantiles"]
        values = np.mean([r["percentiles"] for r in runs], axis=0)  # (probes, quantiles)
        percentile_bands(ax, steps, values, q, colors[variant], legend=True)
        ax.set_title(LABELS[variant])
        ax.set_xlabel("training step")
        ax.set_ylabel("input to the 2nd ReLU")
        ax.legend(loc="upper left", fontsize=8)
    fig.suptitle(f"percentiles over a fixed batch, averaged over {len(runs)} seeds", fontsize=9)
    return fig


def channel_stats(arrays: dict[str, np.ndarray], colors: dict[str, str], seed_index=0) -> Figure:
    """Per-channel mean and std of a trained BN layer's input, normalized values and output."""
    fig = Figure(figsize=(9, 3.8), layout="constrained")
    axes = fig.subplots(1, 2, sharex=True)
    channels = np.arange(arrays["input_mean"].shape[1])
    series = [
        ("input", "BN input (conv + ReLU)", colors["input"], "o"),
        ("normalized", "normalized x̂ (batch statistics)", colors["batch"], "s"),
        ("output_inference", "BN output, inference mode", colors["batch_pre"], "^"),
    ]
    for ax, stat in zip(axes, ("mean", "std"), strict=True):
        for key, label, color, marker in series:
            ax.plot(
                channels,
                arrays[f"{key}_{stat}"][seed_index],
                marker,
                color=color,
                label=label,
                markersize=4,
            )
        ax.axhline(0 if stat == "mean" else 1, color=colors["input"], lw=1, ls="--")
        ax.set_xlabel("channel")
        ax.set_ylabel(f"per-channel {'mean' if stat == 'mean' else 'standard deviation'}")
        ax.set_title(f"per-channel {stat} (over images and positions)", fontsize=10)
    axes[0].legend(fontsize=8)
    return fig


def _shift_caption(r) -> str:
    return (
        f"Input of the layer {r.spec['layer']} of {network('two_block_cnn')}, "
        f"{trained_text(r)}; percentiles over the same {r.spec['probe_size']} "
        f"validation images, measured every {plural(r.spec['every'], 'step')} in training mode, "
        f"averaged over {seeds_text(r)}."
    )


def _stats_caption(r) -> str:
    return (
        f"Per-channel statistics around the BN layer of {network('seed_cnn')} after "
        f"{train_text(r)} on {data_text(r)}; one batch of {r.spec['batch_size']} validation "
        f"images (every spatial position of each channel); first of {seeds_text(r)}."
    )


def _shift_summary(r) -> str:
    q = r.payload["histories"]["none"][0]["quantiles"]
    return (
        f"The {q[0]}th–{q[-1]}th and {q[1]}th–{q[-2]}th percentiles and the median of the 2nd "
        "ReLU's input on fixed validation images, against the training step: left without BN, "
        f"right with BN; mean of {seeds_count(r)}."
    )


def _shift_alt(r) -> str:
    """The width of the outer percentile band at the first and last measured step."""
    h = r.payload["histories"]
    q = h["none"][0]["quantiles"]
    widths = []
    for variant, runs in h.items():
        p = np.mean([run["percentiles"] for run in runs], axis=0)  # (steps, quantiles)
        width = p[:, -1] - p[:, 0]
        widths.append(
            f"{LABELS[variant]} {alttext.number(width[0], 2)} → {alttext.number(width[-1], 2)}"
        )
    step = alttext.steps(h["none"][0]["probe_steps"][-1])
    return (
        f"Spread of the 2nd ReLU's input, {q[0]}th to {q[-1]}th percentile, from step 0 to "
        f"step {step}: {', '.join(widths)}"
    )


def _stats_summary(r) -> str:
    return (
        "Per-channel mean (left) and standard deviation (right) over one validation batch of "
        "the BN layer's input, its normalized values x̂ and its inference-mode output; first "
        "seed. Dashed lines: 0 and 1."
    )


def _stats_alt(r) -> str:
    a = r.arrays

    def both(key: str) -> str:
        means, stds = a[f"{key}_mean"][0], a[f"{key}_std"][0]  # first seed, as drawn
        return f"means {span(means, digits=2)}, stds {span(stds, digits=2)}"

    return (
        f"Over {a['input_mean'].shape[1]} channels, BN input {both('input')}; normalized "
        f"{both('normalized')}; inference output {both('output_inference')}"
    )


FIGURES = [
    FigureSpec(
        "activation_shift",
        "activation_shift",
        from_histories(activation_shift),
        _shift_caption,
        summary=_shift_summary,
        alt=_shift_alt,
    ),
    FigureSpec(
        "bn_channel_stats",
        "bn_layer_stats",
        lambda r, c: channel_stats(r.arrays, c),
        _stats_caption,
        summary=_stats_summary,
        alt=_stats_alt,
    ),
]
