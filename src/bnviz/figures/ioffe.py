"""Ioffe & Szegedy (2015), Fig. 1, reproduced: test accuracy and a typical sigmoid input."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.analysis import percentile_drift
from bnviz.figures import alttext
from bnviz.figures.captions import BAND, capitalized, data_text, network, seeds_count, seeds_text
from bnviz.figures.spec import FigureSpec
from bnviz.figures.style import LABELS, mean_band


def typical_unit(percentiles: np.ndarray) -> int:
    """The unit whose drift is the median of its layer's (first seed): a "typical sigmoid"."""
    drift = percentile_drift(percentiles[0])
    return int(np.argsort(drift)[len(drift) // 2])


def ioffe_fig1(histories, arrays, colors, higher_lr=None) -> Figure:
    """(a) test accuracy vs steps (with BN also at a higher learning rate when `higher_lr`
    holds those runs), (b, c) percentiles of a typical last-hidden-layer sigmoid input (the
    unit with the median drift of its network's 100 units, first seed)."""
    fig = Figure(figsize=(10, 3.6), layout="constrained")
    ax_acc, ax_none, ax_bn = fig.subplots(1, 3)
    curves = dict(histories)
    if higher_lr:
        curves["batch_higher_lr"] = higher_lr["batch"]
    for variant, runs in curves.items():
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


NETS = ("none", "batch")


def unit_drifts(arrays) -> dict[str, np.ndarray]:
    """Per network, the drift (`percentile_drift`) of every last-hidden-layer unit of every
    seed."""
    return {v: percentile_drift(arrays[f"{v}_percentiles"]).ravel() for v in NETS}


def ioffe_drift(arrays, colors) -> Figure:
    """Per-unit drift of the last hidden layer's sigmoid inputs, all units and seeds."""
    fig = Figure(figsize=(6.5, 3.2), layout="constrained")
    ax = fig.subplots()
    drifts = unit_drifts(arrays)
    top = max(d.max() for d in drifts.values())
    bins = np.linspace(0, top, 40)
    for variant, drift in drifts.items():
        ax.hist(drift, bins=bins, color=colors[variant], alpha=0.6, label=LABELS[variant])
        ax.axvline(np.median(drift), color=colors[variant], ls="--", lw=1.5)
    ax.set(xlabel="range of the unit's 15th/50th/85th percentiles over training (mean of the 3)")
    ax.set_ylabel("units × seeds")
    ax.legend()
    return fig


def _ioffe_net(r) -> str:
    return f"{network('ioffe_mlp')}, initial weights from N(0, {r.spec['init_std']:g}²)"


def _ioffe_train(r) -> str:
    pixels = ", pixels binarized at 0.5" if r.spec["binarize"] else ""
    return (
        f"plain SGD (learning rate {r.payload['learning_rate']:g}, chosen for the network "
        f"without BN; batch {r.spec['train']['batch_size']}) for {r.spec['steps']:,} steps on "
        f"{data_text(r)}{pixels}"
    )


def _units(r) -> int:
    return r.arrays["none_percentiles"].shape[-1]


def _higher_lr(r) -> str:
    higher = r.payload.get("higher_lr")
    if not higher:
        return "both at the learning rate chosen for the network without BN"
    return (
        f"both at learning rate {r.payload['learning_rate']:g} (chosen for the network without "
        f"BN), and with BN also at {higher['learning_rate']:g} ({r.spec['bn_lr_scale']:g}×, the "
        "paper's BN-x5)"
    )


def _quantiles(r) -> list[int]:
    return r.payload["histories"]["none"][0]["quantiles"]


def _fig1_summary(r) -> str:
    higher = r.payload.get("higher_lr")
    variants = "without and with BN" + (
        f", and with BN at {r.spec['bn_lr_scale']:g}× the learning rate" if higher else ""
    )
    return (
        f"(a) Test accuracy against the training step (log scale), {variants}; mean of "
        f"{seeds_count(r)}, band: min–max. (b, c) A typical sigmoid's input percentiles."
    )


def _fig1_alt(r) -> str:
    curves = dict(r.payload["histories"])
    labels = dict(LABELS)
    if r.payload.get("higher_lr"):
        curves["batch_higher_lr"] = r.payload["higher_lr"]["batch"]
        labels["batch_higher_lr"] = f"with BN at {r.spec['bn_lr_scale']:g}× rate"
    accuracy = alttext.final_spans(curves, "test_accuracy", labels=labels)
    typical = {}  # the drift of the unit the (b, c) panels show
    for variant in NETS:
        percentiles = r.arrays[f"{variant}_percentiles"]
        typical[variant] = [percentile_drift(percentiles[0])[typical_unit(percentiles)]]
    step = alttext.steps(curves["none"][0]["test_steps"][-1])
    return (
        f"Test accuracy at step {step}: {accuracy}; drift of the typical sigmoid input: "
        f"{alttext.spans(typical, scale=1, digits=2, unit='')}"
    )


def _drift_summary(r) -> str:
    return (
        "Histogram over all last-hidden-layer sigmoids and seeds: how far each one's input "
        "percentiles move during training, without and with BN; dashed: medians."
    )


def _drift_alt(r) -> str:
    drifts = unit_drifts(r.arrays)
    medians = {v: [np.median(d)] for v, d in drifts.items()}
    return (
        f"Input drift of {_units(r)} sigmoids × {len(r.spec['seeds'])} seeds, median: "
        f"{alttext.spans(medians, scale=1, digits=2, unit='')}; range: "
        f"{alttext.spans(drifts, scale=1, digits=2, unit='')}"
    )


FIGURES = [
    FigureSpec(
        "ioffe_fig1",
        "ioffe_fig1",
        lambda r, c: ioffe_fig1(r.payload["histories"], r.arrays, c, r.payload.get("higher_lr")),
        lambda r: (
            f"{capitalized(_ioffe_net(r))}, trained with {_ioffe_train(r)}. (a) Accuracy on all "
            f"{r.data['n_test']:,} test images (inference mode) every {r.spec['every']} steps, "
            f"step axis logarithmic; {seeds_text(r)}; {_higher_lr(r)}. {BAND} "
            "(b, c) Percentiles of the input of "
            f"a typical sigmoid of the last hidden layer over {r.spec['probe_size']} test images "
            "(training mode): in each network, the unit whose drift (figure below) is the median "
            f"of the {_units(r)} units, first seed; band: "
            f"{_quantiles(r)[0]}th–{_quantiles(r)[-1]}th percentile."
        ),
        summary=_fig1_summary,
        alt=_fig1_alt,
    ),
    FigureSpec(
        "ioffe_drift",
        "ioffe_fig1",
        lambda r, c: ioffe_drift(r.arrays, c),
        lambda r: (
            f"All {_units(r)} sigmoid inputs of the last hidden layer, every seed "
            f"({seeds_text(r)}): how far each unit's 15th, 50th and 85th percentiles (over "
            f"{r.spec['probe_size']} test images) move during {r.spec['steps']:,} steps; "
            f"dashed: median. {capitalized(_ioffe_net(r))}, {_ioffe_train(r)}."
        ),
        summary=_drift_summary,
        alt=_drift_alt,
    ),
]
