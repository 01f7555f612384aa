"""Wu & He (2018), Fig. 1: the paper's numbers beside our batch-size sweep."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures import alttext
from bnviz.figures.captions import BAND, data_text, network, plural, seeds_count, seeds_text
from bnviz.figures.spec import FigureSpec
from bnviz.figures.style import mean_band


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
        # BN evaluated with re-estimated statistics, as Wu & He's BN uses population statistics
        key = "val_accuracy_precise"
        errors = [[1 - r[key][-1] for r in sweep[str(b)][variant]] for b in sizes]
        mean_band(
            ax_ours,
            sizes,
            np.transpose(errors),
            colors[variant],
            "BN" if variant == "batch" else "GN",
            percent=True,
        )
    ax_paper.set(title="Wu & He: ResNet-50, ImageNet (published)", ylabel="validation error (%)")
    ax_ours.set(
        title="ours: six-layer CNN, Fashion-MNIST (measured)", ylabel="validation error (%)"
    )
    sizes = sorted({*paper["batch_sizes"], *(int(b) for b in sweep)}, reverse=True)
    for ax in (ax_paper, ax_ours):
        ax.set_xscale("log", base=2)
        ax.set_xticks(sizes, [str(s) for s in sizes])
        ax.minorticks_off()
        ax.set_xlim(max(sizes) * 1.15, min(sizes) / 1.15)  # batch size falls left to right
        ax.set_xlabel("images per batch")
        ax.legend()
    return fig


def _wu_he(r, c):
    from bnviz.literature import WU_HE_FIG1

    return wu_he_fig1(WU_HE_FIG1, r.payload["sweep"], c)


def _summary(r) -> str:
    return (
        "Validation error against images per batch (fewer to the right), with BN and with "
        "Group Norm. Left: Wu & He's published ImageNet numbers; right: our measured sweep, "
        f"mean of {seeds_count(r)}, band: min–max."
    )


def _alt(r) -> str:
    from bnviz.literature import WU_HE_FIG1 as paper

    sweep = r.payload["sweep"]
    large, small = max(sweep, key=int), min(sweep, key=int)
    names = {"batch": "BN", "group": "GN"}

    def ours(variant: str) -> str:
        errors = [
            1 - np.mean(alttext.last(sweep[size][variant], "val_accuracy_precise"))
            for size in (large, small)
        ]
        return f"{names[variant]} {' → '.join(alttext.number(100 * e) for e in errors)} %"

    sizes = paper["batch_sizes"]
    published = ", ".join(
        f"{names[v]} {paper[v][0]:g} → {paper[v][-1]:g} %" for v in ("batch", "group")
    )
    return (
        f"Validation error, Wu & He from batch {sizes[0]} to {sizes[-1]}: {published}; ours "
        f"from {large} to {small}, mean: {ours('batch')}, {ours('group')}"
    )


FIGURES = [
    FigureSpec(
        "wu_he_fig1",
        "batch_size_sweep",
        _wu_he,
        lambda r: (
            "Left: the numbers Wu & He (2018) report in their Fig. 1 (ResNet-50 trained on "
            "ImageNet, images per GPU). Right: our measurement — the batch-size sweep of the "
            f"limitations chapter, {network('six_layer_cnn')} with BN or Group Norm, plain SGD "
            f"for {plural(r.spec['train']['epochs'], 'epoch')} at each batch size with the "
            f"learning rate {r.spec['train']['learning_rate']:g} × batch ÷ "
            f"{r.spec['base_batch']} (linear scaling, as Wu & He), on {data_text(r)}; BN "
            "evaluated with statistics re-estimated over "
            f"{r.spec['precise_samples']:,} training images; {seeds_text(r)} per point. {BAND}"
        ),
        summary=_summary,
        alt=_alt,
    ),
]
