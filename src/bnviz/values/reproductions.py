"""Values (measured numbers in prose) of the reproductions chapters; see `bnviz.values`.

Ioffe & Szegedy's Fig. 1 (ioffe_fig1), Santurkar et al. (santurkar) and Wu & He's Fig. 1
(batch_size_sweep). Accuracies are per-seed ranges unless a value says "mean"; a difference of
accuracies is in percentage points. Every value reads the result on display, so the setup
tables' "ours" column follows the profile shown; the `full` column describes a run that does not
exist yet and stays typed.
"""

from __future__ import annotations

import numpy as np

from bnviz.claims import finals
from bnviz.claims.reproductions import EARLY
from bnviz.figures.reproductions import percentile_drift
from bnviz.papers import WU_HE_FIG1
from bnviz.results import Result
from bnviz.values import Value, count, num_range, pct_range, steps_per_run

FIT = 1 - 1e-6  # training accuracy counted as 100 %


def seeds(result: Result) -> str:
    return count(len(result.spec["seeds"]))


def points_range(xs) -> str:
    """Fractions -> their range in percentage points: '1.4–2.1 points'."""
    return num_range(100 * np.asarray(xs), 1) + " points"


def _signed(xs) -> str:
    """Per-seed differences of fractions -> '0.8 points higher (per seed +0.7 to +1.1)'."""
    xs = 100 * np.asarray(xs)
    word = "higher" if xs.mean() >= 0 else "lower"
    per_seed = f"{xs.min():+.1f} to {xs.max():+.1f}".replace("-", "−")
    return f"{abs(xs.mean()):.1f} points {word} (per seed {per_seed})"


# --- Ioffe & Szegedy, Fig. 1 (ioffe_fig1) --------------------------------------------------------


def _steps_per_epoch(result: Result) -> int:
    return result.data["n_train"] // result.spec["train"]["batch_size"]


def ioffe_split(result: Result) -> str:
    d = result.data
    return f"{count(d['n_train'])} train, {count(d['n_val'])} validation, {count(d['n_test'])} test"


def ioffe_passes(result: Result) -> str:
    """Passes over the training set in one run (the runs stop at a step count, not an epoch)."""
    return count(result.spec["steps"] / _steps_per_epoch(result))


def ioffe_fit_step(result: Result) -> str:
    """The step by which every run (both networks, every seed) has had an epoch at 100 %
    training accuracy."""
    last, firsts = result.spec["steps"], []
    for runs in result.payload["histories"].values():
        for run in runs:
            hits = np.flatnonzero(np.asarray(run["train_accuracy"]) >= FIT)
            if not hits.size:
                return f"never (not every run does within {last:,} steps)"
            firsts.append(min((hits[0] + 1) * _steps_per_epoch(result), last))
    return count(max(firsts))


def _eval_steps(result: Result) -> np.ndarray:
    return np.asarray(result.payload["histories"]["batch"][0]["test_steps"])


def _test_acc(result: Result, variant: str) -> np.ndarray:
    """Per seed × evaluation, the test accuracy."""
    return np.array([r["test_accuracy"] for r in result.payload["histories"][variant]])


def _first_eval(result: Result) -> int:
    return int(np.flatnonzero(_eval_steps(result) > 0)[0])


def ioffe_first_eval_acc(variant: str):
    return lambda r: pct_range(_test_acc(r, variant)[:, _first_eval(r)])


def ioffe_catch_up(result: Result) -> str:
    """The first evaluation at which the seed-mean test accuracy without BN reaches BN's."""
    steps = _eval_steps(result)
    mean = {v: _test_acc(result, v).mean(axis=0) for v in ("none", "batch")}
    caught = (steps > 0) & (mean["none"] >= mean["batch"])
    return count(steps[caught][0]) if caught.any() else f"never (within {steps[-1]:,} steps)"


