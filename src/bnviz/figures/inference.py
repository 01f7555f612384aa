"""Slide 8 figures: training-mode vs inference-mode accuracy; the fine-tuning pitfall."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bnviz.figures import alttext
from bnviz.figures.alttext import span
from bnviz.figures.captions import (
    BAND_AND_DOTS,
    band_summary,
    capitalized,
    data_text,
    network,
    plural,
    seeds_band,
    seeds_count,
    train_text,
    trained_text,
)
from bnviz.figures.spec import FigureSpec, from_histories
from bnviz.figures.style import LABELS, mean_band
from bnviz.variants import PRECISE_SUFFIX


def mode_gap(runs: list[dict], colors: dict[str, str]) -> Figure:
    """Accuracy on a fixed validation batch in both modes, against the training step."""
    fig = Figure(figsize=(7, 4), layout="constrained")
    ax = fig.subplots()
    steps = runs[0]["gap_steps"]
    for key, color, label in (
        ("train_mode_accuracy", colors["train_mode"], "training mode (batch statistics)"),
        ("inference_mode_accuracy", colors["inference_mode"], "inference mode (moving averages)"),
        ("precise_inference_mode_accuracy", colors["precise_mode"], LABELS["precise_mode"]),
    ):
        if key in runs[0]:
            mean_band(ax, steps, [r[key] for r in runs], color, label, percent=True)
    ax.set_xscale("log")
    ax.set_xlabel("training step (log scale)")
    ax.set_ylabel("validation accuracy (%)")
    ax.legend()
    return fig


def _ratio(stats: dict, kind: str) -> np.ndarray:
    """Per step: the median over channels of moving ÷ re-estimated `kind`."""
    moving = np.asarray(stats[f"moving_{kind}"])
    precise = np.asarray(stats[f"precise_{kind}"])
    if kind == "variance":
        return np.median(moving / precise, axis=1)
    # the mean's error in units of the input's standard deviation
    return np.median(np.abs(moving - precise) / np.sqrt(stats["precise_variance"]), axis=1)


def bn_statistics(runs: list[dict], colors: dict[str, str]) -> Figure:
    """For every BN layer, over training: how far the moving averages are from the
    statistics re-estimated for the weights of that step."""
    fig = Figure(figsize=(9, 3.6), layout="constrained")
    ax_var, ax_mean = fig.subplots(1, 2, sharex=True)
    steps = runs[0]["gap_steps"]
    layers = list(runs[0]["bn_statistics"])
    palette = [colors["batch"], colors["inference_mode"], colors["precise_mode"], colors["none"]]
    for color, layer in zip(palette, layers, strict=False):
        for ax, kind in ((ax_var, "variance"), (ax_mean, "mean")):
            ratios = [_ratio(r["bn_statistics"][layer], kind) for r in runs]
            mean_band(ax, steps, ratios, color, layer)
    ax_var.axhline(1, color="gray", lw=1, ls=":")
    ax_var.set(
        yscale="log",
        title="moving variance ÷ re-estimated variance",
        ylabel="median over channels (log scale)",
    )
    ax_mean.set(
        title="|moving − re-estimated mean| ÷ std",
        ylabel="median over channels",
    )
    for ax in (ax_var, ax_mean):
        ax.set_xscale("log")
        ax.set_xlabel("training step (log scale)")
    ax_var.legend(fontsize=8)
    return fig


def finetune(histories: dict[str, list[dict]], colors: dict[str, str]) -> Figure:
    """Validation accuracy on the shifted data over the fine-tuning epochs (solid: moving
    averages; dashed: re-estimated statistics), and how far BN's moving means moved."""
    fig = Figure(figsize=(9, 3.8), layout="constrained")
    ax_acc, ax_move = fig.subplots(1, 2, width_ratios=(1.8, 1))
    settings = list(histories)
    for i, setting in enumerate(settings):
        runs = histories[setting]
        epochs = np.arange(1, len(runs[0]["val_accuracy"]) + 1)
        curves = [r["val_accuracy"] for r in runs]
        mean_band(ax_acc, epochs, curves, colors[setting], LABELS[setting], True)
        if "val_accuracy_precise" in runs[0]:
            label = LABELS[setting] + PRECISE_SUFFIX
            curves = [r["val_accuracy_precise"] for r in runs]
            mean_band(ax_acc, epochs, curves, colors[setting], label, True, "--")
        values = [r["max_moving_mean_change"] for r in runs]
        ax_move.bar(i, np.mean(values), color=colors[setting], alpha=0.75)
        ax_move.plot([i] * len(values), values, "o", color="black", markersize=3, alpha=0.7)
    ax_acc.set(xlabel="fine-tuning epoch", ylabel="validation accuracy, inverted digits (%)")
    ax_acc.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_acc.legend(fontsize=8)
    ax_move.set_xticks(range(len(settings)), [LABELS[s] for s in settings], fontsize=8)
    ax_move.set_ylabel("largest change of a moving mean")
    ax_move.grid(axis="x", visible=False)
    return fig


def _mode_gap_caption(r) -> str:
    return (
        f"{capitalized(network('two_block_cnn'))} with BN, {trained_text(r)}; accuracy on the "
        f"same {r.spec['probe_size']} validation images evaluated as one batch in each mode; "
        f"re-estimated statistics over {r.spec['precise_samples']:,} training images at each "
        f"step. {seeds_band(r)}"
    )


