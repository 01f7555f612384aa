"""Values of the reproduction of Wu & He's Fig. 1 (batch_size_sweep, reproduce-wu-he.md); see
`bnviz.values`. A difference of accuracies is in percentage points."""

from __future__ import annotations

import numpy as np

from bnviz.claims import finals
from bnviz.literature import WU_HE_FIG1
from bnviz.results import Result
from bnviz.values import (
    count,
    data_count,
    epoch_count,
    num_range,
    seed_count,
    steps_per_run,
    table,
)


def points_range(xs) -> str:
    """Fractions -> their range in percentage points: '1.4–2.1 points'."""
    return num_range(100 * np.asarray(xs), 1) + " points"


def _sizes(result: Result, upto: int | None = None) -> list[int]:
    """Batch sizes of the sweep (optionally only those up to `upto`)."""
    sizes = [int(b) for b in result.payload["sweep"]]
    return [s for s in sizes if upto is None or s <= upto]


def _finals(result: Result, norm: str, key: str, sizes) -> np.ndarray:
    """Batch size × seed, the last value of `key`."""
    return np.array([finals(result.payload["sweep"][str(s)][norm], key) for s in sizes])


def _paper_sizes(result: Result) -> list[int]:
    """Our batch sizes within Wu & He's range (2–32 images per GPU), as in the GN claim."""
    return _sizes(result, max(WU_HE_FIG1["batch_sizes"]))


def wuhe_gn_mean_range(result: Result) -> str:
    """Range over batch sizes of Group Norm's seed-mean validation error."""
    acc = _finals(result, "group", "val_accuracy", _paper_sizes(result))
    return f"{100 * np.ptp(acc.mean(axis=1)):.1f} points"


def wuhe_gn_seed_spread(result: Result) -> str:
    """Per batch size, the spread over seeds of Group Norm's validation error; their range."""
    acc = _finals(result, "group", "val_accuracy", _paper_sizes(result))
    return points_range(np.ptp(acc, axis=1))


def wuhe_bn_range(key: str):
    """Per seed, the range over all batch sizes of BN's final `key`; their range."""
    return lambda r: points_range(np.ptp(_finals(r, "batch", key, _sizes(r)), axis=0))


def wuhe_steps(pick):
    """Optimizer steps of one run at the batch size `pick` (min or max) chooses."""
    return lambda r: count(steps_per_run(r, batch_size=pick(_sizes(r))))


VALUES = table(
    "batch_size_sweep",
    ("wuhe-n-train", data_count("n_train"), "training images"),
    ("wuhe-n-val", data_count("n_val"), "validation images"),
    ("wuhe-epochs", epoch_count, "epochs per run, at every batch size"),
    ("wuhe-seeds", seed_count, "seeds per batch size and normalization"),
    (
        "wuhe-gn-mean-range",
        wuhe_gn_mean_range,
        "range over batch sizes 2–32 of Group Norm's mean validation error",
    ),
    (
        "wuhe-gn-seed-spread",
        wuhe_gn_seed_spread,
        "Group Norm's spread over seeds at one batch size (2–32): smallest–largest",
    ),
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
        "wuhe-bn-train-range",
        wuhe_bn_range("train_accuracy"),
        "per seed, range over batch sizes of BN's last-epoch training accuracy (training mode)",
    ),
    (
        "wuhe-bn-val-range",
        wuhe_bn_range("val_accuracy_precise"),
        "per seed, range over batch sizes of BN's final validation accuracy (re-estimated)",
    ),
)
