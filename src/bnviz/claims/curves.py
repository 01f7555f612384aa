"""Claims of the slide-6 chapter (training curves with and without BN)."""

from __future__ import annotations

import numpy as np

from bnviz.claims import (
    PRECISE,
    PRECISE_KEY,
    RE_ESTIMATED,
    Claim,
    Verdict,
    final_verdict,
    judged,
)
from bnviz.judging import ACCURACY_MARGIN as MARGIN
from bnviz.judging import WITHIN_NOISE, accuracies
from bnviz.results import Result


def mean_val_accuracy(runs, key: str = "val_accuracy") -> np.ndarray:
    """Per seed: the validation accuracy averaged over every epoch, i.e. the area under the
    validation curve divided by its length. It counts how soon and how high a curve rises,
    without a target accuracy whose position could decide the outcome."""
    return np.array([np.mean(h[key]) for h in runs])


def bn_learns_faster(result: Result, key: str = "val_accuracy", how: str = "") -> Verdict:
    runs = result.payload["histories"]
    epochs = len(runs["batch"][0]["val_accuracy"])
    return judged(
        [
            accuracies(
                f"validation accuracy averaged over the {epochs} epochs, with BN{how} − without",
                mean_val_accuracy(runs["batch"], key),
                mean_val_accuracy(runs["none"], key),
                MARGIN,
            )
        ]
    )


def bn_final_val_higher(result: Result, key: str = "val_accuracy", how: str = "") -> Verdict:
    what = f"final validation accuracy, with BN{how} − without"
    return final_verdict(result, what, "batch", "none", MARGIN, key=key)


def bn_learns_faster_precise(result: Result) -> Verdict:
    return bn_learns_faster(result, PRECISE_KEY, RE_ESTIMATED)


def bn_final_val_higher_precise(result: Result) -> Verdict:
    return bn_final_val_higher(result, PRECISE_KEY, RE_ESTIMATED)


def moving_averages_lag(result: Result) -> Verdict:
    runs = result.payload["histories"]["batch"]
    first = lambda key: np.array([h[key][0] for h in runs])  # noqa: E731
    return judged(
        [
            accuracies(
                "validation accuracy of the CNN with BN after the first epoch, re-estimated "
                "statistics − moving averages",
                first(PRECISE_KEY),
                first("val_accuracy"),
                MARGIN,
            )
        ]
    )


CLAIMS = [
    Claim(
        "curves-bn-faster",
        "With BN the small CNN learns faster: its validation accuracy averaged over all epochs "
        f"(the area under the validation curve) is more than {MARGIN:g} points higher.",
        "training_curves",
        bn_learns_faster,
        source="talk",
    ),
    Claim(
        "curves-bn-final-higher",
        f"After the last epoch, the CNN with BN is more than {MARGIN:g} points more accurate on "
        "the validation set than without BN.",
        "training_curves",
        bn_final_val_higher,
        source="talk",
    ),
    Claim(
        "curves-moving-lag",
        "After the first epoch, Keras' moving averages still lag behind the network: evaluated "
        "with re-estimated statistics, the CNN with BN is more than "
        f"{MARGIN:g} points more accurate on the validation set.",
        "training_curves",
        moving_averages_lag,
        note=PRECISE,
        expected=WITHIN_NOISE,
        kind="measurement",
    ),
    Claim(
        "curves-bn-faster-precise",
        "Evaluated with re-estimated statistics, the CNN with BN learns faster: its validation "
        f"accuracy averaged over all epochs is more than {MARGIN:g} points higher than without "
        "BN.",
        "training_curves",
        bn_learns_faster_precise,
        source="talk",
        note=PRECISE,
    ),
    Claim(
        "curves-bn-final-higher-precise",
        "Evaluated with re-estimated statistics, the CNN with BN ends more than "
        f"{MARGIN:g} points more accurate on the validation set than without BN.",
        "training_curves",
        bn_final_val_higher_precise,
        source="talk",
        note=PRECISE,
    ),
]
