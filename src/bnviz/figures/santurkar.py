"""Santurkar et al. (2018), Figs. 2, 4, 5, reproduced: noisy BN, ICS, the loss landscape."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures import alttext
from bnviz.figures.captions import (
    BAND,
    band_summary,
    capitalized,
    dots_summary,
    plural,
    seeds_count,
    seeds_text,
    trained_text,
    vgg_text,
)
from bnviz.figures.spec import FigureSpec, from_histories
from bnviz.figures.style import mean_band, percentile_bands
from bnviz.variants import SANTURKAR_LABELS


def santurkar_noisy(histories, colors) -> Figure:
    """Training accuracy of standard / BN / noisy BN nets, and one layer's input distribution."""
    fig = Figure(figsize=(9, 6.2), layout="constrained")
    variants = list(histories)
    axes = fig.subplot_mosaic([["accuracy", variants[0]], variants[1:]])
    ax_acc = axes["accuracy"]
    for variant, runs in histories.items():
        epochs = np.arange(1, len(runs[0]["train_accuracy"]) + 1)
        acc = [r["train_accuracy"] for r in runs]
        mean_band(ax_acc, epochs, acc, colors[variant], SANTURKAR_LABELS[variant], percent=True)
    ax_acc.set(xlabel="epoch", ylabel="training accuracy (%)", title="training accuracy")
    ax_acc.set_xticks(epochs)
    ax_acc.legend(fontsize=9)
    limits = []
    for variant, runs in histories.items():
        ax = axes[variant]
        steps = np.asarray(runs[0]["probe_steps"])
        values = runs[0]["percentiles"]  # first seed: (steps, quantiles)
        percentile_bands(ax, steps, values, runs[0]["quantiles"], colors[variant])
        ax.set(xlabel="training step", ylabel="input to the 3rd conv's ReLU")
        ax.set_title(f"{SANTURKAR_LABELS[variant]}: layer input percentiles")
        limits.extend(ax.get_ylim())
    for variant in variants:
        axes[variant].set_ylim(min(limits), max(limits))
    return fig


def _per_layer(runs, key) -> np.ndarray:
    """Mean over measured steps, per seed and layer: (seeds, layers)."""
    return np.array([np.mean(r[key], axis=0) for r in runs])


def santurkar_ics(histories, colors) -> Figure:
    """ICS per layer — ‖G − G'‖, the same relative to ‖G‖, and cos(G, G'): mean over steps,
    bars for the mean over seeds, dots for single seeds."""
    fig = Figure(figsize=(9, 6.2), layout="constrained")
    axes = fig.subplot_mosaic([["opt_ics_l2", "opt_ics_rel"], ["opt_ics_cos", "."]])
    layers = histories["none"][0]["probe_layers"]
    x = np.arange(len(layers))
    width = 0.8 / len(histories)
    for i, (variant, runs) in enumerate(histories.items()):
        offset = x + (i - (len(histories) - 1) / 2) * width
        for key, ax in axes.items():
            values = _per_layer(runs, key)
            ax.bar(
                offset,
                values.mean(axis=0),
                width,
                color=colors[variant],
                alpha=0.75,
                label=SANTURKAR_LABELS[variant],
            )
            for seed_values in values:
                ax.plot(offset, seed_values, ".", color=colors["input"], ms=4)
    axes["opt_ics_l2"].set(ylabel="‖G − G′‖₂", title="gradient change (the paper's measure)")
    axes["opt_ics_rel"].set(ylabel="‖G − G′‖₂ / ‖G‖₂", title="gradient change, relative")
    axes["opt_ics_cos"].set(ylabel="cos(G, G′)", title="gradient agreement (lower: more ICS)")
    for ax in axes.values():
        ax.set_xticks(x, layers)
        ax.set_xlabel("layer whose weight gradient is compared")
    axes["opt_ics_cos"].set_ylim(0, 1.05)
    axes["opt_ics_l2"].legend(fontsize=9)
    return fig


LANDSCAPE = ("none", "batch")  # the networks of the landscape figure


def santurkar_landscape(histories, colors, variants=LANDSCAPE) -> Figure:
    """Loss range, gradient predictiveness and effective β-smoothness along the gradient."""
    fig = Figure(figsize=(9, 6.2), layout="constrained")
    axes = fig.subplot_mosaic([["loss", "grad"], ["beta", "."]])
    ax_loss, ax_grad, ax_beta = axes["loss"], axes["grad"], axes["beta"]
    for variant in variants:
        runs, color = histories[variant], colors[variant]
        steps = np.asarray(runs[0]["opt_steps"])
        low = np.mean([r["opt_loss_min"] for r in runs], axis=0)
        high = np.mean([r["opt_loss_max"] for r in runs], axis=0)
        ax_loss.fill_between(
            steps, low, high, color=color, alpha=0.35, lw=0, label=SANTURKAR_LABELS[variant]
        )
        label = SANTURKAR_LABELS[variant]
        mean_band(ax_grad, steps, [r["opt_grad_change"] for r in runs], color, label)
        mean_band(ax_beta, steps, [r["opt_beta"] for r in runs], color, label)
    ax_loss.set(
        xlabel="training step", ylabel="loss (log scale)", title="loss along the gradient (range)"
    )
    ax_grad.set(
        xlabel="training step", ylabel="max ‖∇L(W) − ∇L(W′)‖₂", title="gradient predictiveness"
    )
    ax_beta.set(
        xlabel="training step",
        ylabel="max gradient change / step length",
        title="effective β-smoothness",
    )
    ax_loss.set_yscale("log")
    ax_loss.legend(fontsize=8)
    return fig