def _statistics_caption(r) -> str:
    return (
        f"The runs of the figure above ({network('two_block_cnn')} with BN, "
        f"{train_text(r)}): for each BN layer, at each measured step, Keras' moving "
        "averages against the statistics of the layer's inputs re-estimated for that step's "
        f"weights over {r.spec['precise_samples']:,} training images; median over channels. "
        f"{seeds_band(r)}"
    )


def _finetune_caption(r) -> str:
    return (
        f"{capitalized(network('two_block_cnn'))} with BN, trained with {train_text(r)} on "
        f"upright digits, then fine-tuned for {plural(r.spec['finetune']['epochs'], 'epoch')} "
        f"on {data_text(r)}. Dashed: evaluated with every BN layer's statistics re-estimated "
        f"over {r.spec['precise_samples']:,} inverted training images (for frozen layers "
        f"this is AdaBN). {seeds_band(r, BAND_AND_DOTS)}"
    )


def _with_bn(draw):
    """Draws from the histories of the network with BN alone."""
    return lambda r, colors: draw(r.payload["histories"]["batch"], colors)


def _mode_gap_summary(r) -> str:
    return (
        "Accuracy on fixed validation images against the training step (log scale), in "
        "training mode (batch statistics), in inference mode (moving averages) and with "
        f"re-estimated statistics. {band_summary(r)}"
    )


MODES = {
    "train_mode_accuracy": "training mode",
    "inference_mode_accuracy": "moving averages",
    "precise_inference_mode_accuracy": "re-estimated",
}


def _mode_gap_alt(r) -> str:
    """The accuracy in each mode at the step of the widest gap and at the last step."""
    runs = r.payload["histories"]["batch"]
    steps = runs[0]["gap_steps"]
    modes = {key: np.array([run[key] for run in runs]) for key in MODES if key in runs[0]}
    gap = (modes["train_mode_accuracy"] - modes["inference_mode_accuracy"]).mean(axis=0)
    widest = int(np.argmax(gap))
    at_widest = alttext.spans({k: v[:, widest] for k, v in modes.items()}, MODES)
    at_end = alttext.span(np.concatenate([v[:, -1] for v in modes.values()]), 100)
    return (
        f"Validation accuracy with BN at step {alttext.steps(steps[widest])}: {at_widest}; "
        f"at step {alttext.steps(steps[-1])}, all modes {at_end} %"
    )


def _statistics_summary(r) -> str:
    return (
        "For each BN layer, against the training step (log scale): moving ÷ re-estimated "
        "variance (left) and the moving mean's error in standard deviations (right), median "
        f"over channels. {band_summary(r)}"
    )


def _statistics_alt(r) -> str:
    """Per layer, the variance ratio at the first measured step; over layers, both measures
    at the last (means over seeds)."""
    runs = r.payload["histories"]["batch"]
    steps = runs[0]["gap_steps"]
    ratios = {
        kind: {
            layer: np.mean([_ratio(run["bn_statistics"][layer], kind) for run in runs], axis=0)
            for layer in runs[0]["bn_statistics"]
        }
        for kind in ("variance", "mean")
    }
    first = ", ".join(f"{layer} {alttext.number(v[0])}" for layer, v in ratios["variance"].items())
    end = {kind: span((v[-1] for v in ratios[kind].values()), digits=2) for kind in ratios}
    return (
        f"Moving ÷ re-estimated variance, median over channels, at step {steps[0]}: {first}; "
        f"at step {alttext.steps(steps[-1])}: {end['variance']}, with mean errors of "
        f"{end['mean']} standard deviations"
    )


SETTINGS = {"bn_frozen": "BN frozen", "bn_trainable": "BN trainable"}


def _finetune_summary(r) -> str:
    return (
        "Left: validation accuracy on inverted digits per fine-tuning epoch, BN frozen or "
        "trainable; dashed: re-estimated statistics. Right: largest change of a moving mean. "
        f"Mean of {seeds_count(r)}; bands: min–max; dots: single seeds."
    )


def _finetune_alt(r) -> str:
    h = r.payload["histories"]
    epochs = plural(alttext.length(h), "fine-tuning epoch")
    accuracy = []
    for setting, runs in h.items():
        text = f"{SETTINGS[setting]} {span(alttext.last(runs, 'val_accuracy'), 100)} %"
        if "val_accuracy_precise" in runs[0]:
            text += f" ({span(alttext.last(runs, 'val_accuracy_precise'), 100)} re-estimated)"
        accuracy.append(text)
    moved = {s: alttext.last(runs, "max_moving_mean_change") for s, runs in h.items()}
    short = {s: label.removeprefix("BN ") for s, label in SETTINGS.items()}
    return (
        f"After {epochs}, accuracy: {', '.join(accuracy)}; largest moving-mean "
        f"change: {alttext.spans(moved, short, scale=1, unit='')}"
    )


FIGURES = [
    FigureSpec(
        "mode_gap",
        "mode_gap",
        _with_bn(mode_gap),
        _mode_gap_caption,
        summary=_mode_gap_summary,
        alt=_mode_gap_alt,
    ),
    FigureSpec(
        "mode_gap_statistics",
        "mode_gap",
        _with_bn(bn_statistics),
        _statistics_caption,
        summary=_statistics_summary,
        alt=_statistics_alt,
    ),
    FigureSpec(
        "finetune_pitfall",
        "finetune_pitfall",
        from_histories(finetune),
        _finetune_caption,
        summary=_finetune_summary,
        alt=_finetune_alt,
    ),
]
