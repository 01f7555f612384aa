"""Values of the inference chapter's collapse (mode_gap): why inference-mode accuracy falls to
chance between about step 50 and step 200 and not before. Measured from the moving and the
re-estimated statistics every BN layer has at each recorded step (`StatisticsAtSteps`).

The first BN layer's moving variance starts at 1, far above its inputs' real variance, so in
inference mode it divides by a standard deviation several times too large and shrinks its
output. The later BN layers' moving means start at 0: while they are small, the shrunken
activations are only scaled down. Once they have caught up with the real (training-mode)
means, they subtract a full-scale mean from the still-shrunken activations, and the ReLUs after
them see mostly negative inputs.
"""

from __future__ import annotations

import numpy as np

from bnviz.results import Result
from bnviz.values import count, runs, table
from bnviz.values.inference import _gap_curves, collapse_window, first_layer_ratio


def later_mean_fraction(result: Result, index: int) -> np.ndarray:
    """Per seed and later BN layer (all but the first), at recorded step `index`: how far the
    moving mean has caught up, ‖moving mean‖ ÷ ‖re-estimated mean‖."""
    fractions = []
    for run in runs(result, "batch"):
        later = list(run["bn_statistics"].values())[1:]
        fractions.append(
            [
                np.linalg.norm(s["moving_mean"][index]) / np.linalg.norm(s["precise_mean"][index])
                for s in later
            ]
        )
    return np.array(fractions)


def _index(result: Result, which: str) -> int:
    first, last = collapse_window(result)
    index = {"before": first - 1, "start": first, "end": last}[which]
    return max(0, min(index, len(_gap_curves(result)[0]) - 1))


def caught_up(which: str):
    """The later layers' moving means at the step before the collapse, or at its start or end:
    a range over seeds and layers, in % of the real mean, with the step."""

    def render(result: Result) -> str:
        index = _index(result, which)
        f = 100 * later_mean_fraction(result, index)
        step = count(_gap_curves(result)[0][index])
        return f"{f.min():.0f}–{f.max():.0f} % (step {step})"

    return render


def first_std_excess(result: Result) -> str:
    """At the collapse's start: how many times too large the first layer's inference-mode
    standard deviation is (√ of its variance ratio), per seed."""
    ratio = np.sqrt(first_layer_ratio(result, _index(result, "start")))
    return f"{ratio.min():.1f}–{ratio.max():.1f} times"


VALUES = table(
    "mode_gap",
    (
        "gap-later-mean-before",
        caught_up("before"),
        "later BN layers' moving mean ÷ re-estimated mean (norms), the step before the collapse",
    ),
    (
        "gap-later-mean-start",
        caught_up("start"),
        "later BN layers' moving mean ÷ re-estimated mean (norms), at the collapse's first step",
    ),
    (
        "gap-later-mean-end",
        caught_up("end"),
        "later BN layers' moving mean ÷ re-estimated mean (norms), at the collapse's last step",
    ),
    (
        "gap-first-std-excess",
        first_std_excess,
        "first BN layer's moving ÷ real standard deviation at the collapse's first step, per seed",
    ),
)
