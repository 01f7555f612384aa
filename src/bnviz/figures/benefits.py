"""Slide 7 figures: learning-rate sweep and BN vs dropout."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures import alttext
from bnviz.figures.captions import (
    BAND,
    DOTS,
    band_summary,
    capitalized,
    data_text,
    dots_summary,
    network,
    plural,
    seeds_band,
    seeds_text,
    trained_text,
)
from bnviz.figures.spec import FigureSpec, from_histories
from bnviz.figures.style import LABELS, mean_band
from bnviz.variants import PRECISE_SUFFIX


def diverged(run: dict, chance: float) -> bool:
    """A run of the sweep that diverged: a non-finite loss or a final accuracy at chance."""
    loss = np.asarray(run["train_loss"], dtype=float)
    return not np.all(np.isfinite(loss)) or run["val_accuracy"][-1] <= chance


def lr_sweep(sweep: dict[str, dict], colors: dict[str, str], chance: float) -> Figure:
    """Final validation accuracy against the learning rate; diverged runs marked with x."""
    fig = Figure(figsize=(7, 4), layout="constrained")
    ax = fig.subplots()
    lrs = [float(lr) for lr in sweep]
    variants = list(next(iter(sweep.values())))
    for variant in variants:
        finals = np.array([[h["val_accuracy"][-1] for h in sweep[lr][variant]] for lr in sweep])
        mean_band(ax, lrs, finals.T, colors[variant], LABELS[variant], percent=True)
        for i, lr in enumerate(sweep):
            for h in sweep[lr][variant]:
                if diverged(h, chance):
                    ax.plot(
                        lrs[i],
                        h["val_accuracy"][-1] * 100,
                        "x",
                        color=colors[variant],
                        markersize=9,
                        mew=2,
                    )
        if variant != "none" and "val_accuracy_precise" in sweep[next(iter(sweep))][variant][0]:
            precise = [[h["val_accuracy_precise"][-1] for h in sweep[lr][variant]] for lr in sweep]
            label = LABELS[variant] + PRECISE_SUFFIX
            mean_band(ax, lrs, np.transpose(precise), colors[variant], label, True, "--")
    ax.plot([], [], "x", color="gray", mew=2, label="diverged run")
    ax.set_xscale("log")
    ax.set_xlabel("learning rate (plain SGD, log scale)")
    ax.set_ylabel("final validation accuracy (%)")
    ax.legend()
    return fig


def dropout_comparison(histories: dict[str, list[dict]], colors: dict[str, str]) -> Figure:
    """Final validation accuracy and train − validation gap per variant, both in inference
    mode with re-estimated BN statistics: bars = mean, dots = seeds."""
    from bnviz.claims.benefits import inference_gap

    fig = Figure(figsize=(8, 4), layout="constrained")
    axes = fig.subplots(1, 2)
    variants = list(histories)
    for ax, key, title in zip(
        axes,
        ("val_accuracy_precise", "gap"),
        ("final validation accuracy", "train − validation gap"),
        strict=True,
    ):
        for i, variant in enumerate(variants):
            runs = histories[variant]
            if key == "gap":
                values = 100 * inference_gap(runs)
            else:
                values = [100 * r[key][-1] for r in runs]
            ax.bar(i, np.mean(values), color=colors[variant], alpha=0.75)
            ax.plot([i] * len(values), values, "o", color="black", markersize=3, alpha=0.7)
        ax.set_xticks(range(len(variants)), [LABELS[v] for v in variants], fontsize=8)
        ax.set_title(title)
        ax.set_ylabel("percentage points" if key == "gap" else "accuracy (%)")
        ax.grid(axis="x", visible=False)
    lo = min(100 * r["val_accuracy_precise"][-1] for runs in histories.values() for r in runs)
    axes[0].set_ylim(max(0, lo - 3), 100)
    return fig


def _sweep_caption(r) -> str:
    return (
        f"{capitalized(network('two_block_cnn'))}, trained with plain SGD (batch "
        f"{r.spec['train']['batch_size']}) for {plural(r.spec['train']['epochs'], 'epoch')} at "
        f"each learning rate on {data_text(r)}. {capitalized(seeds_text(r))} per point. {BAND} "
        f"Crosses: runs that diverged (non-finite loss or final accuracy ≤ {_chance():.0%}). "
        "Dashed: the network with BN evaluated with its BN statistics re-estimated over "
        f"{r.spec['precise_samples']:,} training images instead of Keras' moving averages."
    )


def _dropout_caption(r) -> str:
    from bnviz.experiments.dropout_vs_bn import DROPOUT

    return (
        f"{capitalized(network('two_block_cnn'))} with and without BN and dropout (rate "
        f"{DROPOUT:g}, before the classifier), {trained_text(r)}. "
        "After training, accuracy in inference mode with BN's statistics re-estimated over "
        f"{r.spec['precise_samples']:,} training images: on the validation set and (for the gap) "
        f"on {r.spec['gap_samples']:,} training images. {seeds_band(r, DOTS)}"
    )


def _sweep_summary(r) -> str:
    return (
        "Final validation accuracy against the learning rate (log scale), without and with BN; "
        "crosses: diverged runs; dashed: BN with re-estimated statistics. "
        f"{band_summary(r)}"
    )


def _sweep_alt(r) -> str:
    """Each variant's best learning rate with its accuracy there, and where runs diverge."""
    sweep = r.payload["sweep"]
    rates = list(sweep)
    parts = []
    for variant in sweep[rates[0]]:
        best = max(rates, key=lambda lr: np.mean(alttext.last(sweep[lr][variant], "val_accuracy")))
        accuracy = alttext.span(alttext.last(sweep[best][variant], "val_accuracy"), 100)
        failed = [lr for lr in rates if any(diverged(h, _chance()) for h in sweep[lr][variant])]
        fails = f"diverging from {float(failed[0]):g}" if failed else "never diverging"
        parts.append(f"{LABELS[variant]} best {accuracy} % at {float(best):g}, {fails}")
    span = f"{float(rates[0]):g} to {float(rates[-1]):g}"
    return f"Final validation accuracy over learning rates {span}: {'; '.join(parts)}"


def _dropout_summary(r) -> str:
    variants = ", ".join(LABELS[v] for v in r.payload["histories"])
    return (
        "Final validation accuracy (left) and train − validation gap (right), in inference "
        f"mode with re-estimated BN statistics: {variants}. {dots_summary(r)}"
    )


def _dropout_alt(r) -> str:
    from bnviz.claims.benefits import inference_gap

    h = r.payload["histories"]
    gaps = {v: inference_gap(runs) for v, runs in h.items()}
    labels = {**LABELS, "dropout": "dropout", "batch": "BN", "both": "both"}
    accuracy = alttext.final_spans(h, "val_accuracy_precise", labels=labels, unit="")
    return (
        f"Validation accuracy (%): {accuracy}; train − validation gap (points): "
        f"{alttext.spans(gaps, labels, unit='')}"
    )


FIGURES = [
    FigureSpec(
        "lr_sweep",
        "lr_sweep",
        lambda r, c: lr_sweep(r.payload["sweep"], c, chance=_chance()),
        _sweep_caption,
        summary=_sweep_summary,
        alt=_sweep_alt,
    ),
    FigureSpec(
        "dropout_vs_bn",
        "dropout_vs_bn",
        from_histories(dropout_comparison),
        _dropout_caption,
        summary=_dropout_summary,
        alt=_dropout_alt,
    ),
]


def _chance() -> float:
    from bnviz.experiments.lr_sweep import CHANCE

    return CHANCE
