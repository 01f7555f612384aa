"""Values (measured numbers in prose) of the basics chapters; see `bnviz.values`."""

from __future__ import annotations

import numpy as np

from bnviz.claims import finals
from bnviz.claims.curves import mean_val_accuracy
from bnviz.claims.foundations import KERAS_EPSILON, percentile_shift
from bnviz.experiments.lr_sweep import diverged
from bnviz.judging import ACCURACY_MARGIN
from bnviz.results import Result
from bnviz.values import (
    Value,
    claim_difference,
    count,
    num_range,
    pct,
    pct_range,
    steps_per_run,
)

# --- formatting -----------------------------------------------------------------------------


def signed(x: float, digits: int = 2) -> str:
    """-0.41 -> '−0.41' (a real minus sign)."""
    return f"{x:.{digits}f}".replace("-", "−")


def signed_range(xs, digits: int = 2) -> str:
    """Per-seed values that may be negative -> '−0.63 to −0.41'."""
    xs = np.asarray(xs, dtype=float)
    return f"{signed(xs.min(), digits)} to {signed(xs.max(), digits)}"


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


# --- spec facts -----------------------------------------------------------------------------


def n_seeds(r: Result) -> str:
    return str(len(r.spec["seeds"]))


def n_epochs(r: Result) -> str:
    return str(r.spec["train"]["epochs"])


def n_train(r: Result) -> str:
    return count(r.data["n_train"])


def steps_per_epoch(r: Result) -> int:
    return steps_per_run(r) // r.spec["train"]["epochs"]


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


def runs(r: Result, variant: str) -> list[dict]:
    return r.payload["histories"][variant]


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


# --- bn_placement: BN before vs after the ReLU ----------------------------------------------


def final_val(variant: str):
    def render(r: Result) -> str:
        return pct_range(finals(runs(r, variant), "val_accuracy"))

    return render


def mean_val(variant: str):
    """Per seed: validation accuracy averaged over the epochs (as `curves-bn-faster` judges)."""

    def render(r: Result) -> str:
        return pct_range(mean_val_accuracy(runs(r, variant)))

    return render


def placement_gap(r: Result) -> str:
    after = finals(runs(r, "batch"), "val_accuracy").mean()
    before = finals(runs(r, "batch_pre"), "val_accuracy").mean()
    return points(abs(after - before))


# --- training_curves: learning curves with and without BN -----------------------------------


def curve(r: Result, variant: str, key: str) -> np.ndarray:
    """(seeds, epochs) array of one history key."""
    return np.array([h[key] for h in runs(r, variant)])


def after_first_epoch(variant: str, key: str, fmt=pct_range):
    """Per-seed range of `key` after the first epoch."""

    def render(r: Result) -> str:
        return fmt(curve(r, variant, key)[:, 0])

    return render


def val_ahead_from(r: Result) -> str:
    """First epoch from which the mean validation accuracy with BN stays above without."""
    ahead = curve(r, "batch", "val_accuracy").mean(0) > curve(r, "none", "val_accuracy").mean(0)
    if not ahead[-1]:
        return "never"
    behind = np.flatnonzero(~ahead)
    return str(int(behind[-1]) + 2 if behind.size else 1)


def best_val_epoch(r: Result) -> int:
    """Epoch (1-based) of the lowest mean validation loss with BN."""
    return int(np.argmin(curve(r, "batch", "val_loss").mean(0))) + 1


def train_loss_at_best(variant: str):
    def render(r: Result) -> str:
        return num_range(curve(r, variant, "train_loss")[:, best_val_epoch(r) - 1], 3)

    return render


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


def bn_deficits(r: Result) -> list[tuple[float, float]]:
    """(rate, mean final validation accuracy with BN − without) where BN is behind by more than
    the accuracy margin, for the leading (smallest) rates of the sweep."""
    out = []
    for rate, v in sweep(r):
        diff = finals(v["batch"], "val_accuracy").mean() - finals(v["none"], "val_accuracy").mean()
        if 100 * diff >= -ACCURACY_MARGIN:
            break
        out.append((rate, diff))
    return out


def lr_behind_rates(r: Result) -> str:
    deficits = bn_deficits(r)
    return rates_list([rate for rate, _ in deficits]) if deficits else "none"


def lr_behind_by(r: Result) -> str:
    deficits = bn_deficits(r)
    return points_range([-d for _, d in deficits]) if deficits else "n/a"


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


