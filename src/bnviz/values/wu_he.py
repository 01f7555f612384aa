"""Values of the reproduction of Wu & He's Fig. 1 (batch_size_sweep, reproduce-wu-he.md); see
`bnviz.values`. A difference of accuracies is in percentage points."""

from __future__ import annotations

import numpy as np

from bnviz.claims import finals
from bnviz.results import Result
from bnviz.values import (
    count,
    data_count,
    difference,
    epoch_count,
    pct_range,
    seed_count,
    steps_per_run,
    table,
)


def _sizes(result: Result, upto: int | None = None) -> list[int]:
    """Batch sizes of the sweep (optionally only those up to `upto`)."""
    sizes = [int(b) for b in result.payload["sweep"]]
    return [s for s in sizes if upto is None or s <= upto]


def _finals(result: Result, norm: str, key: str, sizes) -> np.ndarray:
    """Batch size × seed, the last value of `key`."""
    return np.array([finals(result.payload["sweep"][str(s)][norm], key) for s in sizes])


def wuhe_steps(pick):
    """Optimizer steps of one run at the batch size `pick` (min or max) chooses."""
    return lambda r: count(steps_per_run(r, batch_size=pick(_sizes(r))))


def train_accuracy_all(result: Result) -> str:
    """Every run's last-epoch training accuracy (both norms, every batch size and seed)."""
    sizes = _sizes(result)
    acc = [_finals(result, n, "train_accuracy", sizes) for n in ("batch", "group")]
    return pct_range(np.concatenate([a.ravel() for a in acc]))


VALUES = table(
    "batch_size_sweep",
    ("wuhe-n-train", data_count("n_train"), "training images"),
    ("wuhe-n-val", data_count("n_val"), "validation images"),
    ("wuhe-epochs", epoch_count, "epochs per run, at every batch size"),
    ("wuhe-seeds", seed_count, "seeds per batch size and normalization"),
    (
        "wuhe-steps-largest-batch",
        wuhe_steps(max),
        "optimizer steps of one run at the largest batch size",
    ),
    (
        "wuhe-steps-smallest-batch",
        wuhe_steps(min),
        "optimizer steps of one run at the smallest batch size",
    ),
    (
        "wuhe-train-acc-all",
        train_accuracy_all,
        "last-epoch training accuracy of every run: how far two epochs train these networks",
    ),
) + [
    difference(
        "wuhe-bn-train-drop",
        "batch-bn-trains-at-every-size",
        "batch_size_sweep",
        "BN's last-epoch training accuracy (training mode), largest − smallest batch",
    ),
    difference(
        "wuhe-bn-val-drop",
        "batch-bn-small-worse",
        "batch_size_sweep",
        "BN's final validation accuracy (re-estimated), batch 32 − smallest batch",
    ),
]