def ioffe_final_gap(result: Result) -> str:
    """Per seed, the final test accuracy without BN − with BN."""
    return _signed(_test_acc(result, "none")[:, -1] - _test_acc(result, "batch")[:, -1])


def ioffe_late_drift(variant: str):
    """Per seed, the median over the units of how far a unit's 15th/50th/85th percentiles move
    from the end of the early phase (EARLY of the steps) to the end of training."""

    def render(result: Result) -> str:
        steps = np.asarray(result.payload["histories"][variant][0]["percentile_steps"])
        late = steps >= EARLY * result.spec["steps"]
        percentiles = result.arrays[f"{variant}_percentiles"][:, late]
        return num_range(np.median(percentile_drift(percentiles), axis=-1), 2)

    return render


IOFFE = [
    Value("ioffe-split", "ioffe_fig1", ioffe_split, "MNIST digits in the train/val/test split"),
    Value("ioffe-n-train", "ioffe_fig1", lambda r: count(r.data["n_train"]), "training digits"),
    Value("ioffe-steps", "ioffe_fig1", lambda r: count(r.spec["steps"]), "SGD steps per run"),
    Value("ioffe-seeds", "ioffe_fig1", seeds, "seeds (runs per network)"),
    Value("ioffe-passes", "ioffe_fig1", ioffe_passes, "passes over the training set per run"),
    Value(
        "ioffe-fit-step",
        "ioffe_fig1",
        ioffe_fit_step,
        "step by which every run has had an epoch at 100 % training accuracy",
    ),
    Value(
        "ioffe-select-steps",
        "ioffe_fig1",
        lambda r: count(r.spec["select_steps"]),
        "SGD steps of each learning-rate candidate (network without BN)",
    ),
    Value(
        "ioffe-probe-size",
        "ioffe_fig1",
        lambda r: count(r.spec["probe_size"]),
        "test images the sigmoid-input percentiles are taken over",
    ),
    Value(
        "ioffe-first-eval-step",
        "ioffe_fig1",
        lambda r: count(_eval_steps(r)[_first_eval(r)]),
        "step of the first test evaluation after the start",
    ),
    Value(
        "ioffe-first-eval-bn",
        "ioffe_fig1",
        ioffe_first_eval_acc("batch"),
        "test accuracy with BN at the first evaluation, per seed",
    ),
    Value(
        "ioffe-first-eval-none",
        "ioffe_fig1",
        ioffe_first_eval_acc("none"),
        "test accuracy without BN at the first evaluation, per seed",
    ),
    Value(
        "ioffe-catch-up-step",
        "ioffe_fig1",
        ioffe_catch_up,
        "first step at which the network without BN is as accurate as BN (seed means)",
    ),
    Value(
        "ioffe-bn-final",
        "ioffe_fig1",
        lambda r: pct_range(_test_acc(r, "batch")[:, -1]),
        "final test accuracy with BN, per seed",
    ),
    Value(
        "ioffe-final-gap",
        "ioffe_fig1",
        ioffe_final_gap,
        "final test accuracy without BN − with BN: mean and per seed",
    ),
    Value(
        "ioffe-early-steps",
        "ioffe_fig1",
        lambda r: count(EARLY * r.spec["steps"]),
        f"steps in the first {EARLY:.0%} of training (the claims' 'early')",
    ),
    Value(
        "ioffe-late-drift-bn",
        "ioffe_fig1",
        ioffe_late_drift("batch"),
        "with BN, median unit's percentile movement after the early steps, per seed",
    ),
    Value(
        "ioffe-late-drift-none",
        "ioffe_fig1",
        ioffe_late_drift("none"),
        "without BN, median unit's percentile movement after the early steps, per seed",
    ),
]


# --- Santurkar et al. (santurkar) ----------------------------------------------------------------


def santurkar_val(variant: str):
    return lambda r: pct_range(finals(r.payload["histories"][variant], "val_accuracy"))


