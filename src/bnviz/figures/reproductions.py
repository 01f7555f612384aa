"""Figures of the paper reproductions: Ioffe & Szegedy Fig. 1, Santurkar et al. Figs. 2, 4, 5,
and Wu & He Fig. 1 (the paper's numbers beside ours)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures.style import LABELS, mean_band, percentile_bands

SANTURKAR_LABELS = {"none": "standard", "batch": "+ BatchNorm", "noisy_batch": "+ noisy BatchNorm"}


def percentile_drift(percentiles: np.ndarray) -> np.ndarray:
    """How far each unit's input distribution moves over training: the range over time of its
    15th/50th/85th percentiles, averaged over the three. Input (..., steps, 3, units)."""
    return np.ptp(percentiles, axis=-3).mean(axis=-2)


def typical_unit(percentiles: np.ndarray) -> int:
    """The unit whose drift is the median of its layer's (first seed): a "typical sigmoid"."""
    drift = percentile_drift(percentiles[0])
    return int(np.argsort(drift)[len(drift) // 2])


def ioffe_fig1(histories, arrays, colors) -> Figure:
    """(a) test accuracy vs steps, (b, c) percentiles of a typical last-hidden-layer sigmoid
    input (the unit with the median drift of its network's 100 units, first seed)."""
    fig = Figure(figsize=(10, 3.6), layout="constrained")
    ax_acc, ax_none, ax_bn = fig.subplots(1, 3)
    for variant, runs in histories.items():
        steps = np.asarray(runs[0]["test_steps"])
        acc = [r["test_accuracy"] for r in runs]
        mean_band(
            ax_acc,
            steps[1:],
            np.asarray(acc)[:, 1:],
            colors[variant],
            LABELS[variant],
            percent=True,
        )
    ax_acc.set(
        xlabel="training step (log scale)", ylabel="test accuracy (%)", title="(a) test accuracy"
    )
    ax_acc.set_xscale("log")
    ax_acc.legend(loc="lower right")
    limits = []
    for ax, variant, letter in ((ax_none, "none", "b"), (ax_bn, "batch", "c")):
        steps = np.asarray(histories[variant][0]["percentile_steps"])
        percentiles = arrays[f"{variant}_percentiles"]
        unit = typical_unit(percentiles)
        p = percentiles[0, :, :, unit]  # first seed: (steps, 3)
        for column, style in zip(range(3), (":", "-", ":"), strict=True):
            ax.plot(steps, p[:, column], style, color=colors[variant], lw=2 if column == 1 else 1.4)
        ax.fill_between(steps, p[:, 0], p[:, 2], color=colors[variant], alpha=0.2, lw=0)
        ax.set(xlabel="training step", ylabel=f"input to sigmoid unit {unit}")
        ax.set_title(f"({letter}) {LABELS[variant]}: 15th, 50th, 85th pct.")
        limits.extend(ax.get_ylim())
    for ax in (ax_none, ax_bn):
        ax.set_ylim(min(limits), max(limits))
    return fig


def ioffe_drift(arrays, colors) -> Figure:
    """Per-unit drift of the last hidden layer's sigmoid inputs, all units and seeds."""
    fig = Figure(figsize=(6.5, 3.2), layout="constrained")
    ax = fig.subplots()
    drifts = {v: percentile_drift(arrays[f"{v}_percentiles"]).ravel() for v in ("none", "batch")}
    top = max(d.max() for d in drifts.values())
    bins = np.linspace(0, top, 40)
    for variant, drift in drifts.items():
        ax.hist(drift, bins=bins, color=colors[variant], alpha=0.6, label=LABELS[variant])
        ax.axvline(np.median(drift), color=colors[variant], ls="--", lw=1.5)
    ax.set(xlabel="range of the unit's 15th/50th/85th percentiles over training (mean of the 3)")
    ax.set_ylabel("units × seeds")
    ax.legend()
    return fig


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


def santurkar_landscape(histories, colors, variants=("none", "batch")) -> Figure:
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


def wu_he_fig1(paper: dict, sweep: dict, colors) -> Figure:
    """Error vs batch size: Wu & He's published ImageNet numbers and our measured sweep."""
    fig = Figure(figsize=(9, 3.5), layout="constrained")
    ax_paper, ax_ours = fig.subplots(1, 2)
    for variant in ("batch", "group"):
        ax_paper.plot(
            paper["batch_sizes"],
            paper[variant],
            "o-",
            color=colors[variant],
            label="BN" if variant == "batch" else "GN",
            lw=2,
        )
        sizes = [int(b) for b in sweep]
        errors = [[1 - r["val_accuracy"][-1] for r in sweep[str(b)][variant]] for b in sizes]
        mean_band(
            ax_ours,
            sizes,
            np.transpose(errors),
            colors[variant],
            "BN" if variant == "batch" else "GN",
            percent=True,
        )
    ax_paper.set(title="Wu & He: ResNet-50, ImageNet (published)", ylabel="validation error (%)")
    ax_ours.set(title="ours: small CNN, Fashion-MNIST (measured)", ylabel="validation error (%)")
    sizes = sorted({*paper["batch_sizes"], *(int(b) for b in sweep)}, reverse=True)
    for ax in (ax_paper, ax_ours):
        ax.set_xscale("log", base=2)
        ax.set_xticks(sizes, [str(s) for s in sizes])
        ax.minorticks_off()
        ax.set_xlim(max(sizes) * 1.15, min(sizes) / 1.15)  # batch size falls left to right
        ax.set_xlabel("images per batch")
        ax.legend()
    return fig
