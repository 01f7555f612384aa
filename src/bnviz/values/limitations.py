"""Values of the limitations chapter (limitations.md): batch size (batch_size_sweep), BN's time
overhead (bn_overhead) and a test-time shift (test_shift); see `bnviz.values`. Accuracies are
per-seed ranges unless a value says "mean"."""

from __future__ import annotations

import numpy as np

from bnviz.claims import PRECISE_KEY, finals
from bnviz.claims.alternatives import SHIFT_CONTRAST
from bnviz.results import Result
from bnviz.values import count, data_count, num_range, pct, pct_range, steps_per_run, table

NORM_NAMES = {"batch": "BN", "group": "Group Norm", "layer": "Layer Norm"}


def span(x: float) -> str:
    """An unsigned difference of fractions in percentage points: 0.387 -> '38.7 points'."""
    return f"{100 * x:.1f} points"


# --- batch size (batch_size_sweep) -------------------------------------------------------------


def _sizes(result: Result) -> list[int]:
    return sorted(int(b) for b in result.payload["sweep"])


def _size(result: Result, largest: bool) -> int:
    sizes = _sizes(result)
    return sizes[-1] if largest else sizes[0]


def mean_error(result: Result, size: int, norm: str, key: str = PRECISE_KEY) -> float:
    """Mean over seeds of the final validation error (BN: re-estimated statistics, unless
    `key="val_accuracy"`, Keras' moving averages; the two agree for Group Norm)."""
    return 1 - finals(result.payload["sweep"][str(size)][norm], key).mean()


def error_at(name: str, norm: str, largest: bool, key: str = PRECISE_KEY) -> tuple:
    """The row of a value: `norm`'s mean validation error at the largest or smallest size."""
    end = "largest" if largest else "smallest"
    how = ", moving averages" if key != PRECISE_KEY else ""
    return (
        name,
        lambda r: pct(mean_error(r, _size(r, largest), norm, key)),
        f"{NORM_NAMES[norm]}'s validation error{how} at the {end} batch size, mean over seeds",
    )


def lowest_error(norm: str):
    """`norm`'s lowest seed-mean validation error over the batch sizes, and where."""

    def render(result: Result) -> str:
        errors = {s: mean_error(result, s, norm) for s in _sizes(result)}
        size = min(errors, key=errors.get)
        return f"{pct(errors[size])} at {size}"

    return render


def bn_error_span(result: Result) -> str:
    """Largest minus smallest of BN's mean validation error over the batch sizes."""
    return span(np.ptp([mean_error(result, s, "batch") for s in _sizes(result)]))


def train_accuracy_at(norm: str, largest: bool):
    """`norm`'s last-epoch training accuracy (training mode), per seed, at one end."""
    return lambda r: pct_range(
        finals(r.payload["sweep"][str(_size(r, largest))][norm], "train_accuracy")
    )


def sweep_lr(largest: bool):
    """The learning rate of the runs at the smallest or largest batch size (linear scaling)."""

    def render(result: Result) -> str:
        base = result.spec["train"]["learning_rate"] / result.spec["base_batch"]
        return f"{base * _size(result, largest):g}"

    return render


def bn_train_range(result: Result) -> str:
    """BN's seed-mean last-epoch training accuracy (training mode), lowest–highest batch size."""
    sweep = result.payload["sweep"]
    train = [finals(sweep[str(s)]["batch"], "train_accuracy").mean() for s in _sizes(result)]
    return pct_range(train)


def sweep_steps(largest: bool):
    return lambda r: count(steps_per_run(r, batch_size=_size(r, largest)))


# --- overhead (bn_overhead) and test-time shift (test_shift) -----------------------------------


def slowdown(key: str, variant: str = "batch"):
    """Median time of `variant` ÷ median time without BN − 1 (the medians the figure shows)."""

    def render(result: Result) -> str:
        median = result.payload["median"]
        return pct(median[variant][key] / median["none"][key] - 1, 1)

    return render


def folding_gain(result: Result) -> str:
    """Median over repeats of Keras' BN ÷ folded − 1 (inference), and in how many repeats
    folded was the faster."""
    t = result.payload["timings"]
    gain = np.divide(t["batch"]["inference_s"], t["batch_folded"]["inference_s"]) - 1
    faster = int((gain > 0).sum())
    return f"{pct(float(np.median(gain)), 0)} (faster in {faster} of {gain.size} repeats)"


def shift_drop(variant: str):
    """Per seed, the test accuracy lost from contrast 1 to SHIFT_CONTRAST, in points."""

    def render(result: Result) -> str:
        contrasts = result.spec["contrasts"]
        acc = np.array(result.payload["test_accuracy"][variant])
        drop = 100 * (acc[:, contrasts.index(1.0)] - acc[:, contrasts.index(SHIFT_CONTRAST)])
        return num_range(drop, 1) + " points"

    return render


