"""Values of the reproduction of Santurkar et al. (santurkar, reproduce-santurkar.md); see
`bnviz.values`. Accuracies are per-seed ranges."""

from __future__ import annotations

import numpy as np

from bnviz.claims import finals
from bnviz.results import Result
from bnviz.values import (
    count,
    data_count,
    epoch_count,
    num_range,
    pct_range,
    runs,
    seed_count,
    spec_count,
    steps_per_run,
    table,
)


def santurkar_val(variant: str):
    return lambda r: pct_range(finals(runs(r, variant), "val_accuracy"))


def santurkar_loss_ratio(variant: str):
    """Per seed, highest ÷ lowest loss along the gradient, averaged over the measurements."""

    def render(result: Result) -> str:
        ratios = [
            np.mean(np.divide(r["opt_loss_max"], r["opt_loss_min"])) for r in runs(result, variant)
        ]
        return num_range(ratios, 2)

    return render


VALUES = table(
    "santurkar",
    ("santurkar-n-train", data_count("n_train"), "training images"),
    ("santurkar-epochs", epoch_count, "epochs per run"),
    ("santurkar-steps", lambda r: count(steps_per_run(r)), "SGD steps per run"),
    (
        "santurkar-every",
        spec_count("every"),
        "steps between ICS, landscape and percentile measurements",
    ),
    ("santurkar-seeds", seed_count, "seeds (runs per network)"),
    (
        "santurkar-noisy-val",
        santurkar_val("noisy_batch"),
        "final validation accuracy of noisy BN (inference mode, noise off), per seed",
    ),
    (
        "santurkar-bn-val",
        santurkar_val("batch"),
        "final validation accuracy with BN, per seed",
    ),
    (
        "santurkar-loss-ratio-none",
        santurkar_loss_ratio("none"),
        "without BN, highest ÷ lowest loss along the gradient (mean over steps), per seed",
    ),
    (
        "santurkar-loss-ratio-bn",
        santurkar_loss_ratio("batch"),
        "with BN, highest ÷ lowest loss along the gradient (mean over steps), per seed",
    ),
)
