"""Claims of the foundation chapters: the measured activation shift (slide 2), what a trained BN
layer does (slides 3-4) and BN in Keras (slide 5)."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, finals, mean_range
from bnviz.results import Result


def percentile_shift(run: dict) -> float:
    """How far the layer-input percentiles moved from the first to the last measurement,
    averaged over percentiles, relative to the mean 15th–85th percentile width."""
    p = np.asarray(run["percentiles"])
    width = (p[:, -2] - p[:, 1]).mean()
    return float(np.abs(p[-1] - p[0]).mean() / width)


def bn_keeps_layer_input_stable(result: Result) -> Verdict:
    runs = result.payload["histories"]
    shift = {v: [percentile_shift(r) for r in runs[v]] for v in ("none", "batch")}
    return Verdict(
        max(shift["batch"]) < min(shift["none"]),
        "percentile shift over training, relative to the distribution's width, per seed: "
        f"with BN {', '.join(f'{s:.2f}' for s in shift['batch'])}; without BN "
        f"{', '.join(f'{s:.2f}' for s in shift['none'])}.",
    )


def normalized_unit_std(result: Result) -> Verdict:
    a = result.arrays
    means, stds = a["normalized_mean"], a["normalized_std"]
    var_in = a["input_std"] ** 2
    return Verdict(
        bool(np.abs(means).max() < 1e-3 and np.abs(stds - 1).max() < 0.05),
        f"normalized per-channel means are all within {np.abs(means).max():.0e} of 0, but the "
        f"standard deviations range from {stds.min():.2f} to {stds.max():.2f}: the input "
        f"variances ({var_in.min():.1e} to {var_in.max():.1e}) are comparable to Keras' "
        "epsilon = 1e-3, which divides by √(σ² + ε) rather than σ.",
    )


def bn_parameter_count(result: Result) -> Verdict:
    p = result.payload["params"]
    added, channels = p["with_bn"] - p["without_bn"], p["bn_channels"]
    share = added / p["with_bn"]
    return Verdict(
        added == 4 * channels and p["bn_trainable"] == 2 * channels and share < 0.01,
        f"{added} parameters added for {channels} channels ({p['bn_trainable']} trainable: γ, β; "
        f"{added - p['bn_trainable']} not: moving mean and variance), {share:.2%} of "
        f"{p['with_bn']:,}.",
    )


def placement_matters_little(result: Result) -> Verdict:
    runs = result.payload["histories"]
    after, before = finals(runs["batch"], "val_accuracy"), finals(runs["batch_pre"], "val_accuracy")
    diff = abs(after.mean() - before.mean()) * 100
    return Verdict(
        diff < 1.0,
        f"final validation accuracy: BN after ReLU {mean_range(after)}, BN before ReLU "
        f"{mean_range(before)}; difference of means {diff:.2f} percentage points.",
    )


CLAIMS = [
    Claim(
        "shift-bn-stable",
        "With BN, the distribution of the second block's ReLU input moves less during training "
        "than without BN, for every seed.",
        "activation_shift",
        bn_keeps_layer_input_stable,
    ),
    Claim(
        "bn-unit-std",
        "After BN's normalization step, every channel has mean 0 and standard deviation 1.",
        "bn_layer_stats",
        normalized_unit_std,
        expected=False,
    ),
    Claim(
        "bn-params",
        "BN adds 4 parameters per channel to the talk's CNN, 2 of them trainable — under 1% of "
        "the model.",
        "bn_layer_stats",
        bn_parameter_count,
    ),
    Claim(
        "placement-small",
        "Whether BN goes before or after the ReLU changes the final validation accuracy of the "
        "small CNN by less than 1 percentage point.",
        "bn_placement",
        placement_matters_little,
    ),
]