BATCH_SIZE = table(
    "batch_size_sweep",
    (
        "batch-sizes",
        lambda r: f"{_sizes(r)[0]} to {_sizes(r)[-1]}",
        "batch sizes of the sweep",
        True,
    ),
    ("batch-size-largest", lambda r: str(_sizes(r)[-1]), "largest batch size of the sweep", True),
    ("batch-n-train", data_count("n_train"), "training images of each run"),
    (
        "batch-steps-largest",
        sweep_steps(largest=True),
        "optimizer steps of one run at the largest batch size",
    ),
    (
        "batch-steps-smallest",
        sweep_steps(largest=False),
        "optimizer steps of one run at the smallest batch size",
    ),
    (
        "batch-lr-smallest",
        sweep_lr(largest=False),
        "learning rate at the smallest batch size",
        True,
    ),
    ("batch-lr-largest", sweep_lr(largest=True), "learning rate at the largest batch size", True),
    error_at("batch-bn-error-smallest", "batch", largest=False),
    error_at("batch-bn-error-largest", "batch", largest=True),
    error_at("batch-gn-error-smallest", "group", largest=False),
    error_at("batch-gn-error-largest", "group", largest=True),
    error_at("batch-bn-moving-error-smallest", "batch", False, "val_accuracy"),
    error_at("batch-bn-moving-error-largest", "batch", True, "val_accuracy"),
    ("batch-bn-lowest", lowest_error("batch"), "BN's lowest mean validation error, and where"),
    ("batch-gn-lowest", lowest_error("group"), "Group Norm's lowest mean validation error"),
    (
        "batch-bn-train-smallest",
        train_accuracy_at("batch", largest=False),
        "BN's last-epoch training accuracy (training mode) at the smallest batch size, per seed",
    ),
    (
        "batch-bn-train-largest",
        train_accuracy_at("batch", largest=True),
        "BN's last-epoch training accuracy (training mode) at the largest batch size, per seed",
    ),
    (
        "batch-gn-train-largest",
        train_accuracy_at("group", largest=True),
        "Group Norm's last-epoch training accuracy at the largest batch size, per seed",
    ),
)

OVERHEAD = table(
    "bn_overhead",
    (
        "overhead-train-step",
        slowdown("train_step_s"),
        "extra time of a training step with BN, from the median times over repeats",
    ),
    (
        "overhead-inference",
        slowdown("inference_s"),
        "extra time of an inference batch with BN (not folded), from the median times over repeats",
    ),
    (
        "overhead-fused-train-step",
        slowdown("train_step_s", "batch_fused"),
        "extra time of a training step with BN on the fused kernel, over no BN (medians)",
    ),
    (
        "overhead-onepass-train-step",
        slowdown("train_step_s", "batch_onepass"),
        "extra time of a training step with one-pass BN, over no BN (medians)",
    ),
    (
        "overhead-affine-train-step",
        slowdown("train_step_s", "affine"),
        "extra time of a training step with only a scale and shift at BN's places (medians)",
    ),
    (
        "overhead-memory-floor",
        lambda r: pct(r.payload["memory_floor_s"] / r.payload["median"]["none"]["train_step_s"], 1),
        "time to stream every BN input 8 times, over a training step without BN (median)",
    ),
    (
        "overhead-folded-inference",
        slowdown("inference_s", "batch_folded"),
        "extra time of an inference batch with BN folded, over no BN (medians)",
    ),
    (
        "overhead-folding-gain",
        folding_gain,
        "Keras' BN ÷ folded BN − 1 for an inference batch: median over repeats, and how often",
    ),
    (
        "overhead-batch",
        lambda r: str(r.spec["batch_size"]),
        "images per timed call",
        True,
    ),
)

TEST_SHIFT = table(
    "test_shift",
    (
        "shift-drop-bn",
        shift_drop("batch"),
        f"test accuracy BN (moving averages) loses from contrast 1 to {SHIFT_CONTRAST:g}, per seed",
    ),
    (
        "shift-drop-gn",
        shift_drop("group"),
        f"test accuracy Group Norm loses from contrast 1 to {SHIFT_CONTRAST:g}, per seed",
    ),
    (
        "shift-drop-test-stats",
        shift_drop("batch_test_stats"),
        f"test accuracy BN with test-batch statistics loses from contrast 1 to "
        f"{SHIFT_CONTRAST:g}, per seed",
    ),
)

VALUES = [*BATCH_SIZE, *OVERHEAD, *TEST_SHIFT]
