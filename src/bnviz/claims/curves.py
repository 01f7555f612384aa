"""Claims of the slide-6 chapter (training curves with and without BN)."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, final_verdict, judged, n_eval
from bnviz.judging import ACCURACY_MARGIN as MARGIN
from bnviz.judging import WITHIN_NOISE, accuracies
from bnviz.results import Result


def mean_val_accuracy(runs) -> np.ndarray:
    """Per seed: the validation accuracy averaged over every epoch, i.e. the area under the
    validation curve divided by its length. It counts how soon and how high a curve rises,
    without a target accuracy whose position could decide the outcome."""
    return np.array([np.mean(h["val_accuracy"]) for h in runs])


def bn_learns_faster(result: Result) -> Verdict:
    runs = result.payload["histories"]
    epochs = len(runs["batch"][0]["val_accuracy"])
    return judged(
        [
            accuracies(
                f"validation accuracy averaged over the {epochs} epochs, with BN − without",
                mean_val_accuracy(runs["batch"]),
                mean_val_accuracy(runs["none"]),
                n_eval(result),
                MARGIN,
            )
        ]
    )


def bn_final_val_higher(result: Result) -> Verdict:
    return final_verdict(
        result, "final validation accuracy, with BN − without", "batch", "none", MARGIN
    )


CLAIMS = [
    Claim(
        "curves-bn-faster",
        "With BN the small CNN learns faster: its validation accuracy averaged over all epochs "
        f"(the area under the validation curve) is more than {MARGIN:g} points higher.",
        "training_curves",
        bn_learns_faster,
        expected=WITHIN_NOISE,
        source="talk",
    ),
    Claim(
        "curves-bn-final-higher",
        f"After the last epoch, the CNN with BN is more than {MARGIN:g} points more accurate on "
        "the validation set than without BN.",
        "training_curves",
        bn_final_val_higher,
        expected=WITHIN_NOISE,
        source="talk",
    ),
]
