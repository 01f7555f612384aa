"""Claims of the slide-8 chapter: BN at inference time."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, finals, mean_range
from bnviz.results import Result

EARLY_STEP = 10


def _gaps(result: Result) -> tuple[list[int], np.ndarray]:
    runs = result.payload["histories"]["batch"]
    steps = runs[0]["gap_steps"]
    gaps = np.array(
        [np.subtract(r["train_mode_accuracy"], r["inference_mode_accuracy"]) for r in runs]
    )
    return steps, gaps * 100  # (seeds, steps), percentage points


def early_gap_large(result: Result) -> Verdict:
    steps, gaps = _gaps(result)
    i = steps.index(EARLY_STEP)
    return Verdict(
        bool(gaps[:, i].min() > 10),
        f"training-mode minus inference-mode accuracy at step {EARLY_STEP}, per seed: "
        f"{', '.join(f'{g:.1f}' for g in gaps[:, i])} percentage points.",
    )


def late_gap_small(result: Result) -> Verdict:
    steps, gaps = _gaps(result)
    return Verdict(
        bool(np.abs(gaps[:, -1]).max() < 1),
        f"training-mode minus inference-mode accuracy at step {steps[-1]}, per seed: "
        f"{', '.join(f'{g:.1f}' for g in gaps[:, -1])} percentage points.",
    )


def frozen_stats_fixed(result: Result) -> Verdict:
    runs = result.payload["histories"]
    frozen = [r["max_moving_mean_change"] for r in runs["bn_frozen"]]
    trainable = [r["max_moving_mean_change"] for r in runs["bn_trainable"]]
    return Verdict(
        max(frozen) == 0.0 and min(trainable) > 0.0,
        f"largest change of a BN moving mean during fine-tuning: frozen {max(frozen):.3g}, "
        f"trainable {min(trainable):.3g}–{max(trainable):.3g}.",
    )


def trainable_bn_adapts_better(result: Result) -> Verdict:
    runs = result.payload["histories"]
    frozen = finals(runs["bn_frozen"], "val_accuracy")
    trainable = finals(runs["bn_trainable"], "val_accuracy")
    return Verdict(
        trainable.mean() > frozen.mean(),
        f"validation accuracy on inverted digits after fine-tuning: BN trainable "
        f"{mean_range(trainable)}, BN frozen {mean_range(frozen)}.",
    )


CLAIMS = [
    Claim(
        "mode-gap-early",
        f"Early in training (step {EARLY_STEP}), the network is more than 10 points less "
        "accurate in inference mode than in training mode.",
        "mode_gap",
        early_gap_large,
    ),
    Claim(
        "mode-gap-late",
        "By the end of training, inference mode and training mode agree within 1 percentage point.",
        "mode_gap",
        late_gap_small,
    ),
    Claim(
        "finetune-frozen-stats",
        "With `trainable = False`, fine-tuning leaves every BN moving mean exactly unchanged; "
        "with trainable BN layers they move.",
        "finetune_pitfall",
        frozen_stats_fixed,
    ),
    Claim(
        "finetune-trainable-better",
        "On the shifted data, fine-tuning with trainable BN layers ends more accurate than with "
        "frozen ones.",
        "finetune_pitfall",
        trainable_bn_adapts_better,
        expected=False,
    ),
]