def _santurkar(r) -> str:
    return f"{capitalized(vgg_text(r))}, {trained_text(r)}"


def _multipliers() -> str:
    from bnviz.probes.landscape import MULTIPLIERS

    return ", ".join(f"{k:g}" for k in MULTIPLIERS[:2]) + f", …, {MULTIPLIERS[-1]:g}"


def _bands(r) -> str:
    """The percentile bands of the distribution panels, read from the probe's quantiles."""
    q = r.payload["histories"]["none"][0]["quantiles"]
    return f"{q[0]}th–{q[-1]}th (light), {q[1]}th–{q[-2]}th (dark)"


def _noisy_caption(r) -> str:
    return (
        f"{_santurkar(r)}: without BN, with BN and with BN followed by Santurkar et al.'s "
        "non-stationary noise. Left: training accuracy per epoch (training mode, so the "
        f"noisy network is measured with its noise), {seeds_text(r)}; {BAND} Other panels: "
        f"{_bands(r)} percentiles and median of the input of layer "
        f"{r.spec['shift_layer']}, pooled over all channels, positions and "
        f"{r.spec['probe_size']} validation images, in training mode, every "
        f"{r.spec['every']} steps, first seed."
    )


def _ics_caption(r) -> str:
    return (
        f"Santurkar et al.'s ICS measure every {r.spec['every']} steps on the batch about to "
        "be trained on: G is a layer's weight gradient, G′ the same gradient after all "
        "earlier layers took their SGD step. Bars: mean over steps and seeds; dots: single "
        f"seeds ({seeds_text(r)}). {_santurkar(r)}."
    )


def _landscape_caption(r) -> str:
    return (
        f"Every {r.spec['every']} steps, all weights W moved to W′ = W − k·η·∇L(W) for "
        f"k = {_multipliers()} (η = {r.spec['train']['learning_rate']:g}) on the batch "
        "about to be trained on. Top left: band from the lowest to the highest loss over k "
        "(mean over seeds). Top right: the largest gradient change over k. Bottom: the "
        "largest ratio of gradient change to step length. Loss axis logarithmic. "
        f"{_santurkar(r)}; {seeds_text(r)}. Gradient panels: {BAND[0].lower() + BAND[1:]}"
    )


def _noisy_summary(r) -> str:
    return (
        "Top left: training accuracy per epoch of the standard, BatchNorm and noisy BatchNorm "
        f"networks (mean of {seeds_count(r)}, band: min–max). Other panels: percentiles of one "
        "layer's input over training, first seed."
    )


def _noisy_alt(r) -> str:
    h = r.payload["histories"]
    epochs = plural(alttext.length(h, "train_accuracy"), "epoch")
    accuracy = alttext.final_spans(h, "train_accuracy", labels=SANTURKAR_LABELS)
    return f"Training accuracy after {epochs}: {accuracy}"


def _ics_summary(r) -> str:
    return (
        "Per layer, the change of its weight gradient G once earlier layers step: ‖G − G′‖, "
        f"relative to ‖G‖, and cos(G, G′), for three networks over training. {dots_summary(r)}"
    )


def _ics_alt(r) -> str:
    """Over layers, the range of each network's mean (over steps and seeds) ICS measures."""
    h = r.payload["histories"]
    layers = len(h["none"][0]["probe_layers"])

    def per_layer(key: str) -> str:
        means = {v: _per_layer(runs, key).mean(axis=0) for v, runs in h.items()}
        return alttext.spans(means, SANTURKAR_LABELS, scale=1, digits=2, unit="")

    return (
        f"Across {layers} layers, cos(G, G′): {per_layer('opt_ics_cos')}; relative change: "
        f"{per_layer('opt_ics_rel')}"
    )


def _landscape_summary(r) -> str:
    return (
        "Against the training step, without and with BN: the range of the loss along the "
        "gradient (log scale), the largest gradient change, and the effective β-smoothness. "
        f"{band_summary(r)}"
    )


def _landscape_alt(r) -> str:
    """Per network, the range over seeds of each measure's mean over the measured steps."""
    h = {v: r.payload["histories"][v] for v in LANDSCAPE}
    measured = len(h["none"][0]["opt_steps"])

    def mean(key: str) -> str:
        means = {v: [np.mean(run[key]) for run in runs] for v, runs in h.items()}
        return alttext.spans(means, SANTURKAR_LABELS, scale=1, digits=2, unit="")

    return (
        f"Means over {measured} measured steps, gradient change: {mean('opt_grad_change')}; "
        f"effective β-smoothness: {mean('opt_beta')}"
    )


FIGURES = [
    FigureSpec(
        "santurkar_noisy",
        "santurkar",
        from_histories(santurkar_noisy),
        _noisy_caption,
        summary=_noisy_summary,
        alt=_noisy_alt,
    ),
    FigureSpec(
        "santurkar_ics",
        "santurkar",
        from_histories(santurkar_ics),
        _ics_caption,
        summary=_ics_summary,
        alt=_ics_alt,
    ),
    FigureSpec(
        "santurkar_landscape",
        "santurkar",
        from_histories(santurkar_landscape),
        _landscape_caption,
        summary=_landscape_summary,
        alt=_landscape_alt,
    ),
]
