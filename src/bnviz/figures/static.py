"""Figures drawn from code rather than from a training result: the model diagram (graphviz via
`keras.utils.model_to_dot`) and the timeline of normalization in landmark CNNs."""

from __future__ import annotations

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
    dot = keras.utils.model_to_dot(model, show_shapes=True, show_layer_activations=True)
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
        themed=False,
    ),
    FigureSpec(
        "cnn_timeline",
        None,
        lambda r, c: cnn_timeline(c),
        lambda r: "Normalization in landmark CNNs, from the papers listed in the table below.",
    ),
]
