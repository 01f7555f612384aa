"""Figures drawn from code rather than from a training result: the model diagram (graphviz via
`keras.utils.model_to_dot`) and the timeline of normalization in landmark CNNs."""

from __future__ import annotations

import functools
import shutil

from matplotlib.figure import Figure

from bnviz.errors import BnvizError
from bnviz.figures.spec import FigureSpec
from bnviz.literature import LANDMARKS

GROUPS = {
    "none": "none",
    "LRN": "dropout",
    "BN": "batch",
    "LN": "batch_pre",
    "normalizer-free": "input",
}


def model_diagram_svg(model) -> str:
    """The SVG that `keras.utils.plot_model(model, show_shapes=True)` would write, returned
    as text. Needs graphviz's `dot`; says how to install it when missing."""
    import keras

    if shutil.which("dot") is None:
        raise BnvizError("graphviz's `dot` is not installed; apt-get install graphviz")
    # dpi=72: at Keras' default of 200, graphviz 2.43 scales the drawing 2.78x past the
    # SVG's own viewBox, and a browser shows only its top-left corner
    dot = keras.utils.model_to_dot(model, show_shapes=True, show_layer_activations=True, dpi=72)
    return dot.create(prog="dot", format="svg").decode()


def cnn_timeline(colors: dict[str, str]) -> Figure:
    """Landmark CNNs on a time axis, coloured by the normalization they use."""
    fig = Figure(figsize=(9, 3.4), layout="constrained")
    ax = fig.subplots()
    ax.axhline(0, color=colors["input"], lw=1)
    levels = [0.5, -0.5, 0.5, -0.5, 1.0, -0.5, 0.5]  # stagger labels that share a year
    for m, level in zip(LANDMARKS, levels, strict=True):
        color = colors[GROUPS[m.normalization]]
        ax.plot([m.year, m.year], [0, level], color=color, lw=1.5)
        ax.plot(m.year, 0, "o", color=color, markersize=9)
        ax.annotate(
            f"{m.name}\n{m.normalization}",
            (m.year, level * 1.08),
            ha="center",
            va="bottom" if level > 0 else "top",
            color=color,
            fontsize=9,
            fontweight="bold",
        )
    ax.set_ylim(-1.1, 1.6)
    ax.set_xlim(1995, 2025)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(False)
    ax.set_xlabel("year of publication")
    return fig


def _seed_cnn_with_bn():
    from bnviz.nn.cnns import seed_cnn  # imports Keras: only when the diagram is redrawn

    return seed_cnn("batch")


@functools.cache
def _diagram_layers() -> str:
    """The layers of the drawn network, as the diagram shows them top to bottom."""
    from bnviz.nn.describe import architecture

    return architecture(_seed_cnn_with_bn()).replace(" → ", ", ")


def _timeline_alt(r) -> str:
    landmarks = ", ".join(f"{m.name} {m.year} {m.normalization}" for m in LANDMARKS)
    return f"Timeline of normalization in landmark CNNs: {landmarks}"


FIGURES = [
    FigureSpec(
        "model_diagram",
        None,
        lambda r, c: model_diagram_svg(_seed_cnn_with_bn()),
        lambda r: (
            "The original talk's CNN with its BN layer, drawn by "
            "<code>keras.utils.model_to_dot</code> (the function behind <code>plot_model</code>) "
            "and graphviz when the site was built."
        ),
        summary=lambda r: (
            "The talk's CNN with BN as Keras draws it: one box per layer, from the input at the "
            "top, with each layer's type and its input and output shapes."
        ),
        alt=lambda r: (
            f"Keras diagram of the talk's CNN with BN, one box per layer: input, "
            f"{_diagram_layers()}; each box gives the layer's input and output shapes"
        ),
        themed=False,
    ),
    FigureSpec(
        "cnn_timeline",
        None,
        lambda r, c: cnn_timeline(c),
        lambda r: "Normalization in landmark CNNs, from the papers listed in the table below.",
        summary=lambda r: (
            "Landmark CNNs by year of publication, each coloured by the normalization it uses."
        ),
        alt=_timeline_alt,
    ),
]
