"""Values of the chapters on real images: Fashion-MNIST with and without BN (fashion_cnn,
real-images.md) and style transfer (style_transfer, style-transfer.md); see `bnviz.values`.
Accuracies are per-seed ranges unless a value says "mean"; a difference of accuracies is in
percentage points."""

from __future__ import annotations

import numpy as np

from bnviz.claims import finals
from bnviz.results import Result
from bnviz.values import data_count, num_range, pct_range, runs, spec_count, table

SMALL_CHANNEL = 0.1  # a channel's std below this fraction of its network's median: "very small"
LAST_RECORDS = 5  # style losses are averaged over the last records, as in the style claim


def points(x: float) -> str:
    """A signed difference of fractions in percentage points: 0.0031 -> '+0.3 points'."""
    return f"{100 * x:+.1f} points".replace("-", "−")


def plural(n: int, noun: str) -> str:
    """(1, 'seed') -> '1 seed'; (3, 'seed') -> '3 seeds'."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


# --- Fashion-MNIST with and without BN (fashion_cnn) -------------------------------------------


def epoch1_val_both(result: Result) -> str:
    """Per seed and variant, the validation accuracy after the first epoch."""
    return pct_range([h["val_accuracy"][0] for v in ("batch", "none") for h in runs(result, v)])


def epoch1_val_lead(result: Result) -> str:
    """Mean over seeds of BN's validation accuracy after epoch 1 minus that without BN."""
    bn, plain = ([h["val_accuracy"][0] for h in runs(result, v)] for v in ("batch", "none"))
    return points(np.mean(bn) - np.mean(plain))


def epoch1_loss(result: Result, variant: str) -> str:
    return num_range([h["train_loss"][0] for h in runs(result, variant)], 3)


def std_ratio(result: Result) -> str:
    """Per seed, the median channel's std with BN over the median channel's std without."""
    a = result.arrays
    ratios = np.median(a["batch_channel_std"], axis=1) / np.median(a["none_channel_std"], axis=1)
    digits = 0 if ratios.min() >= 10 else 1
    low, high = (f"{x:.{digits}f}" for x in (ratios.min(), ratios.max()))
    return (low if low == high else f"{low}–{high}") + " times"


def small_channels(result: Result) -> str:
    """With BN: channels whose std is below SMALL_CHANNEL × the median channel's, by seed."""
    stds = result.arrays["batch_channel_std"]
    per_seed = (stds < SMALL_CHANNEL * np.median(stds, axis=1, keepdims=True)).sum(axis=1)
    hit = per_seed[per_seed > 0]
    if not hit.size:
        return f"no channel on any of the {len(per_seed)} seeds"
    n = f"{hit.min()}" if hit.min() == hit.max() else f"{hit.min()}–{hit.max()}"
    channels = f"{n} channel" + ("" if hit.max() == 1 else "s")
    return f"{channels} on {hit.size} of {plural(len(per_seed), 'seed')}"


def accuracy_on_test(result: Result, variant: str) -> str:
    return pct_range(finals(runs(result, variant), "test_accuracy"))


def train_test_gap(result: Result, variant: str) -> str:
    """Mean over seeds of last-epoch training accuracy minus test accuracy."""
    histories = runs(result, variant)
    return points(np.mean(finals(histories, "train_accuracy") - finals(histories, "test_accuracy")))


# --- style transfer (style_transfer) -----------------------------------------------------------


def _loss(result: Result, variant: str, key: str) -> np.ndarray:
    """Per seed × record, one loss of one variant."""
    return np.array([r[key] for r in runs(result, variant)])


def final_style_loss(result: Result, variant: str) -> str:
    """Per seed, the style loss averaged over the last records."""
    return num_range(_loss(result, variant, "style_loss")[:, -LAST_RECORDS:].mean(axis=1), 3)


def content_lower_share(result: Result) -> str:
    """Records at which Instance Norm's seed-mean content loss is below BN's."""
    inorm, bn = (_loss(result, v, "content_loss").mean(axis=0) for v in ("instance", "batch"))
    return f"{int((inorm < bn).sum())} of the {bn.size}"


FASHION = table(  # real-images.md
    "fashion_cnn",
    ("fashion-seeds", lambda r: plural(len(r.spec["seeds"]), "seed"), "seeds of each variant"),
    ("fashion-n-train", data_count("n_train"), "training images"),
    ("fashion-epochs", lambda r: plural(r.spec["train"]["epochs"], "epoch"), "training epochs"),
    (
        "fashion-epoch1-val",
        epoch1_val_both,
        "validation accuracy after the first epoch, per seed, both variants",
    ),
    (
        "fashion-epoch1-lead",
        epoch1_val_lead,
        "validation accuracy after the first epoch, with BN − without, mean over seeds",
    ),
    (
        "fashion-epoch1-loss-bn",
        lambda r: epoch1_loss(r, "batch"),
        "training loss of the first epoch with BN, per seed",
    ),
    (
        "fashion-epoch1-loss-none",
        lambda r: epoch1_loss(r, "none"),
        "training loss of the first epoch without BN, per seed",
    ),
    (
        "fashion-std-ratio",
        std_ratio,
        "median first-block channel std with BN ÷ without, per seed",
    ),
    (
        "fashion-small-channels",
        small_channels,
        f"first-block channels with BN whose std is below {SMALL_CHANNEL:g} × the median channel's",
    ),
    ("fashion-test-bn", lambda r: accuracy_on_test(r, "batch"), "test accuracy with BN, per seed"),
    (
        "fashion-test-none",
        lambda r: accuracy_on_test(r, "none"),
        "test accuracy without BN, per seed",
    ),
    (
        "fashion-gap-bn",
        lambda r: train_test_gap(r, "batch"),
        "last-epoch training − test accuracy with BN, mean over seeds",
    ),
    (
        "fashion-gap-none",
        lambda r: train_test_gap(r, "none"),
        "last-epoch training − test accuracy without BN, mean over seeds",
    ),
)

STYLE = table(  # style-transfer.md
    "style_transfer",
    ("style-steps", spec_count("steps"), "training steps of each stylization network"),
    (
        "style-loss-instance",
        lambda r: final_style_loss(r, "instance"),
        f"style loss with Instance Norm, mean of the last {LAST_RECORDS} records, per seed",
    ),
    (
        "style-loss-bn",
        lambda r: final_style_loss(r, "batch"),
        f"style loss with BN, mean of the last {LAST_RECORDS} records, per seed",
    ),
    (
        "style-content-lower",
        content_lower_share,
        "recorded steps at which the content loss (seed mean) is lower with Instance Norm",
    ),
)

VALUES = [*FASHION, *STYLE]
