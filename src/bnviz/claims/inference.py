"""Claims of the slide-8 chapter: BN at inference time."""

from __future__ import annotations

import numpy as np

from bnviz.claims import (
    PRECISE,
    PRECISE_KEY,
    REDESIGNED,
    UNRESOLVED,
    Claim,
    Verdict,
    checked,
    final_verdict,
    judged,
)
from bnviz.judging import ACCURACY_MARGIN as MARGIN
from bnviz.judging import WITHIN_NOISE, Comparison, accuracies
from bnviz.results import Result

EARLY_STEP = 10
EARLY_GAP = 10.0  # percentage points: "much less accurate in inference mode"
LATE_GAP = 1.0  # percentage points: "the two modes agree"
COLLAPSE_STEP = 100  # inside the steps (50–200) where inference mode fell to chance before


def _index(steps, step: int) -> int:
    """The last recorded step at or before `step` (the first one if none is)."""
    return max([j for j, s in enumerate(steps) if s <= step] or [0])


def mode_gap_at(result: Result, step: int | None, margin: float, kind: str) -> Comparison:
    """Training-mode minus inference-mode accuracy at `step` (None: the last measurement),
    both measured on the same `probe_size` validation images (drawn with each seed's split:
    the seed spread holds their sampling noise)."""
    runs = result.payload["histories"]["batch"]
    steps = runs[0]["gap_steps"]
    i = -1 if step is None else _index(steps, step)
    train = np.array([r["train_mode_accuracy"][i] for r in runs])
    infer = np.array([r["inference_mode_accuracy"][i] for r in runs])
    return accuracies(
        f"accuracy at step {steps[i]}, training mode − inference mode", train, infer, margin, kind
    )


def early_gap_large(result: Result) -> Verdict:
    return judged([mode_gap_at(result, EARLY_STEP, EARLY_GAP, "greater")])


def late_gap_small(result: Result) -> Verdict:
    return judged([mode_gap_at(result, None, LATE_GAP, "within")])


def precise_closes_collapse(result: Result) -> Verdict:
    runs = result.payload["histories"]["batch"]
    steps = runs[0]["gap_steps"]
    i = _index(steps, COLLAPSE_STEP)
    precise = np.array([r["precise_inference_mode_accuracy"][i] for r in runs])
    moving = np.array([r["inference_mode_accuracy"][i] for r in runs])
    what = f"inference-mode accuracy at step {steps[i]}, re-estimated statistics − moving averages"
    return judged([accuracies(what, precise, moving, EARLY_GAP)])


def frozen_stats_fixed(result: Result) -> Verdict:
    runs = result.payload["histories"]
    frozen = [r["max_moving_mean_change"] for r in runs["bn_frozen"]]
    trainable = [r["max_moving_mean_change"] for r in runs["bn_trainable"]]
    return checked(
        max(frozen) == 0.0 and min(trainable) > 0.0,
        f"largest change of a BN moving mean during fine-tuning: frozen {max(frozen):.3g}, "
        f"trainable {min(trainable):.3g}–{max(trainable):.3g}.",
    )


def trainable_bn_adapts_better(result: Result, key: str = "val_accuracy", how: str = "") -> Verdict:
    what = f"validation accuracy on inverted digits after fine-tuning{how}, BN trainable − frozen"
    return final_verdict(result, what, "bn_trainable", "bn_frozen", MARGIN, key=key)


def trainable_bn_adapts_better_precise(result: Result) -> Verdict:
    return trainable_bn_adapts_better(result, PRECISE_KEY, " (both re-estimated)")


CLAIMS = [
    Claim(
        "mode-gap-early",
        f"Early in training (step {EARLY_STEP}), the network is more than {EARLY_GAP:g} points "
        "less accurate in inference mode than in training mode.",
        "mode_gap",
        early_gap_large,
        expected=WITHIN_NOISE,
    ),
    Claim(
        "mode-gap-late",
        f"By the end of training, inference mode and training mode agree within {LATE_GAP:g} "
        "percentage point.",
        "mode_gap",
        late_gap_small,
    ),
    Claim(
        "finetune-frozen-stats",
        "With `trainable = False`, fine-tuning leaves every BN moving mean exactly unchanged; "
        "with trainable BN layers they move (Keras 3's documented behaviour).",
        "finetune_pitfall",
        frozen_stats_fixed,
        kind="check",
    ),
    Claim(
        "finetune-trainable-better",
        "On shifted data, fine-tuning with trainable BN layers ends more than "
        f"{MARGIN:g} points more accurate than with frozen ones.",
        "finetune_pitfall",
        trainable_bn_adapts_better,
        source="folklore",
        kind="measurement",
        note=f"{REDESIGNED}; {UNRESOLVED}",
    ),
    Claim(
        "finetune-trainable-better-precise",
        "With every BN layer's statistics re-estimated on the shifted images before evaluation, "
        "fine-tuning with trainable BN layers ends more than "
        f"{MARGIN:g} points more accurate than with frozen ones.",
        "finetune_pitfall",
        trainable_bn_adapts_better_precise,
        source="folklore",
        note=PRECISE,
    ),
    Claim(
        "mode-gap-precise-closes",
        f"At step {COLLAPSE_STEP}, inference mode with re-estimated statistics is more than "
        f"{EARLY_GAP:g} points more accurate than with Keras' moving averages.",
        "mode_gap",
        precise_closes_collapse,
        note=PRECISE,
    ),
]
