"""Claims of the real-images chapter (slides 9-11)."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, finals, mean_range
from bnviz.results import Result


def bn_ahead_after_first_epoch(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn = np.array([h["val_accuracy"][0] for h in runs["batch"]])
    plain = np.array([h["val_accuracy"][0] for h in runs["none"]])
    return Verdict(
        bool(bn.min() > plain.max()),
        f"validation accuracy after epoch 1: with BN {mean_range(bn)}, without BN "
        f"{mean_range(plain)}.",
    )


def _spread(stds: np.ndarray) -> np.ndarray:
    """Per seed: largest over smallest per-channel standard deviation (dead channels excluded)."""
    ratios = []
    for seed_stds in stds:
        alive = seed_stds[seed_stds > 1e-6]
        ratios.append(alive.max() / alive.min())
    return np.array(ratios)


def bn_channels_more_uniform(result: Result) -> Verdict:
    a = result.arrays
    bn, plain = _spread(a["batch_channel_std"]), _spread(a["none_channel_std"])
    dead = {v: int((a[f"{v}_channel_std"] <= 1e-6).sum()) for v in ("batch", "none")}
    return Verdict(
        bool(bn.max() < plain.min()),
        "largest ÷ smallest per-channel standard deviation of the first block, per seed: with BN "
        f"{', '.join(f'{r:.1f}' for r in bn)}; without BN {', '.join(f'{r:.1f}' for r in plain)} "
        f"(channels that never activate, over all seeds: {dead['batch']} with BN, "
        f"{dead['none']} without).",
    )


def bn_test_accuracy_higher(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn, plain = finals(runs["batch"], "test_accuracy"), finals(runs["none"], "test_accuracy")
    return Verdict(
        bool(bn.min() > plain.max()),
        f"test accuracy (10,000 images): with BN {mean_range(bn)}, without BN {mean_range(plain)}.",
    )


def _gap(runs):
    return finals(runs, "train_accuracy") - finals(runs, "test_accuracy")


def bn_gap_smaller(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn, plain = _gap(runs["batch"]), _gap(runs["none"])
    return Verdict(
        bn.mean() < plain.mean(),
        f"train − test accuracy: with BN {mean_range(bn, unit=' pp')}, without BN "
        f"{mean_range(plain, unit=' pp')}.",
    )


CLAIMS = [
    Claim(
        "fashion-bn-faster",
        "After the first epoch, every seed with BN has a higher validation accuracy than every "
        "seed without.",
        "fashion_cnn",
        bn_ahead_after_first_epoch,
        expected=False,
    ),
    Claim(
        "fm-bn-uniform",
        "With BN, the first block's channels are more alike in scale: the ratio between the "
        "largest and the smallest per-channel standard deviation is smaller for every seed.",
        "fashion_cnn",
        bn_channels_more_uniform,
        expected=False,
    ),
    Claim(
        "gen-bn-test-higher",
        "With BN, every seed's test accuracy is higher than every seed's without BN.",
        "fashion_cnn",
        bn_test_accuracy_higher,
        expected=False,
    ),
    Claim(
        "gen-bn-gap-smaller",
        "BN makes the gap between training and test accuracy smaller.",
        "fashion_cnn",
        bn_gap_smaller,
        expected=False,
    ),
]
