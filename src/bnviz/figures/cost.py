"""Slide 13 figure: the cost of BN, wall time per training step and per inference batch."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bnviz.figures import alttext
from bnviz.figures.captions import capitalized, device_text, network
from bnviz.figures.spec import FigureSpec
from bnviz.figures.style import LABELS


def overhead(
    median: dict[str, dict], colors: dict[str, str], floor_s: float | None = None
) -> Figure:
    """Milliseconds per training step and per inference batch, for each variant that was
    timed at that kind of call (a folded network is only timed in inference); a dashed line
    over the training bars at no BN + the memory floor, when the result has it."""
    fig = Figure(figsize=(9, 4.2), layout="constrained")
    ax = fig.subplots()
    kinds = (("train_step_s", "training step"), ("inference_s", "inference batch"))
    width = 0.8 / len(median)
    for i, variant in enumerate(median):
        where = [j for j, (k, _) in enumerate(kinds) if k in median[variant]]
        values = [median[variant][kinds[j][0]] * 1000 for j in where]
        bars = ax.bar(
            np.array(where) + (i - (len(median) - 1) / 2) * width,
            values,
            width,
            color=colors[variant],
            label=LABELS[variant],
        )
        ax.bar_label(bars, fmt="%.1f", fontsize=8)
    if floor_s is not None:
        level = (median["none"]["train_step_s"] + floor_s) * 1000
        ax.hlines(level, -0.45, 0.45, colors="gray", linestyles="dashed")
        ax.annotate(
            "no BN + memory floor",
            (0.45, level),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color="gray",
        )
    ax.set_xticks(range(2), [label for _, label in kinds])
    ax.set_ylabel("wall time (ms)")
    ax.grid(axis="x", visible=False)
    ax.legend(fontsize=8, ncols=2)
    return fig


def _overhead_summary(r) -> str:
    floor = "; dashed: no BN plus the memory floor" if "memory_floor_s" in r.payload else ""
    return (
        "Wall time per training step (left) and per inference batch (right), median of "
        f"{r.spec['repeats']} repeats: without BN and each way of computing BN{floor}."
    )


OVERHEAD_LABELS = {
    "none": "no BN",
    "batch": "BN",
    "batch_fused": "fused",
    "batch_onepass": "one-pass",
    "affine": "scale-shift only",
    "batch_folded": "folded",
}


def _overhead_alt(r) -> str:
    median = r.payload["median"]
    parts = []
    for kind, what in (("train_step_s", "training step"), ("inference_s", "inference batch")):
        times = {v: [t[kind]] for v, t in median.items() if kind in t}
        parts.append(f"{what}: {alttext.spans(times, OVERHEAD_LABELS, scale=1000, unit='')}")
    return f"Milliseconds per {'; per '.join(parts)}"


FIGURES = [
    FigureSpec(
        "bn_overhead",
        "bn_overhead",
        lambda r, c: overhead(r.payload["median"], c, r.payload.get("memory_floor_s")),
        lambda r: (
            f"{capitalized(network('two_block_cnn'))}: median over {r.spec['repeats']} repeats "
            f"of the mean time of {r.spec['steps']} calls of <code>train_on_batch</code> / "
            f"<code>predict_on_batch</code> with {r.spec['batch_size']} images, after "
            f"{r.spec['warmup']} warm-up calls, the variants taking turns within each repeat "
            f"(the folded network is timed in inference only), on {device_text(r)}."
            + (
                " Dashed: the step without BN plus the memory floor (eight passes over every"
                " BN input, timed with NumPy)."
                if "memory_floor_s" in r.payload
                else ""
            )
        ),
        summary=_overhead_summary,
        alt=_overhead_alt,
    ),
]
