"""Values of the chapters on a layer's inputs: how they move during training (activation_shift,
covariate-shift.md) and a trained BN layer's per-channel statistics (bn_layer_stats,
how-bn-works.md); see `bnviz.values`."""

from __future__ import annotations

import numpy as np

from bnviz.claims.foundations import KERAS_EPSILON, percentile_shift
from bnviz.results import Result
from bnviz.values import (
    count,
    epoch_count,
    epoch_steps,
    num_range,
    pct,
    pct_range,
    runs,
    steps_per_epoch,
    table,
)


def signed(x: float, digits: int = 2) -> str:
    """-0.41 -> '−0.41' (a real minus sign)."""
    return f"{x:.{digits}f}".replace("-", "−")


def signed_range(xs, digits: int = 2) -> str:
    """Per-seed values that may be negative -> '−0.63 to −0.41'."""
    xs = np.asarray(xs, dtype=float)
    return f"{signed(xs.min(), digits)} to {signed(xs.max(), digits)}"


# --- activation_shift: the second ReLU's input during training ------------------------------


def quantile(run: dict, q: int) -> np.ndarray:
    """The `q`-th percentile of the probed layer input at every measurement of one seed."""
    if "quantiles" in run:
        columns = list(run["quantiles"])
    else:  # results that predate the probe recording its quantiles
        from bnviz.probes import PERCENTILES

        columns = list(PERCENTILES)
    return np.asarray(run["percentiles"])[:, columns.index(q)]


def spread(run: dict) -> np.ndarray:
    """Width between the 5th and 95th percentiles at every measurement."""
    return quantile(run, 95) - quantile(run, 5)


def end_of_first_epoch(run: dict, r: Result) -> int:
    """Index of the last measurement within the first epoch."""
    steps = np.asarray(run["probe_steps"])
    return int(np.flatnonzero(steps <= steps_per_epoch(r))[-1])


def first_epoch_share(run: dict, r: Result) -> float:
    """Share of the 5th–95th percentile widening over the run that happened in epoch 1."""
    w = spread(run)
    growth = w[-1] - w[0]
    return (w[end_of_first_epoch(run, r)] - w[0]) / growth if growth else float("nan")


def shift_spread_start(r: Result) -> str:
    return num_range([spread(run)[0] for run in runs(r, "none")])


def shift_spread_end(r: Result) -> str:
    return num_range([spread(run)[-1] for run in runs(r, "none")])


def shift_first_epoch_share(r: Result) -> str:
    return pct_range([first_epoch_share(run, r) for run in runs(r, "none")], 0)


def shift_p5_after_epoch(r: Result) -> str:
    return signed_range([quantile(run, 5)[end_of_first_epoch(run, r)] for run in runs(r, "none")])


def shift_p5_end(r: Result) -> str:
    return signed_range([quantile(run, 5)[-1] for run in runs(r, "none")])


def shift_median_max(r: Result) -> str:
    return f"{max(np.abs(quantile(run, 50)).max() for run in runs(r, 'none')):.2f}"


def shift_move(variant: str):
    def render(r: Result) -> str:
        return pct_range([percentile_shift(run) for run in runs(r, variant)], 0)

    return render


# --- bn_layer_stats: a trained BN layer's per-channel statistics ----------------------------


def bn_std_range(r: Result) -> str:
    return num_range(r.arrays["normalized_std"])


def median_of(key: str):
    def render(r: Result) -> str:
        return f"{np.median(r.arrays[key]):.2f}"

    return render


def input_variances(r: Result) -> np.ndarray:
    return r.arrays["input_std"] ** 2


def bn_var_range(r: Result) -> str:
    var = input_variances(r)
    return f"{var.min():.1e} to {var.max():.1e}"


def bn_var_below_eps(r: Result) -> str:
    return pct(np.mean(input_variances(r) < KERAS_EPSILON), 0)


SHIFT = table(  # covariate-shift.md
    "activation_shift",
    (
        "shift-measurements",
        lambda r: count(len(runs(r, "none")[0]["probe_steps"])),
        "measurements of the layer input in one run (before training, then every few steps)",
    ),
    (
        "shift-spread-start",
        shift_spread_start,
        "5th–95th percentile width of the 2nd ReLU's input without BN at step 0, per seed",
    ),
    (
        "shift-spread-end",
        shift_spread_end,
        "5th–95th percentile width of the 2nd ReLU's input without BN at the end, per seed",
    ),
    (
        "shift-first-epoch-share",
        shift_first_epoch_share,
        "share of the widening (without BN) that happened in the first epoch, per seed",
    ),
    (
        "shift-steps-per-epoch",
        epoch_steps,
        "optimizer steps in one epoch of the activation-shift runs",
    ),
    (
        "shift-p5-after-epoch",
        shift_p5_after_epoch,
        "5th percentile of the 2nd ReLU's input without BN at the end of epoch 1, per seed",
    ),
    (
        "shift-p5-end",
        shift_p5_end,
        "5th percentile of the 2nd ReLU's input without BN at the end of training, per seed",
    ),
    (
        "shift-median-max",
        shift_median_max,
        "largest distance from 0 of the median of the 2nd ReLU's input without BN",
    ),
    (
        "shift-move-bn",
        shift_move("batch"),
        "percentile move first→last measurement with BN, relative to the 15th–85th width",
    ),
    (
        "shift-move-none",
        shift_move("none"),
        "percentile move first→last measurement without BN, relative to the 15th–85th width",
    ),
)

BN_LAYER = table(  # how-bn-works.md
    "bn_layer_stats",
    (
        "bn-std-range",
        bn_std_range,
        "standard deviation of the normalized values x̂ over channels and seeds, min–max",
    ),
    (
        "bn-std-median",
        median_of("normalized_std"),
        "median over channels and seeds of the standard deviation of x̂",
    ),
    (
        "bn-var-range",
        bn_var_range,
        "per-channel variance of the BN layer's input over channels and seeds, min to max",
    ),
    (
        "bn-var-below-eps",
        bn_var_below_eps,
        "share of channels (all seeds) whose input variance is below ε = 1e-3",
    ),
    (
        "bn-inference-std-median",
        median_of("output_inference_std"),
        "median over channels and seeds of the standard deviation of the inference-mode output",
    ),
    ("bn-epochs", epoch_count, "epochs the measured BN network trained"),
)

VALUES = [*SHIFT, *BN_LAYER]
