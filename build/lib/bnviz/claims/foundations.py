"""Claims of the foundation chapters: the measured activation shift (slide 2), what a trained BN
layer does (slides 3-4) and BN in Keras (slide 5)."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, checked, final_verdict
from bnviz.judging import WITHIN_NOISE
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
    return checked(
        max(shift["batch"]) < min(shift["none"]),
        "percentile shift over training, relative to the distribution's width, per seed: "
        f"with BN {', '.join(f'{s:.2f}' for s in shift['batch'])}; without BN "
        f"{', '.join(f'{s:.2f}' for s in shift['none'])}.",
    )


KERAS_EPSILON = 1e-3  # keras.layers.BatchNormalization's default


def normalized_std_as_keras_defines(result: Result) -> Verdict:
    a = result.arrays
    means, stds = a["normalized_mean"], a["normalized_std"]
    var_in = a["input_std"] ** 2
    expected = np.sqrt(var_in / (var_in + KERAS_EPSILON))
    error = np.abs(stds - expected).max()
    return checked(
        bool(np.abs(means).max() < 1e-3 and error < 0.01),
        f"normalized per-channel means are all within {np.abs(means).max():.0e} of 0; the "
        f"standard deviations range from {stds.min():.2f} to {stds.max():.2f} and match "
        f"√(σ²/(σ² + ε)) to {error:.1e}, for input variances σ² from {var_in.min():.1e} to "
        f"{var_in.max():.1e}.",
    )


def bn_parameter_count(result: Result) -> Verdict:
    p = result.payload["params"]
    added, channels = p["with_bn"] - p["without_bn"], p["bn_channels"]
    share = added / p["with_bn"]
    return checked(
        added == 4 * channels and p["bn_trainable"] == 2 * channels and share < 0.01,
        f"{added} parameters added for {channels} channels ({p['bn_trainable']} trainable: γ, β; "
        f"{added - p['bn_trainable']} not: moving mean and variance), {share:.2%} of "
        f"{p['with_bn']:,}.",
    )


PLACEMENT_MARGIN = 1.0  # percentage points: "changes little" means within this


def placement_matters_little(result: Result) -> Verdict:
    return final_verdict(
        result,
        "final validation accuracy, BN after ReLU − BN before ReLU",
        "batch",
        "batch_pre",
        PLACEMENT_MARGIN,
        kind="within",
    )


CLAIMS = [
    Claim(
        "shift-bn-stable",
        "With BN, the second block's ReLU input is BN's output, normalized per batch by "
        "construction, so its distribution moves less during training than without BN (every "
        "seed). This verifies the probe, not a property BN could lack.",
        "activation_shift",
        bn_keeps_layer_input_stable,
        kind="check",
    ),
    Claim(
        "bn-unit-std",
        "Keras' BN divides by √(σ² + ε), not by σ: after the normalization step every channel has "
        f"mean 0 and standard deviation √(σ²/(σ² + ε)) with ε = {KERAS_EPSILON:g}, which is "
        "below 1 wherever σ² is not much larger than ε.",
        "bn_layer_stats",
        normalized_std_as_keras_defines,
        kind="check",
    ),
    Claim(
        "bn-params",
        "BN adds 4 parameters per channel to the talk's CNN, 2 of them trainable — under 1% of "
        "the model.",
        "bn_layer_stats",
        bn_parameter_count,
        kind="check",
    ),
    Claim(
        "placement-small",
        "Whether BN goes before or after the ReLU changes the final validation accuracy of the "
        f"small CNN by less than {PLACEMENT_MARGIN:g} percentage point.",
        "bn_placement",
        placement_matters_little,
        expected=WITHIN_NOISE,
    ),
]