def santurkar_loss_ratio(variant: str):
    """Per seed, highest ÷ lowest loss along the gradient, averaged over the measurements."""

    def render(result: Result) -> str:
        runs = result.payload["histories"][variant]
        ratios = [np.mean(np.divide(r["opt_loss_max"], r["opt_loss_min"])) for r in runs]
        return num_range(ratios, 2)

    return render


SANTURKAR = [
    Value(
        "santurkar-n-train",
        "santurkar",
        lambda r: count(r.data["n_train"]),
        "training images",
    ),
    Value(
        "santurkar-epochs",
        "santurkar",
        lambda r: count(r.spec["train"]["epochs"]),
        "epochs per run",
    ),
    Value("santurkar-steps", "santurkar", lambda r: count(steps_per_run(r)), "SGD steps per run"),
    Value(
        "santurkar-every",
        "santurkar",
        lambda r: count(r.spec["every"]),
        "steps between ICS, landscape and percentile measurements",
    ),
    Value("santurkar-seeds", "santurkar", seeds, "seeds (runs per network)"),
    Value(
        "santurkar-noisy-val",
        "santurkar",
        santurkar_val("noisy_batch"),
        "final validation accuracy of noisy BN (inference mode, noise off), per seed",
    ),
    Value(
        "santurkar-bn-val",
        "santurkar",
        santurkar_val("batch"),
        "final validation accuracy with BN, per seed",
    ),
    Value(
        "santurkar-loss-ratio-none",
        "santurkar",
        santurkar_loss_ratio("none"),
        "without BN, highest ÷ lowest loss along the gradient (mean over steps), per seed",
    ),
    Value(
        "santurkar-loss-ratio-bn",
        "santurkar",
        santurkar_loss_ratio("batch"),
        "with BN, highest ÷ lowest loss along the gradient (mean over steps), per seed",
    ),
]


# --- Wu & He, Fig. 1 (batch_size_sweep) ----------------------------------------------------------


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


WU_HE = [
    Value(
        "wuhe-n-train",
        "batch_size_sweep",
        lambda r: count(r.data["n_train"]),
        "training images",
    ),
    Value(
        "wuhe-n-val",
        "batch_size_sweep",
        lambda r: count(r.data["n_val"]),
        "validation images",
    ),
    Value(
        "wuhe-epochs",
        "batch_size_sweep",
        lambda r: count(r.spec["train"]["epochs"]),
        "epochs per run, at every batch size",
    ),
    Value("wuhe-seeds", "batch_size_sweep", seeds, "seeds per batch size and normalization"),
    Value(
        "wuhe-gn-mean-range",
        "batch_size_sweep",
        wuhe_gn_mean_range,
        "range over batch sizes 2–32 of Group Norm's mean validation error",
    ),
    Value(
        "wuhe-gn-seed-spread",
        "batch_size_sweep",
        wuhe_gn_seed_spread,
        "Group Norm's spread over seeds at one batch size (2–32): smallest–largest",
    ),
    Value(
        "wuhe-steps-largest-batch",
        "batch_size_sweep",
        wuhe_steps(max),
        "optimizer steps of one run at the largest batch size",
    ),
    Value(
        "wuhe-steps-smallest-batch",
        "batch_size_sweep",
        wuhe_steps(min),
        "optimizer steps of one run at the smallest batch size",
    ),
    Value(
        "wuhe-bn-train-range",
        "batch_size_sweep",
        wuhe_bn_range("train_accuracy"),
        "per seed, range over batch sizes of BN's last-epoch training accuracy (training mode)",
    ),
    Value(
        "wuhe-bn-val-range",
        "batch_size_sweep",
        wuhe_bn_range("val_accuracy"),
        "per seed, range over batch sizes of BN's final validation accuracy (inference mode)",
    ),
]

VALUES: list[Value] = [*IOFFE, *SANTURKAR, *WU_HE]
