"""Training-chapter figure: plain convolutional stacks of increasing depth, with
and without BN — final training accuracy against depth, the deepest stack's
training loss per epoch, and its gradient norms at initialization per layer."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bnviz.figures.captions import capitalized, network, seeds_band, trained_text
from bnviz.figures.spec import FigureSpec
from bnviz.figures.style import LABELS, mean_band


def depth(runs: dict[str, dict[str, list[dict]]], colors: dict[str, str]) -> Figure:
    """`runs`: depth -> variant -> one history per seed."""
    depths = sorted(runs, key=int)
    deepest = runs[depths[-1]]
    fig = Figure(figsize=(11, 3.8), layout="constrained")
    acc, loss, grads = fig.subplots(1, 3)
    x = [int(d) for d in depths]
    for variant in deepest:
        color, label = colors[variant], LABELS[variant]
        finals = [[h["train_accuracy"][-1] for h in runs[d][variant]] for d in depths]
        mean_band(acc, x, np.transpose(finals), color, label, percent=True)
        acc.plot(x, 100 * np.mean(finals, axis=1), "o", color=color)
        curves = [h["train_loss"] for h in deepest[variant]]
        epochs = np.arange(1, len(curves[0]) + 1)
        mean_band(loss, epochs, curves, color, label)
        norms = [h["initial_gradient_norms"] for h in deepest[variant]]
        layers = np.arange(1, len(norms[0]) + 1)
        mean_band(grads, layers, norms, color, label)
    acc.set_xscale("log", base=2)
    acc.set_xticks(x, [str(d) for d in x])
    acc.set_xlabel("depth (convolutions)")
    acc.set_ylabel("final training accuracy (%)")
    acc.set_title("trained with the same settings")
    acc.legend(fontsize=8)
    loss.set_xlabel("epoch")
    loss.set_ylabel("training loss (cross-entropy)")
    loss.set_title(f"depth {depths[-1]}: training loss")
    loss.xaxis.set_major_locator(MaxNLocator(integer=True))
    grads.set_yscale("log")
    grads.set_xlabel("convolution (1 = nearest the input)")
    grads.set_ylabel("gradient norm at initialization")
    grads.set_title(f"depth {depths[-1]}: before the first step")
    return fig


def _caption(r) -> str:
    depths = ", ".join(str(d) for d in r.spec["depths"])
    return (
        f"{capitalized(network('plain_cnn'))}, stacked {depths} deep at width "
        f"{r.spec['width']}, without and with BN, each {trained_text(r)}. Training accuracy "
        "and loss are Keras' training-mode averages over each epoch's batches; gradient norms "
        f"are of the loss on {r.spec['gradient_batch']} training images with respect to each "
        f"convolution's kernel, before the first step. {seeds_band(r)}"
    )


FIGURES = [FigureSpec("depth", "depth", lambda r, c: depth(r.payload["depths"], c), _caption)]
