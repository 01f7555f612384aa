"""Claims about BN's cost in time (bn_overhead): Keras' BN in training and inference, BN on the
fused kernel, and BN folded away for inference. Timings are paired by repeat; there are no
seeds, so the spread over repeats is the whole error."""

from __future__ import annotations

import numpy as np

from bnviz.claims import ADDED, SHOWN_AFTER, UNRESOLVED, Claim, Verdict, described, judged
from bnviz.judging import CONTRADICTED, WITHIN_NOISE, Comparison
from bnviz.results import Result

OVERHEAD_MARGIN = 10.0  # percent: "BN costs time" means at least this much slower
FOLDED_MARGIN = 2.0  # percent: "costs nothing" means within this much of no BN
TARGET = 25.0  # percent: the overhead an exact BN layer should stay under (issue 14)


def _ratio(result: Result, a: str, b: str, kind: str) -> np.ndarray:
    """Per repeat, time of `a` ÷ time of `b` − 1, in percent."""
    t = result.payload["timings"]
    return 100 * (np.divide(t[a][kind], t[b][kind]) - 1)


def _percent(
    what: str, diffs, margin: float = OVERHEAD_MARGIN, kind: str = "greater", context: str = ""
) -> Verdict:
    """Judge per-repeat percentages (no seeds: the repeats' spread is the error)."""
    comparison = Comparison(what, tuple(diffs), margin, kind=kind, unit=" %", pairs="repeat")
    return judged([comparison], context)


def bn_training_step_slower(result: Result) -> Verdict:
    infer = _ratio(result, "batch", "none", "inference_s")
    return _percent(
        "training step with BN ÷ without − 1, per repeat",
        _ratio(result, "batch", "none", "train_step_s"),
        context=f"Inference batch with BN ÷ without − 1: median {np.median(infer):+.0f} % "
        f"({result.provenance['hardware']['cpu']}; repeats pair the timings, no seeds).",
    )


def fused_faster(result: Result) -> Verdict:
    return _percent(
        "training step with Keras' BN ÷ with BN on the fused kernel − 1, per repeat",
        _ratio(result, "batch", "batch_fused", "train_step_s"),
    )


def onepass_faster(result: Result) -> Verdict:
    return _percent(
        "training step with Keras' BN ÷ with one-pass BN − 1, per repeat",
        _ratio(result, "batch", "batch_onepass", "train_step_s"),
    )


def onepass_under_target(result: Result) -> Verdict:
    overhead = _ratio(result, "batch_onepass", "none", "train_step_s")
    return _percent(
        f"{TARGET:g} % − (training step with one-pass BN ÷ without BN − 1), per repeat",
        TARGET - overhead,
        0.0,
    )


def floor_slower(result: Result) -> Verdict:
    floor = result.payload["memory_floor_s"] / result.payload["median"]["none"]["train_step_s"]
    return _percent(
        "training step with a scale and shift at BN's places ÷ without BN − 1, per repeat",
        _ratio(result, "affine", "none", "train_step_s"),
        context=f"Memory-traffic floor (8 passes over every BN input): {100 * floor:+.1f} % "
        "of a step without BN.",
    )


def folding_gain(result: Result) -> Verdict:
    comparison = Comparison(
        "inference batch with Keras' BN ÷ with BN folded − 1, per repeat",
        tuple(_ratio(result, "batch", "batch_folded", "inference_s")),
        unit=" %",
        pairs="repeat",
    )
    return described([comparison])


def folded_free(result: Result) -> Verdict:
    return _percent(
        "inference batch with BN folded ÷ without BN − 1, per repeat",
        _ratio(result, "batch_folded", "none", "inference_s"),
        FOLDED_MARGIN,
        kind="within",
    )


CLAIMS = [
    Claim(
        "overhead-train",
        f"A training step with BN takes more than {OVERHEAD_MARGIN:g} % longer than the same "
        "step without it.",
        "bn_overhead",
        bn_training_step_slower,
    ),
    Claim(
        "overhead-fused-train",
        "On TensorFlow's fused kernel, a training step with BN is more than "
        f"{OVERHEAD_MARGIN:g} % faster than with Keras' BatchNormalization layer.",
        "bn_overhead",
        fused_faster,
        note=ADDED,
        expected=CONTRADICTED,
        repeats="timing runs",
    ),
    Claim(
        "overhead-onepass-train",
        "With its statistics computed in one pass and a hand-written backward pass, a training "
        f"step with BN is more than {OVERHEAD_MARGIN:g} % faster than with Keras' "
        "BatchNormalization layer.",
        "bn_overhead",
        onepass_faster,
        note=ADDED,
        expected=WITHIN_NOISE,
    ),
    Claim(
        "overhead-onepass-target",
        f"With one-pass BN, a training step takes less than {TARGET:g} % longer than without BN.",
        "bn_overhead",
        onepass_under_target,
        note=ADDED,
        expected=WITHIN_NOISE,
        judged_under="full",
    ),
    Claim(
        "overhead-floor",
        "BN's per-element work alone — a per-channel scale and shift at its places, with no "
        f"statistics — makes a training step more than {OVERHEAD_MARGIN:g} % slower.",
        "bn_overhead",
        floor_slower,
        kind="measurement",
        note=f"{ADDED}; {UNRESOLVED}",
    ),
    Claim(
        "overhead-folded-inference",
        "Folded into the layers before it, BN costs nothing at inference: an inference batch "
        f"takes within {FOLDED_MARGIN:g} % of the time of the network without BN.",
        "bn_overhead",
        folded_free,
        note=ADDED,
        expected=WITHIN_NOISE,
        judged_under="full",
    ),
    Claim(
        "overhead-folding-gain",
        "Folding BN into the layer before it makes an inference batch faster than Keras' BN layer.",
        "bn_overhead",
        folding_gain,
        kind="measurement",
        note=SHOWN_AFTER,
        repeats="timing runs",
    ),
]
