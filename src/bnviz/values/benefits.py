"""Values of the chapters on BN's benefits: BN before vs after the ReLU (bn_placement,
bn-in-keras.md), plain SGD over learning rates (lr_sweep) and dropout vs BN (dropout_vs_bn),
both benefits.md; see `bnviz.values`."""

from __future__ import annotations

import numpy as np

from bnviz.claims import finals
from bnviz.experiments.lr_sweep import diverged
from bnviz.judging import ACCURACY_MARGIN
from bnviz.results import Result
from bnviz.values import (
    Value,
    data_count,
    epoch_count,
    pct_range,
    runs,
    seed_count,
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


# --- lr_sweep: plain SGD over learning rates ------------------------------------------------


def sweep(r: Result) -> list[tuple[float, dict]]:
    return sorted((float(k), v) for k, v in r.payload["sweep"].items())


def rates_list(rates) -> str:
    """[0.01, 0.1, 1.0] -> '0.01, 0.1 and 1'."""
    names = [lr(rate) for rate in rates]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def largest_survived(r: Result) -> float:
    """Largest learning rate at which no seed without BN diverged (nan if there is none)."""
    rates = [rate for rate, v in sweep(r) if not any(diverged(h) for h in v["none"])]
    return max(rates, default=float("nan"))


def diverges_from(r: Result) -> str:
    """Smallest learning rate from which every seed without BN diverges, at every larger rate."""
    first = None
    for rate, v in reversed(sweep(r)):
        if not all(diverged(h) for h in v["none"]):
            break
        first = rate
    return lr(first) if first is not None else "none of the rates"


def lr_ratio(r: Result) -> str:
    return f"{sweep(r)[-1][0] / largest_survived(r):g}"


def lr_bn_at_top(r: Result) -> str:
    return pct_range(finals(sweep(r)[-1][1]["batch"], "val_accuracy"))


def bn_deficits(r: Result, key: str = "val_accuracy") -> list[tuple[float, float]]:
    """(rate, mean final validation accuracy with BN − without) where BN is behind by more than
    the accuracy margin, for the leading (smallest) rates of the sweep (BN evaluated by `key`)."""
    out = []
    for rate, v in sweep(r):
        diff = finals(v["batch"], key).mean() - finals(v["none"], "val_accuracy").mean()
        if 100 * diff >= -ACCURACY_MARGIN:
            break
        out.append((rate, diff))
    return out


def lr_behind_rates(r: Result, key: str = "val_accuracy") -> str:
    deficits = bn_deficits(r, key)
    return rates_list([rate for rate, _ in deficits]) if deficits else "none"


def lr_behind_by(r: Result) -> str:
    deficits = bn_deficits(r)
    return points_range([-d for _, d in deficits]) if deficits else "n/a"


def at_smallest(variant: str, key: str, epoch: int = -1):
    """Per-seed range of `key` after `epoch` (default: the last) at the sweep's smallest rate."""
    return lambda r: pct_range([h[key][epoch] for h in sweep(r)[0][1][variant]])


# --- dropout_vs_bn: four variants -----------------------------------------------------------

DROPOUT_VARIANTS = ("neither", "dropout", "batch", "both")


def final_val_means(r: Result) -> np.ndarray:
    return np.array([finals(runs(r, v), "val_accuracy").mean() for v in DROPOUT_VARIANTS])


def dropout_variant_spread(r: Result) -> str:
    means = final_val_means(r)
    return points(means.max() - means.min())


def dropout_seed_spread(r: Result) -> str:
    spreads = [np.ptp(finals(runs(r, v), "val_accuracy")) for v in DROPOUT_VARIANTS]
    return points_range(spreads)


def gap(variant: str):
    """Per-seed final training − validation accuracy."""

    def render(r: Result) -> str:
        v = runs(r, variant)
        return points_range(finals(v, "train_accuracy") - finals(v, "val_accuracy"))

    return render


def bn_minus_dropout(r: Result) -> str:
    bn = finals(runs(r, "batch"), "val_accuracy").mean()
    return points(bn - finals(runs(r, "dropout"), "val_accuracy").mean(), 2)


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
)

LR_SWEEP = table(
    "lr_sweep",
    ("lr-rates", lambda r: rates_list(rate for rate, _ in sweep(r)), "learning rates of the sweep"),
    (
        "lr-none-diverges-from",
        diverges_from,
        "learning rate from which every seed without BN ends at chance level",
    ),
    (
        "lr-ratio",
        lr_ratio,
        "largest rate of the sweep / largest rate the network without BN survives",
    ),
    (
        "lr-bn-at-largest",
        lr_bn_at_top,
        "final validation accuracy with BN at the largest learning rate, per-seed range",
    ),
    (
        "lr-bn-behind-rates",
        lr_behind_rates,
        "the smallest learning rates, at which BN ends more than the margin behind on validation",
    ),
    (
        "lr-bn-behind-by",
        lr_behind_by,
        "how far BN is behind (seed-mean final validation accuracy) at those rates, range",
    ),
    ("lr-epochs", epoch_count, "epochs of each run of the learning-rate sweep"),
    ("lr-smallest", lambda r: lr(sweep(r)[0][0]), "the sweep's smallest learning rate"),
    (
        "lr-bn-precise-behind-rates",
        lambda r: lr_behind_rates(r, "val_accuracy_precise"),
        "the smallest rates at which BN with re-estimated statistics ends behind by the margin",
    ),
    (
        "lr-bn-moving-smallest",
        at_smallest("batch", "val_accuracy"),
        "final validation accuracy with BN (moving averages) at the smallest rate, per seed",
    ),
    (
        "lr-bn-precise-smallest",
        at_smallest("batch", "val_accuracy_precise"),
        "final validation accuracy with BN (re-estimated statistics) at the smallest rate",
    ),
    (
        "lr-none-smallest",
        at_smallest("none", "val_accuracy"),
        "final validation accuracy without BN at the smallest rate, per seed",
    ),
    (
        "lr-bn-moving-first",
        at_smallest("batch", "val_accuracy", 0),
        "validation accuracy with BN (moving averages) after epoch 1 at the smallest rate",
    ),
    (
        "lr-bn-precise-first",
        at_smallest("batch", "val_accuracy_precise", 0),
        "validation accuracy with BN (re-estimated) after epoch 1 at the smallest rate",
    ),
)

DROPOUT = table(
    "dropout_vs_bn",
    ("dropout-n-train", data_count("n_train"), "training images of each dropout run"),
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
        bn_minus_dropout,
        "seed-mean final validation accuracy, BN only − dropout only",
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

VALUES = [*PLACEMENT, *LR_SWEEP, *DROPOUT, *LATER]
