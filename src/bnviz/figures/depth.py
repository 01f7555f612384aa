"""Training-chapter figure: plain convolutional stacks of increasing depth, with
and without BN — final training accuracy against depth, the deepest stack's
training loss per epoch, and its gradient norms at initialization per layer."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bnviz.claims.depth import best_plain, plain_runs
from bnviz.figures import alttext
from bnviz.figures.captions import band_summary, capitalized, network, seeds_band, trained_text
from bnviz.figures.spec import FigureSpec
from bnviz.figures.style import LABELS, mean_band
from bnviz.results import Result


def depth(result: Result, colors: dict[str, str]) -> Figure:
    """Final training accuracy against depth, the deepest stack's training loss per epoch and
    its gradient norms at initialization: with BN, without (each depth at its best learning
    rate), and residual without BN."""
    runs = result.payload["depths"]
    depths = sorted(runs, key=int)
    chosen = {d: {v: v for v in runs[d] if not v.startswith("none")} for d in depths}
    for d in depths:
        chosen[d]["none"] = best_plain(result, int(d))
    deepest = depths[-1]
    fig = Figure(figsize=(11, 3.8), layout="constrained")
    acc, loss, grads = fig.subplots(1, 3)
    x = [int(d) for d in depths]
    for variant in chosen[deepest]:
        color, label = colors[variant], LABELS[variant]
        if variant == "none":
            label += " (best of its learning rates)"
        finals = [[h["train_accuracy"][-1] for h in runs[d][chosen[d][variant]]] for d in depths]
        mean_band(acc, x, np.transpose(finals), color, label, percent=True)
        acc.plot(x, 100 * np.mean(finals, axis=1), "o", color=color)
        last = runs[deepest][chosen[deepest][variant]]
        curves = [h["train_loss"] for h in last]
        epochs = np.arange(1, len(curves[0]) + 1)
        mean_band(loss, epochs, curves, color, label)
        if variant == "residual":  # its branches start at zero: no gradient reaches them
            continue
        norms = [h["initial_gradient_norms"] for h in last]
        layers = np.arange(1, len(norms[0]) + 1)
        mean_band(grads, layers, norms, color, label)
    acc.set_xscale("log", base=2)
    acc.set_xticks(x, [str(d) for d in x])
    acc.set_xlabel("depth (convolutions)")
    acc.set_ylabel("final training accuracy (%)")
    acc.set_title("training accuracy after the last epoch")
    acc.legend(fontsize=8)
    loss.set_xlabel("epoch")
    loss.set_ylabel("training loss (cross-entropy)")
    loss.set_title(f"depth {deepest}: training loss")
    loss.xaxis.set_major_locator(MaxNLocator(integer=True))
    grads.set_yscale("log")
    grads.set_xlabel("convolution (1 = nearest the input)")
    grads.set_ylabel("gradient norm at initialization")
    grads.set_title(f"depth {deepest}: before the first step")
    return fig


def _caption(r) -> str:
    depths = ", ".join(str(d) for d in r.spec["depths"])
    base = r.spec["train"]["learning_rate"]
    rates = plain_runs(r, r.spec["depths"][-1]).values()
    rates = ", ".join(f"{lr:g}" for lr in sorted(rates) if lr != base)
    return (
        f"{capitalized(network('plain_cnn'))}, stacked {depths} deep at width "
        f"{r.spec['width']}: with BN and without at learning rate "
        f"{r.spec['train']['learning_rate']:g}, without BN also at {rates} (the best rate per "
        "depth shown), and without BN with identity shortcuts whose branches start at zero "
        f"(SkipInit), each {trained_text(r)}. Training accuracy and loss are Keras' "
        "training-mode averages over each epoch's batches; gradient norms are of the loss on "
        f"{r.spec['gradient_batch']} training images with respect to each convolution's "
        "kernel, before the first step (not shown for the residual stack, whose branches start "
        f"at zero). {seeds_band(r)}"
    )


def _summary(r) -> str:
    return (
        "Left: final training accuracy against depth. Middle, right: the deepest stack's "
        "training loss per epoch and initial gradient norm per convolution. With BN, without "
        f"(best learning rate), residual. {band_summary(r)}"
    )


def _alt(r) -> str:
    """Final training accuracy of each variant at the shallowest and the deepest stack."""
    runs = r.payload["depths"]
    depths = sorted(runs, key=int)
    labels = {**LABELS, "residual": "residual"}
    parts = []
    for d in (depths[-1], depths[0]) if len(depths) > 1 else depths:
        chosen = {v: runs[d][v] for v in runs[d] if not v.startswith("none")}
        chosen = {"none": runs[d][best_plain(r, int(d))], **chosen}
        groups = {v: alttext.last(h, "train_accuracy") for v, h in chosen.items()}
        parts.append(f"depth {d}: {alttext.spans(groups, labels)}")
    return f"Final training accuracy at {'; at '.join(parts)}"


FIGURES = [FigureSpec("depth", "depth", depth, _caption, summary=_summary, alt=_alt)]
