"""Claims about depth (the `depth` experiment): plain stacks of 3×3 convolutions
of increasing depth, with and without BN; the stacks without BN at their best
learning rate of three, and a residual stack without BN (SkipInit).

Written on 2026-11-26 after two pilot runs (seed 0, depths 4 and 32) and before
the run that judges them; restated on 2026-12-07 for the learning-rate grid and
the residual stack, before the judging-seed run. The page says so."""

from __future__ import annotations

import numpy as np

from bnviz.claims import REVISED, Claim, Verdict, judged
from bnviz.judging import WITHIN_NOISE, accuracies, values
from bnviz.results import Result

PILOTED = "written after two pilot runs (seed 0, depths 4 and 32), before the run that judges it"
DEPTH_MARGIN = 10.0  # points of training accuracy: "trains" vs "does not"
FLAT_MARGIN = 5.0  # points: "depth costs little"
GRADIENT_RATIO = 10.0  # first ÷ last layer's initial gradient norm: "explodes"


def final_train(result: Result, depth: int, variant: str) -> np.ndarray:
    """Per seed, the last epoch's training accuracy (training mode); for "none", the plain
    stack without BN at the learning rate that did best at this depth (`best_plain`)."""
    if variant == "none":
        variant = best_plain(result, depth)
    runs = result.payload["depths"][str(depth)][variant]
    return np.array([h["train_accuracy"][-1] for h in runs])


def plain_runs(result: Result, depth: int) -> dict[str, float]:
    """The runs of the plain stack without BN at `depth`: run name -> learning rate."""
    base = result.spec["train"]["learning_rate"]
    names = [n for n in result.payload["depths"][str(depth)] if n.startswith("none")]
    return {n: float(n.removeprefix("none_lr")) if n != "none" else base for n in names}


def best_plain(result: Result, depth: int) -> str:
    """The plain stack's run without BN with the highest mean final training accuracy at
    `depth`: chosen on the same seeds, which favours the stack without BN."""
    runs = result.payload["depths"][str(depth)]
    return max(
        plain_runs(result, depth), key=lambda n: np.mean([h["train_accuracy"][-1] for h in runs[n]])
    )


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
                margin,
                **kw,
            )
        ]
    )


def _rate(result: Result, depth: int) -> str:
    lr = plain_runs(result, depth)[best_plain(result, depth)]
    return f"learning rate {lr:g}"


def bn_trains_deepest(result: Result) -> Verdict:
    deepest = extremes(result)[1]
    what = f"at depth {deepest}, with BN − without (its best {_rate(result, deepest)})"
    return _train_difference(result, what, (deepest, "batch"), (deepest, "none"), DEPTH_MARGIN)


def without_bn_degrades(result: Result) -> Verdict:
    low, high = extremes(result)
    what = f"without BN, depth {low} ({_rate(result, low)}) − depth {high} ({_rate(result, high)})"
    return _train_difference(result, what, (low, "none"), (high, "none"), DEPTH_MARGIN)


def residual_trains_deepest(result: Result) -> Verdict:
    deepest = extremes(result)[1]
    what = (
        f"at depth {deepest}, residual (SkipInit) without BN − plain without BN (its best "
        f"{_rate(result, deepest)})"
    )
    return _train_difference(result, what, (deepest, "residual"), (deepest, "none"), DEPTH_MARGIN)


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
        "At the greatest depth the stack with BN ends more than "
        f"{DEPTH_MARGIN:g} points more accurate on its training data than the stack without, "
        "even at the best of three learning rates for the stack without.",
        "depth",
        bn_trains_deepest,
        note=REVISED,
    ),
    Claim(
        "depth-none-degrades",
        "Without BN, depth makes training fail: the deepest stack ends more than "
        f"{DEPTH_MARGIN:g} points less accurate on its training data than the shallowest, each "
        "at its best of three learning rates.",
        "depth",
        without_bn_degrades,
        note=REVISED,
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
        "depth-residual-trains",
        "Without BN, identity shortcuts whose branches start at zero (SkipInit) also train the "
        f"deepest stack: it ends more than {DEPTH_MARGIN:g} points more accurate on its "
        "training data than the plain stack without BN at its best learning rate.",
        "depth",
        residual_trains_deepest,
        source="De & Smith (2020)",
        note=REVISED,
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
        expected=WITHIN_NOISE,
    ),
]
