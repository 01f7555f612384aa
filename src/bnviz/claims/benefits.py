"""Claims of the slide-7 chapter: the benefits the original talk lists, measured."""

from __future__ import annotations

import numpy as np

from bnviz.claims import (
    PRECISE,
    PRECISE_KEY,
    RE_ESTIMATED,
    REDESIGNED,
    REVISED,
    UNRESOLVED,
    Claim,
    Verdict,
    final_accuracies,
    final_verdict,
    finals,
    judged,
)
from bnviz.judging import ACCURACY_MARGIN as MARGIN
from bnviz.judging import (
    CONTRADICTED,
    WITHIN_NOISE,
    Comparison,
    accuracies,
    values,
)
from bnviz.results import Result

CHANCE_LOSS = float(np.log(10))  # a diverged run (loss inf or nan) counts as chance level
# points: "trains" against "does not" at a high learning rate, and the moving averages' lag
# after one epoch at a small one; 0.5 lay below what 3 seeds resolve (restated 2026-12-07)
LR_MARGIN = 10.0


def bn_learns_at_largest_lr(result: Result, key: str = "val_accuracy", how: str = "") -> Verdict:
    sweep = result.payload["sweep"]
    top = max(sweep, key=float)
    runs = sweep[top]
    return judged(
        [
            final_accuracies(
                f"final validation accuracy at learning rate {float(top):g}, with BN{how} − "
                "without",
                runs,
                "batch",
                "none",
                LR_MARGIN,
                key,
            )
        ]
    )


def bn_learns_at_largest_lr_precise(result: Result) -> Verdict:
    return bn_learns_at_largest_lr(result, PRECISE_KEY, RE_ESTIMATED)


def moving_averages_lag_at_small_lr(result: Result) -> Verdict:
    sweep = result.payload["sweep"]
    low = min(sweep, key=float)
    runs = sweep[low]["batch"]
    first = lambda key: np.array([h[key][0] for h in runs])  # noqa: E731
    return judged(
        [
            accuracies(
                f"validation accuracy with BN after the first epoch at learning rate "
                f"{float(low):g}, re-estimated statistics − moving averages",
                first(PRECISE_KEY),
                first("val_accuracy"),
                LR_MARGIN,
            )
        ]
    )


GAP_KEYS = ("train_accuracy_inference_precise", "val_accuracy_inference_precise")


def inference_gap(runs) -> np.ndarray:
    """Per seed, training − validation accuracy after training, both in inference mode with
    re-estimated BN statistics (a network without BN is evaluated as it is)."""
    train, val = (np.array([h[key] for h in runs]) for key in GAP_KEYS)
    return train - val


def bn_shrinks_gap(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn, neither = runs["batch"], runs["neither"]
    # both sets are drawn with each seed: the seed spread holds their sampling noise
    return judged(
        [
            Comparison(
                "train − validation accuracy gap (inference mode, re-estimated statistics), "
                "neither BN nor dropout − BN only",
                tuple(100 * (inference_gap(neither) - inference_gap(bn))),
                MARGIN,
            )
        ]
    )


def dropout_adds_nothing_to_bn(result: Result) -> Verdict:
    return final_verdict(
        result,
        "final validation accuracy (re-estimated statistics), BN only − BN + dropout",
        "batch",
        "both",
        -MARGIN,
        key=PRECISE_KEY,
    )


def bn_better_at_every_lr(result: Result, key: str = "val_accuracy", how: str = "") -> Verdict:
    sweep = result.payload["sweep"]
    return judged(
        [
            final_accuracies(f"lr {float(lr):g}", runs, "batch", "none", MARGIN, key)
            for lr, runs in sweep.items()
        ],
        f"final validation accuracy, with BN{how} − without, by learning rate —",
    )


def bn_better_at_every_lr_precise(result: Result) -> Verdict:
    return bn_better_at_every_lr(result, PRECISE_KEY, RE_ESTIMATED)


def _finite_loss(runs) -> np.ndarray:
    loss = finals(runs, "train_loss")
    return np.where(np.isfinite(loss), loss, CHANCE_LOSS)


def bn_lower_train_loss_everywhere(result: Result) -> Verdict:
    sweep = result.payload["sweep"]
    return judged(
        [
            values(f"lr {float(lr):g}", _finite_loss(runs["none"]), _finite_loss(runs["batch"]))
            for lr, runs in sweep.items()
        ],
        "final training loss, without BN − with BN, by learning rate (a diverged run counts "
        f"as chance level, ln 10 = {CHANCE_LOSS:.2f}) —",
    )


CLAIMS = [
    Claim(
        "lr-bn-higher",
        "BN permits higher learning rates: at the sweep's largest learning rate, the network "
        f"with BN ends more than {LR_MARGIN:g} points more accurate than without.",
        "lr_sweep",
        bn_learns_at_largest_lr,
        source="talk",
        note=REVISED,
    ),
    Claim(
        "bn-regularizes",
        "BN acts as a regularizer: with BN the gap between training and validation accuracy "
        f"(both in inference mode) is more than {MARGIN:g} points smaller than with neither "
        "BN nor dropout.",
        "dropout_vs_bn",
        bn_shrinks_gap,
        expected=CONTRADICTED,
        source="talk",
        note=REDESIGNED,
    ),
    Claim(
        "bn-replaces-dropout",
        "BN can replace dropout: with BN, adding dropout does not help — BN alone ends no more "
        f"than {MARGIN:g} points less accurate on the validation set than BN + dropout.",
        "dropout_vs_bn",
        dropout_adds_nothing_to_bn,
        source="talk",
        kind="measurement",
        note=f"{REVISED}; {UNRESOLVED}",
    ),
    Claim(
        "lr-bn-faster-everywhere",
        "At every learning rate of the sweep, the network with BN ends more than "
        f"{MARGIN:g} points more accurate on the validation set than the one without.",
        "lr_sweep",
        bn_better_at_every_lr,
        expected=WITHIN_NOISE,
        source="folklore",
        judged_under="full",
    ),
    Claim(
        "lr-bn-train-loss-lower",
        "At every learning rate of the sweep, the network with BN ends with a lower training loss "
        "than the one without.",
        "lr_sweep",
        bn_lower_train_loss_everywhere,
    ),
    Claim(
        "lr-moving-lag",
        "At the sweep's smallest learning rate, Keras' moving averages lag behind the network "
        "after the first epoch: evaluated with re-estimated statistics, the network with BN is "
        f"more than {LR_MARGIN:g} points more accurate on the validation set.",
        "lr_sweep",
        moving_averages_lag_at_small_lr,
        note=REVISED,
    ),
    Claim(
        "lr-bn-higher-precise",
        "Evaluated with re-estimated statistics, the network with BN ends more than "
        f"{LR_MARGIN:g} points more accurate than without at the sweep's largest learning rate.",
        "lr_sweep",
        bn_learns_at_largest_lr_precise,
        source="talk",
        note=REVISED,
    ),
    Claim(
        "lr-bn-faster-everywhere-precise",
        "Evaluated with re-estimated statistics, the network with BN ends more than "
        f"{MARGIN:g} points more accurate on the validation set than the one without at every "
        "learning rate of the sweep.",
        "lr_sweep",
        bn_better_at_every_lr_precise,
        source="folklore",
        note=PRECISE,
        expected=WITHIN_NOISE,
        judged_under="full",
    ),
]
