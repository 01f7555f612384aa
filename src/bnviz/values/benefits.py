"""Values of the chapters on BN's benefits: BN before vs after the ReLU (bn_placement,
bn-in-keras.md), plain SGD over learning rates (lr_sweep) and dropout vs BN (dropout_vs_bn),
both benefits.md; see `bnviz.values`."""

from __future__ import annotations

import numpy as np

from bnviz.claims import PRECISE_KEY, finals
from bnviz.claims.benefits import inference_gap
from bnviz.results import Result
from bnviz.values import (
    Value,
    data_count,
    epoch_count,
    pct_range,
    runs,
    seed_count,
    spec_count,
    table,
)
from bnviz.values.activations import signed, signed_range
from bnviz.values.curves import mean_val


def points(x: float, digits: int = 1) -> str:
    """A difference of accuracies (fractions) in percentage points: 0.0027 -> '0.3 points'."""
    return f"{signed(100 * x, digits)} points"


def points_range(xs) -> str:
    """Per-seed differences of accuracies in percentage points: '2.2–3.2 points'."""
    xs = 100 * np.asarray(xs, dtype=float)
    if xs.min() < 0:
        return f"{signed_range(xs, 1)} points"
    return f"{xs.min():.1f}–{xs.max():.1f} points"


def lr(x) -> str:
    return f"{float(x):g}"


# --- bn_placement: BN before vs after the ReLU ----------------------------------------------


def final_val(variant: str):
    def render(r: Result) -> str:
        return pct_range(finals(runs(r, variant), "val_accuracy"))

    return render


def placement_gap(r: Result) -> str:
    after = finals(runs(r, "batch"), "val_accuracy").mean()
    before = finals(runs(r, "batch_pre"), "val_accuracy").mean()
    return points(abs(after - before))


# --- dropout_vs_bn: four variants -----------------------------------------------------------

DROPOUT_VARIANTS = ("neither", "dropout", "batch", "both")


def final_val_means(r: Result) -> np.ndarray:
    return np.array([finals(runs(r, v), PRECISE_KEY).mean() for v in DROPOUT_VARIANTS])


def dropout_variant_spread(r: Result) -> str:
    means = final_val_means(r)
    return points(means.max() - means.min())


def dropout_seed_spread(r: Result) -> str:
    spreads = [np.ptp(finals(runs(r, v), PRECISE_KEY)) for v in DROPOUT_VARIANTS]
    return points_range(spreads)


def gap(variant: str):
    """Per-seed training − validation accuracy after training, both in inference mode
    (re-estimated statistics), as `bn-regularizes` judges it."""
    return lambda r: points_range(inference_gap(runs(r, variant)))


def bn_minus(other: str):
    """Seed-mean final validation accuracy (re-estimated), BN only − `other`."""

    def render(r: Result) -> str:
        bn = finals(runs(r, "batch"), PRECISE_KEY).mean()
        return points(bn - finals(runs(r, other), PRECISE_KEY).mean(), 2)

    return render


def validation_size(name: str, experiment: str, what: str) -> Value:
    return Value(name, experiment, data_count("n_val"), what, setting=True)


PLACEMENT = table(  # bn-in-keras.md
    "bn_placement",
    (
        "placement-gap",
        placement_gap,
        "difference of seed-mean final validation accuracy, BN after vs before the ReLU",
    ),
    (
        "placement-final-after",
        final_val("batch"),
        "final validation accuracy with BN after the ReLU, per-seed range",
    ),
    (
        "placement-final-before",
        final_val("batch_pre"),
        "final validation accuracy with BN before the ReLU, per-seed range",
    ),
    (
        "placement-mean-after",
        mean_val("batch"),
        "validation accuracy averaged over the epochs, BN after the ReLU, per-seed range",
    ),
    (
        "placement-mean-before",
        mean_val("batch_pre"),
        "validation accuracy averaged over the epochs, BN before the ReLU, per-seed range",
    ),
    (
        "placement-mean-none",
        mean_val("none"),
        "validation accuracy averaged over the epochs without BN, per-seed range",
    ),
    ("placement-epochs", epoch_count, "epochs of the placement runs"),
    ("placement-seeds", seed_count, "seeds of the placement runs"),
)

DROPOUT = table(
    "dropout_vs_bn",
    ("dropout-n-train", data_count("n_train"), "training images of each dropout run"),
    (
        "dropout-gap-samples",
        spec_count("gap_samples"),
        "training images the inference-mode gap is measured on",
        True,
    ),
    ("dropout-epochs", epoch_count, "epochs of each dropout run", True),
    (
        "dropout-variant-spread",
        dropout_variant_spread,
        "best − worst seed-mean final validation accuracy over the four variants",
    ),
    (
        "dropout-seed-spread",
        dropout_seed_spread,
        "per variant, best − worst seed's final validation accuracy; range over variants",
    ),
    (
        "dropout-gap-bn",
        gap("batch"),
        "final training − validation accuracy with BN only, per-seed range",
    ),
    (
        "dropout-gap-neither",
        gap("neither"),
        "final training − validation accuracy with neither BN nor dropout, per-seed range",
    ),
    (
        "dropout-gap-dropout",
        gap("dropout"),
        "final training − validation accuracy with dropout only, per-seed range",
    ),
    (
        "dropout-bn-minus-dropout",
        bn_minus("dropout"),
        "seed-mean final validation accuracy, BN only − dropout only",
    ),
    (
        "dropout-bn-minus-both",
        bn_minus("both"),
        "seed-mean final validation accuracy, BN only − BN + dropout",
    ),
)

LATER = [  # added after the tables above, and listed after them: sizes and claim differences
    validation_size("placement-n-val", "bn_placement", "validation images of each placement run"),
    validation_size(
        "dropout-n-val", "dropout_vs_bn", "validation images of each dropout-vs-BN run"
    ),
    Value("lr-seeds", "lr_sweep", seed_count, "seeds per learning rate and variant"),
    validation_size("lr-n-val", "lr_sweep", "validation images of each learning-rate run"),
]

VALUES = [*PLACEMENT, *DROPOUT, *LATER]
