"""Claims about depth (the `depth` experiment): plain stacks of 3×3 convolutions
of increasing depth, with and without BN, at one learning rate.

Written on 2026-11-26 after two pilot runs (seed 0, depths 4 and 32) and before
the run that judges them; the page says so."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, judged, n_eval
from bnviz.judging import WITHIN_NOISE, accuracies, values
from bnviz.results import Result

PILOTED = "written after two pilot runs (seed 0, depths 4 and 32), before the run that judges it"
DEPTH_MARGIN = 10.0  # points of training accuracy: "trains" vs "does not"
FLAT_MARGIN = 5.0  # points: "depth costs little"
GRADIENT_RATIO = 10.0  # first ÷ last layer's initial gradient norm: "explodes"


def final_train(result: Result, depth: int, variant: str) -> np.ndarray:
    """Per seed, the last epoch's training accuracy (training mode)."""
    runs = result.payload["depths"][str(depth)][variant]
    return np.array([h["train_accuracy"][-1] for h in runs])


def extremes(result: Result) -> tuple[int, int]:
    depths = sorted(int(d) for d in result.payload["depths"])
    return depths[0], depths[-1]


def _train_difference(result: Result, what: str, a: tuple, b: tuple, margin, **kw) -> Verdict:
    """Final training accuracy of (depth, variant) `a` minus that of `b`, judged."""
    return judged(
        [
            accuracies(
                f"final training accuracy {what}",
                final_train(result, *a),
                final_train(result, *b),
                n_eval(result, "train"),
                margin,
                **kw,
            )
        ]
    )


def bn_trains_deepest(result: Result) -> Verdict:
    deepest = extremes(result)[1]
    what = f"at depth {deepest}, with BN − without"
    return _train_difference(result, what, (deepest, "batch"), (deepest, "none"), DEPTH_MARGIN)


def without_bn_degrades(result: Result) -> Verdict:
    low, high = extremes(result)
    what = f"without BN, depth {low} − depth {high}"
    return _train_difference(result, what, (low, "none"), (high, "none"), DEPTH_MARGIN)


def with_bn_flat(result: Result) -> Verdict:
    low, high = extremes(result)
    what = f"with BN, depth {high} − depth {low}"
    return _train_difference(
        result, what, (high, "batch"), (low, "batch"), FLAT_MARGIN, kind="within"
    )


def gradient_ratio(result: Result, depth: int, variant: str) -> np.ndarray:
    """Per seed, log10 of the first convolution's initial gradient norm over the
    last one's."""
    runs = result.payload["depths"][str(depth)][variant]
    norms = np.array([h["initial_gradient_norms"] for h in runs])
    return np.log10(norms[:, 0] / norms[:, -1])


def bn_gradients_explode(result: Result) -> Verdict:
    deepest = extremes(result)[1]
    ratio = gradient_ratio(result, deepest, "batch")
    return judged(
        [
            values(
                f"log10(first ÷ last convolution's gradient norm) at initialization, "
                f"with BN, depth {deepest}",
                ratio,
                np.zeros_like(ratio),
                np.log10(GRADIENT_RATIO),
                digits=2,
            )
        ],
        "Without BN: log10 ratio per seed "
        + ", ".join(f"{r:+.2f}" for r in gradient_ratio(result, deepest, "none"))
        + ".",
    )


CLAIMS = [
    Claim(
        "depth-bn-trains-deepest",
        "At the greatest depth, with the same optimizer and learning rate, the stack with BN "
        f"ends more than {DEPTH_MARGIN:g} points more accurate on its training data than the "
        "stack without.",
        "depth",
        bn_trains_deepest,
        note=PILOTED,
    ),
    Claim(
        "depth-none-degrades",
        "Without BN, depth makes training fail: the deepest stack ends more than "
        f"{DEPTH_MARGIN:g} points less accurate on its training data than the shallowest.",
        "depth",
        without_bn_degrades,
        note=PILOTED,
    ),
    Claim(
        "depth-bn-flat",
        "With BN, depth costs little: the deepest stack's final training accuracy is within "
        f"{FLAT_MARGIN:g} points of the shallowest's.",
        "depth",
        with_bn_flat,
        note=PILOTED,
        expected=WITHIN_NOISE,
    ),
    Claim(
        "depth-bn-gradients-explode",
        "At initialization, BN makes the gradients of a deep plain stack grow toward the "
        f"input: in the deepest stack, the first convolution's gradient is more than "
        f"{GRADIENT_RATIO:g}× larger than the last one's.",
        "depth",
        bn_gradients_explode,
        source="Yang et al. (2019)",
        note=PILOTED,
    ),
]
