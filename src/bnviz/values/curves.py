"""Values of the training-curves chapter (training_curves: learning curves with and without BN);
see `bnviz.values`."""

from __future__ import annotations

import numpy as np

from bnviz.claims.curves import mean_val_accuracy
from bnviz.results import Result
from bnviz.values import (
    Value,
    data_count,
    difference,
    epoch_count,
    epoch_steps,
    num_range,
    pct_range,
    runs,
    seed_count,
    spec_count,
    table,
)


def curve(r: Result, variant: str, key: str) -> np.ndarray:
    """(seeds, epochs) array of one history key."""
    return np.array([h[key] for h in runs(r, variant)])


def after_first_epoch(variant: str, key: str, fmt=pct_range):
    """Per-seed range of `key` after the first epoch."""

    def render(r: Result) -> str:
        return fmt(curve(r, variant, key)[:, 0])

    return render


def mean_val(variant: str, key: str = "val_accuracy"):
    """Per seed: validation accuracy averaged over the epochs (as `curves-bn-faster` judges)."""

    def render(r: Result) -> str:
        return pct_range(mean_val_accuracy(runs(r, variant), key))

    return render


def val_ahead_from(r: Result) -> str:
    """First epoch from which the mean validation accuracy with BN stays above without."""
    ahead = curve(r, "batch", "val_accuracy").mean(0) > curve(r, "none", "val_accuracy").mean(0)
    if not ahead[-1]:
        return "never"
    behind = np.flatnonzero(~ahead)
    return str(int(behind[-1]) + 2 if behind.size else 1)


def best_val_epoch(r: Result) -> int:
    """Epoch (1-based) of the lowest mean validation loss with BN, evaluated with re-estimated
    statistics (the moving averages inflate the early losses)."""
    return int(np.argmin(curve(r, "batch", "val_loss_precise").mean(0))) + 1


def train_loss_at_best(variant: str):
    def render(r: Result) -> str:
        return num_range(curve(r, variant, "train_loss")[:, best_val_epoch(r) - 1], 3)

    return render


VALUES = table(  # training-curves.md, index.md, benefits.md
    "training_curves",
    (
        "curves-first-val-loss-bn-precise",
        after_first_epoch("batch", "val_loss_precise", num_range),
        "validation loss after epoch 1 with BN, re-estimated statistics, per-seed range",
    ),
    (
        "curves-first-val-acc-bn-precise",
        after_first_epoch("batch", "val_accuracy_precise"),
        "validation accuracy after epoch 1 with BN, re-estimated statistics, per-seed range",
    ),
    (
        "curves-mean-val-bn-precise",
        mean_val("batch", "val_accuracy_precise"),
        "validation accuracy with BN (re-estimated statistics) averaged over the epochs, "
        "per-seed range",
    ),
    ("curves-seeds", seed_count, "seeds of the training-curves comparison"),
    ("curves-epochs", epoch_count, "epochs of the training-curves runs"),
    ("curves-n-train", data_count("n_train"), "training images of each training-curves run"),
    (
        "curves-steps-per-epoch",
        epoch_steps,
        "optimizer steps in one epoch of the small CNN",
    ),
    (
        "curves-train-acc-first-bn",
        after_first_epoch("batch", "train_accuracy"),
        "training accuracy after epoch 1 with BN, per-seed range",
    ),
    (
        "curves-train-acc-first-none",
        after_first_epoch("none", "train_accuracy"),
        "training accuracy after epoch 1 without BN, per-seed range",
    ),
    (
        "curves-val-ahead-from",
        val_ahead_from,
        "first epoch from which the seed-mean validation accuracy with BN stays above without",
    ),
    (
        "curves-first-val-loss-bn",
        after_first_epoch("batch", "val_loss", num_range),
        "validation loss after epoch 1 with BN, per-seed range",
    ),
    (
        "curves-first-val-loss-none",
        after_first_epoch("none", "val_loss", num_range),
        "validation loss after epoch 1 without BN, per-seed range",
    ),
    (
        "curves-first-val-acc-bn",
        after_first_epoch("batch", "val_accuracy"),
        "validation accuracy after epoch 1 with BN, per-seed range",
    ),
    (
        "curves-first-val-acc-none",
        after_first_epoch("none", "val_accuracy"),
        "validation accuracy after epoch 1 without BN, per-seed range",
    ),
    (
        "curves-best-val-epoch",
        lambda r: str(best_val_epoch(r)),
        "epoch of the lowest seed-mean validation loss with BN (re-estimated statistics)",
    ),
    (
        "curves-train-loss-at-best-bn",
        train_loss_at_best("batch"),
        "training loss with BN at the epoch of its lowest validation loss, per-seed range",
    ),
    (
        "curves-train-loss-at-best-none",
        train_loss_at_best("none"),
        "training loss without BN at the epoch where BN's validation loss is lowest, per seed",
    ),
    (
        "curves-mean-val-bn",
        mean_val("batch"),
        "validation accuracy with BN averaged over the epochs, per-seed range",
    ),
    (
        "curves-mean-val-none",
        mean_val("none"),
        "validation accuracy without BN averaged over the epochs, per-seed range",
    ),
)

LATER = [  # sizes and claim differences quoted next to the boxes
    Value(
        "curves-n-val",
        "training_curves",
        data_count("n_val"),
        "validation images of each training-curves run",
        setting=True,
    ),
    difference(  # training-curves.md
        "curves-faster-difference",
        "curves-bn-faster",
        "training_curves",
        "validation accuracy averaged over the epochs, with BN − without, per seed",
    ),
    difference(
        "curves-final-difference",
        "curves-bn-final-higher",
        "training_curves",
        "final validation accuracy, with BN − without, per seed",
    ),
    difference(
        "curves-lag-difference",
        "curves-moving-lag",
        "training_curves",
        "validation accuracy with BN after epoch 1, re-estimated − moving averages, per seed",
    ),
    difference(
        "curves-faster-precise-difference",
        "curves-bn-faster-precise",
        "training_curves",
        "validation accuracy averaged over the epochs, BN re-estimated − without, per seed",
    ),
    Value(
        "curves-precise-samples",
        "training_curves",
        spec_count("precise_samples"),
        "training images BN's statistics are re-estimated over after each epoch",
        setting=True,
    ),
]

VALUES = [*VALUES, *LATER]