VALUES: list[Value] = [
    # training_curves (training-curves.md, index.md, benefits.md)
    Value("curves-seeds", "training_curves", n_seeds, "seeds of the training-curves comparison"),
    Value("curves-epochs", "training_curves", n_epochs, "epochs of the training-curves runs"),
    Value(
        "curves-n-train",
        "training_curves",
        n_train,
        "training images of each training-curves run",
    ),
    Value(
        "curves-steps-per-epoch",
        "training_curves",
        lambda r: count(steps_per_epoch(r)),
        "optimizer steps in one epoch of the small CNN",
    ),
    Value(
        "curves-train-acc-first-bn",
        "training_curves",
        after_first_epoch("batch", "train_accuracy"),
        "training accuracy after epoch 1 with BN, per-seed range",
    ),
    Value(
        "curves-train-acc-first-none",
        "training_curves",
        after_first_epoch("none", "train_accuracy"),
        "training accuracy after epoch 1 without BN, per-seed range",
    ),
    Value(
        "curves-val-ahead-from",
        "training_curves",
        val_ahead_from,
        "first epoch from which the seed-mean validation accuracy with BN stays above without",
    ),
    Value(
        "curves-first-val-loss-bn",
        "training_curves",
        after_first_epoch("batch", "val_loss", num_range),
        "validation loss after epoch 1 with BN, per-seed range",
    ),
    Value(
        "curves-first-val-loss-none",
        "training_curves",
        after_first_epoch("none", "val_loss", num_range),
        "validation loss after epoch 1 without BN, per-seed range",
    ),
    Value(
        "curves-first-val-acc-bn",
        "training_curves",
        after_first_epoch("batch", "val_accuracy"),
        "validation accuracy after epoch 1 with BN, per-seed range",
    ),
    Value(
        "curves-first-val-acc-none",
        "training_curves",
        after_first_epoch("none", "val_accuracy"),
        "validation accuracy after epoch 1 without BN, per-seed range",
    ),
    Value(
        "curves-best-val-epoch",
        "training_curves",
        lambda r: str(best_val_epoch(r)),
        "epoch of the lowest seed-mean validation loss with BN",
    ),
    Value(
        "curves-train-loss-at-best-bn",
        "training_curves",
        train_loss_at_best("batch"),
        "training loss with BN at the epoch of its lowest validation loss, per-seed range",
    ),
    Value(
        "curves-train-loss-at-best-none",
        "training_curves",
        train_loss_at_best("none"),
        "training loss without BN at the epoch where BN's validation loss is lowest, per seed",
    ),
    Value(
        "curves-mean-val-bn",
        "training_curves",
        mean_val("batch"),
        "validation accuracy with BN averaged over the epochs, per-seed range",
    ),
    Value(
        "curves-mean-val-none",
        "training_curves",
        mean_val("none"),
        "validation accuracy without BN averaged over the epochs, per-seed range",
    ),
    # activation_shift (covariate-shift.md)
    Value(
        "shift-measurements",
        "activation_shift",
        lambda r: count(len(runs(r, "none")[0]["probe_steps"])),
        "measurements of the layer input in one run (before training, then every few steps)",
    ),
    Value(
        "shift-spread-start",
        "activation_shift",
        shift_spread_start,
        "5th–95th percentile width of the 2nd ReLU's input without BN at step 0, per seed",
    ),
    Value(
        "shift-spread-end",
        "activation_shift",
        shift_spread_end,
        "5th–95th percentile width of the 2nd ReLU's input without BN at the end, per seed",
    ),
    Value(
        "shift-first-epoch-share",
        "activation_shift",
        shift_first_epoch_share,
        "share of the widening (without BN) that happened in the first epoch, per seed",
    ),
    Value(
        "shift-steps-per-epoch",
        "activation_shift",
        lambda r: count(steps_per_epoch(r)),
        "optimizer steps in one epoch of the activation-shift runs",
    ),
    Value(
        "shift-p5-after-epoch",
        "activation_shift",
        shift_p5_after_epoch,
        "5th percentile of the 2nd ReLU's input without BN at the end of epoch 1, per seed",
    ),
    Value(
        "shift-p5-end",
        "activation_shift",
        shift_p5_end,
        "5th percentile of the 2nd ReLU's input without BN at the end of training, per seed",
    ),
    Value(
        "shift-median-max",
        "activation_shift",
        shift_median_max,
        "largest distance from 0 of the median of the 2nd ReLU's input without BN",
    ),
    Value(
        "shift-move-bn",
        "activation_shift",
        shift_move("batch"),
        "percentile move first→last measurement with BN, relative to the 15th–85th width",
    ),
    Value(
        "shift-move-none",
        "activation_shift",
        shift_move("none"),
        "percentile move first→last measurement without BN, relative to the 15th–85th width",
    ),
    # bn_layer_stats (how-bn-works.md)
    Value(
        "bn-std-range",
        "bn_layer_stats",
        bn_std_range,
        "standard deviation of the normalized values x̂ over channels and seeds, min–max",
    ),
    Value(
        "bn-std-median",
        "bn_layer_stats",
        median_of("normalized_std"),
        "median over channels and seeds of the standard deviation of x̂",
    ),
    Value(
        "bn-var-range",
        "bn_layer_stats",
        bn_var_range,
        "per-channel variance of the BN layer's input over channels and seeds, min to max",
    ),
    Value(
        "bn-var-below-eps",
        "bn_layer_stats",
        bn_var_below_eps,
        "share of channels (all seeds) whose input variance is below ε = 1e-3",
    ),
    Value(
        "bn-inference-std-median",
        "bn_layer_stats",
        median_of("output_inference_std"),
        "median over channels and seeds of the standard deviation of the inference-mode output",
    ),
    Value("bn-epochs", "bn_layer_stats", n_epochs, "epochs the measured BN network trained"),
    # bn_placement (bn-in-keras.md)
    Value(
        "placement-gap",
        "bn_placement",
        placement_gap,
        "difference of seed-mean final validation accuracy, BN after vs before the ReLU",
    ),
    Value(
        "placement-final-after",
        "bn_placement",
        final_val("batch"),
        "final validation accuracy with BN after the ReLU, per-seed range",
    ),
    Value(
        "placement-final-before",
        "bn_placement",
        final_val("batch_pre"),
        "final validation accuracy with BN before the ReLU, per-seed range",
    ),
    Value(
        "placement-mean-after",
        "bn_placement",
        mean_val("batch"),
        "validation accuracy averaged over the epochs, BN after the ReLU, per-seed range",
    ),
    Value(
        "placement-mean-before",
        "bn_placement",
        mean_val("batch_pre"),
        "validation accuracy averaged over the epochs, BN before the ReLU, per-seed range",
    ),
    Value(
        "placement-mean-none",
        "bn_placement",
        mean_val("none"),
        "validation accuracy averaged over the epochs without BN, per-seed range",
    ),
    Value("placement-epochs", "bn_placement", n_epochs, "epochs of the placement runs"),
    # lr_sweep (benefits.md)
    Value(
        "lr-rates",
        "lr_sweep",
        lambda r: rates_list(rate for rate, _ in sweep(r)),
        "learning rates of the sweep",
    ),
    Value(
        "lr-none-diverges-from",
        "lr_sweep",
        diverges_from,
        "learning rate from which every seed without BN ends at chance level",
    ),
    Value(
        "lr-ratio",
        "lr_sweep",
        lr_ratio,
        "largest rate of the sweep / largest rate the network without BN survives",
    ),
    Value(
        "lr-bn-at-largest",
        "lr_sweep",
        lr_bn_at_top,
        "final validation accuracy with BN at the largest learning rate, per-seed range",
    ),
    Value(
        "lr-bn-behind-rates",
        "lr_sweep",
        lr_behind_rates,
        "the smallest learning rates, at which BN ends more than the margin behind on validation",
    ),
    Value(
        "lr-bn-behind-by",
        "lr_sweep",
        lr_behind_by,
        "how far BN is behind (seed-mean final validation accuracy) at those rates, range",
    ),
    Value("lr-epochs", "lr_sweep", n_epochs, "epochs of each run of the learning-rate sweep"),
    # dropout_vs_bn (benefits.md)
    Value("dropout-n-train", "dropout_vs_bn", n_train, "training images of each dropout run"),
    Value(
        "dropout-variant-spread",
        "dropout_vs_bn",
        dropout_variant_spread,
        "best − worst seed-mean final validation accuracy over the four variants",
    ),
    Value(
        "dropout-seed-spread",
        "dropout_vs_bn",
        dropout_seed_spread,
        "per variant, best − worst seed's final validation accuracy; range over variants",
    ),
    Value(
        "dropout-gap-bn",
        "dropout_vs_bn",
        gap("batch"),
        "final training − validation accuracy with BN only, per-seed range",
    ),
    Value(
        "dropout-gap-neither",
        "dropout_vs_bn",
        gap("neither"),
        "final training − validation accuracy with neither BN nor dropout, per-seed range",
    ),
    Value(
        "dropout-gap-dropout",
        "dropout_vs_bn",
        gap("dropout"),
        "final training − validation accuracy with dropout only, per-seed range",
    ),
    Value(
        "dropout-bn-minus-dropout",
        "dropout_vs_bn",
        bn_minus_dropout,
        "seed-mean final validation accuracy, BN only − dropout only",
    ),
    Value(
        "placement-n-val",
        "bn_placement",
        lambda r: count(r.data["n_val"]),
        "validation images of each placement run",
        setting=True,
    ),
    Value(
        "dropout-n-val",
        "dropout_vs_bn",
        lambda r: count(r.data["n_val"]),
        "validation images of each dropout-vs-BN run",
        setting=True,
    ),
    Value(
        "lr-seeds",
        "lr_sweep",
        lambda r: str(len(r.spec["seeds"])),
        "seeds per learning rate and variant",
    ),
    Value(
        "lr-n-val",
        "lr_sweep",
        lambda r: count(r.data["n_val"]),
        "validation images of each learning-rate run",
        setting=True,
    ),
    Value(
        "curves-n-val",
        "training_curves",
        lambda r: count(r.data["n_val"]),
        "validation images of each training-curves run",
        setting=True,
    ),
    Value(
        "curves-faster-difference",
        "training_curves",
        claim_difference("curves-bn-faster"),
        "validation accuracy averaged over the epochs, with BN − without, per seed",
    ),
    Value(
        "curves-final-difference",
        "training_curves",
        claim_difference("curves-bn-final-higher"),
        "final validation accuracy, with BN − without, per seed",
    ),
]
