"""Claims of the real-images chapter (slides 9-11)."""

from __future__ import annotations

import numpy as np

from bnviz.claims import (
    REVISED,
    Claim,
    Verdict,
    final_verdict,
    finals,
    judged,
    n_eval,
    seed_outcomes,
    shares_images,
)
from bnviz.judging import ACCURACY_MARGIN as MARGIN
from bnviz.judging import CONTRADICTED, WITHIN_NOISE, Comparison, accuracies, shared_error, values
from bnviz.results import Result

SPREAD_MARGIN = 0.1  # natural-log units: about 10 % of a channel's scale
# points after one epoch: 0.5 lay below what the run resolves (restated 2026-12-07)
EPOCH_MARGIN = 1.0


def bn_ahead_after_first_epoch(result: Result) -> Verdict:
    runs = result.payload["histories"]
    return judged(
        [
            accuracies(
                "validation accuracy after epoch 1, with BN − without",
                [h["val_accuracy"][0] for h in runs["batch"]],
                [h["val_accuracy"][0] for h in runs["none"]],
                EPOCH_MARGIN,
            )
        ]
    )


def log_std_iqr(stds: np.ndarray) -> np.ndarray:
    """Per seed: the interquartile range of the log per-channel standard deviation, over the
    channels that ever activate. Robust: one near-dead channel cannot decide it."""
    spreads = []
    for seed_stds in stds:
        alive = np.log(seed_stds[seed_stds > 1e-6])
        q1, q3 = np.percentile(alive, [25, 75])
        spreads.append(q3 - q1)
    return np.array(spreads)


def bn_channels_more_uniform(result: Result) -> Verdict:
    a = result.arrays
    bn, plain = log_std_iqr(a["batch_channel_std"]), log_std_iqr(a["none_channel_std"])
    dead = {v: int((a[f"{v}_channel_std"] <= 1e-6).sum()) for v in ("batch", "none")}
    return judged(
        [
            values(
                "interquartile range of log per-channel std of the first block, without BN − "
                "with BN",
                plain,
                bn,
                SPREAD_MARGIN,
            )
        ],
        f"Channels that never activate (left out), over all seeds: {dead['batch']} with BN, "
        f"{dead['none']} without.",
    )


def bn_test_accuracy_higher(result: Result) -> Verdict:
    n = n_eval(result, "test")
    what = f"test accuracy ({n:,} images), with BN − without"
    return final_verdict(result, what, "batch", "none", MARGIN, "test", key="test_accuracy")


def _gap(runs):
    return finals(runs, "train_accuracy") - finals(runs, "test_accuracy")


def bn_gap_smaller(result: Result) -> Verdict:
    runs = result.payload["histories"]
    se, df = 0.0, float("inf")
    if shares_images(result, "test"):  # the same test images for every seed: added once
        test = {v: seed_outcomes(result, "histories", v, "test_correct") for v in ("batch", "none")}
        se, df = shared_error(100 * (test["batch"].astype(float) - test["none"]))
    return judged(
        [
            Comparison(
                "train − test accuracy gap, without BN − with BN",
                tuple(100 * (_gap(runs["none"]) - _gap(runs["batch"]))),
                MARGIN,
                se,
                shared_df=df,
            )
        ]
    )


CLAIMS = [
    Claim(
        "fashion-bn-faster",
        f"After the first epoch, the CNN with BN is more than {EPOCH_MARGIN:g} points more "
        "accurate on the validation set than without.",
        "fashion_cnn",
        bn_ahead_after_first_epoch,
        expected=CONTRADICTED,
        source="talk",
        note=REVISED,
    ),
    Claim(
        "fm-bn-uniform",
        "With BN, the first block's channels are more alike in scale: the interquartile range "
        f"of the log per-channel standard deviation is more than {SPREAD_MARGIN:g} smaller.",
        "fashion_cnn",
        bn_channels_more_uniform,
        expected=WITHIN_NOISE,
        source="talk",
        judged_under="full",
    ),
    Claim(
        "gen-bn-test-higher",
        f"With BN the CNN ends more than {MARGIN:g} points more accurate on the test set.",
        "fashion_cnn",
        bn_test_accuracy_higher,
        expected=WITHIN_NOISE,
        source="talk",
        judged_under="full",
    ),
    Claim(
        "gen-bn-gap-smaller",
        f"BN makes the gap between training and test accuracy more than {MARGIN:g} points smaller.",
        "fashion_cnn",
        bn_gap_smaller,
        expected=WITHIN_NOISE,
        source="talk",
        judged_under="full",
    ),
]
