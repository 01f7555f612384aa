"""Claims of the reproduction of Ioffe & Szegedy (2015), Fig. 1, checked on our runs."""

from __future__ import annotations

import numpy as np

from bnviz.analysis import percentile_drift
from bnviz.claims import (
    ADDED,
    Claim,
    Verdict,
    checked,
    judged,
)
from bnviz.judging import ACCURACY_MARGIN as MARGIN
from bnviz.judging import WITHIN_NOISE, accuracies
from bnviz.results import Result

EARLY = 0.05  # "early in training": the first 5% of the steps


def _curves(runs, keep=None) -> np.ndarray:
    """Per seed, the test accuracy at each evaluation (optionally only those in `keep`)."""
    acc = np.array([r["test_accuracy"] for r in runs])
    return acc if keep is None else acc[:, keep]


def _compare(result: Result, what: str, a, b) -> Verdict:
    """Per seed, test accuracy `a` − `b`, judged against MARGIN (the 5,000-digit subset's test
    split is drawn with each seed: the seed spread holds its sampling noise)."""
    return judged([accuracies(what, a, b, MARGIN)])


def ioffe_bn_faster(result: Result) -> Verdict:
    h = result.payload["histories"]
    what = "test accuracy averaged over every evaluation of the run (area under the test curve)"
    mean = {v: _curves(h[v]).mean(axis=1) for v in ("batch", "none")}
    return _compare(result, f"{what}, with BN − without", mean["batch"], mean["none"])


def ioffe_bn_ahead_early(result: Result) -> Verdict:
    h, last = result.payload["histories"], result.spec["steps"]
    steps = np.asarray(h["batch"][0]["test_steps"])
    # the evaluations in the first EARLY of the run, and at least the first one after step 0
    early = (steps > 0) & (steps <= max(EARLY * last, steps[steps > 0].min()))
    what = (
        f"test accuracy averaged over the evaluations in the first {EARLY:.0%} of "
        f"training (steps {steps[early][0]:,}–{steps[early][-1]:,}), with BN − without"
    )
    mean = {v: _curves(h[v], early).mean(axis=1) for v in ("batch", "none")}
    return _compare(result, what, mean["batch"], mean["none"])


def ioffe_bn_faster_at_higher_lr(result: Result) -> Verdict:
    """BN at `bn_lr_scale` times the rate chosen for the network without BN, against BN at
    that rate: the paper's "BN permits higher learning rates"."""
    h, higher = result.payload["histories"], result.payload["higher_lr"]
    what = (
        "test accuracy of the MLP with BN averaged over every evaluation of the run, "
        f"learning rate {higher['learning_rate']:g} ({result.spec['bn_lr_scale']:g}×) − "
        f"{result.payload['learning_rate']:g}"
    )
    return _compare(
        result, what, _curves(higher["batch"]).mean(axis=1), _curves(h["batch"]).mean(axis=1)
    )


def ioffe_bn_higher(result: Result) -> Verdict:
    h = result.payload["histories"]
    what = f"test accuracy after {result.spec['steps']:,} steps, with BN − without"
    return _compare(result, what, _curves(h["batch"])[:, -1], _curves(h["none"])[:, -1])


def ioffe_stable_inputs(result: Result) -> Verdict:
    # median over the 100 units of each seed's per-unit drift
    drift = {
        v: np.median(percentile_drift(result.arrays[f"{v}_percentiles"]), axis=-1)
        for v in ("none", "batch")
    }
    return checked(
        bool(drift["batch"].max() < drift["none"].min()),
        "median over the 100 units of how far a unit's 15th/50th/85th percentiles move during "
        f"training, per seed: with BN {', '.join(f'{d:.2f}' for d in drift['batch'])}; "
        f"without BN {', '.join(f'{d:.2f}' for d in drift['none'])} (sigmoid-input units).",
    )


CLAIMS = [
    Claim(
        "ioffe-bn-faster",
        "With BN the sigmoid MLP learns faster: its test accuracy averaged over the whole run "
        f"(the area under the test curve) is more than {MARGIN:g} points higher.",
        "ioffe_fig1",
        ioffe_bn_faster,
        expected=WITHIN_NOISE,
        source="Ioffe & Szegedy (2015)",
        judged_under="full",
    ),
    Claim(
        "ioffe-bn-ahead-early",
        f"In the first {EARLY:.0%} of training, the sigmoid MLP with BN is more than "
        f"{MARGIN:g} points more accurate on the test set (averaged over those evaluations).",
        "ioffe_fig1",
        ioffe_bn_ahead_early,
        source="Ioffe & Szegedy (2015)",
        judged_under="full",
    ),
    Claim(
        "ioffe-bn-higher",
        f"With BN the sigmoid MLP ends more than {MARGIN:g} points more accurate on the test set.",
        "ioffe_fig1",
        ioffe_bn_higher,
        expected=WITHIN_NOISE,
        source="Ioffe & Szegedy (2015)",
        judged_under="full",
    ),
    Claim(
        "ioffe-stable-inputs",
        "With BN the last hidden layer's sigmoid inputs are BN's output, normalized per batch by "
        "construction, so their distribution keeps more stable over training (every seed, median "
        "over all 100 units). This verifies the probe, not a property BN could lack.",
        "ioffe_fig1",
        ioffe_stable_inputs,
        kind="check",
    ),
    Claim(
        "ioffe-bn-higher-lr",
        "BN permits a higher learning rate: at 5× the rate chosen for the network without BN, "
        "the MLP with BN learns faster (test accuracy averaged over the run is more than "
        f"{MARGIN:g} points higher) than at the chosen rate.",
        "ioffe_fig1",
        ioffe_bn_faster_at_higher_lr,
        source="Ioffe & Szegedy (2015)",
        note=ADDED,
        expected=WITHIN_NOISE,
        judged_under="full",
    ),
]
