"""Values of the reproduction of Ioffe & Szegedy's Fig. 1 (ioffe_fig1, reproduce-ioffe.md); see
`bnviz.values`. Accuracies are per-seed ranges unless a value says "mean"; a difference of
accuracies is in percentage points. Every value reads the result on display, so the setup
table's "ours" column follows the profile shown; the `full` column describes a run that does not
exist yet and stays typed.
"""

from __future__ import annotations

import numpy as np

from bnviz.analysis import percentile_drift
from bnviz.claims.ioffe import EARLY
from bnviz.results import Result
from bnviz.values import (
    count,
    data_count,
    num_range,
    pct_range,
    runs,
    seed_count,
    spec_count,
    steps_per_epoch,
    table,
)

FIT = 1 - 1e-6  # training accuracy counted as 100 %


def _signed(xs) -> str:
    """Per-seed differences of fractions -> '0.8 points higher (per seed +0.7 to +1.1)'."""
    xs = 100 * np.asarray(xs)
    word = "higher" if xs.mean() >= 0 else "lower"
    per_seed = f"{xs.min():+.1f} to {xs.max():+.1f}".replace("-", "−")
    return f"{abs(xs.mean()):.1f} points {word} (per seed {per_seed})"


def ioffe_split(result: Result) -> str:
    d = result.data
    return f"{count(d['n_train'])} train, {count(d['n_val'])} validation, {count(d['n_test'])} test"


def ioffe_passes(result: Result) -> str:
    """Passes over the training set in one run (the runs stop at a step count, not an epoch)."""
    return count(result.spec["steps"] / steps_per_epoch(result))


def ioffe_fit_step(result: Result) -> str:
    """The step by which every run (both networks, every seed) has had a span of `every`
    steps at 100 % training accuracy (the history has one entry per span)."""
    last, firsts = result.spec["steps"], []
    for variant_runs in result.payload["histories"].values():
        for run in variant_runs:
            hits = np.flatnonzero(np.asarray(run["train_accuracy"]) >= FIT)
            if not hits.size:
                return f"never (not every run does within {last:,} steps)"
            firsts.append(min((hits[0] + 1) * result.spec["every"], last))
    return count(max(firsts))


def _eval_steps(result: Result) -> np.ndarray:
    return np.asarray(runs(result, "batch")[0]["test_steps"])


def _test_acc(result: Result, variant: str) -> np.ndarray:
    """Per seed × evaluation, the test accuracy."""
    return np.array([r["test_accuracy"] for r in runs(result, variant)])


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


def _higher_acc(result: Result) -> np.ndarray:
    """Per seed × evaluation, the test accuracy of BN at the higher learning rate."""
    return np.array([r["test_accuracy"] for r in result.payload["higher_lr"]["batch"]])


def ioffe_area(which: str):
    """Per seed, test accuracy averaged over the run: BN at the chosen rate or the higher one."""

    def render(result: Result) -> str:
        acc = _higher_acc(result) if which == "higher" else _test_acc(result, "batch")
        return pct_range(acc.mean(axis=1))

    return render


def ioffe_late_drift(variant: str):
    """Per seed, the median over the units of how far a unit's 15th/50th/85th percentiles move
    from the end of the early phase (EARLY of the steps) to the end of training."""

    def render(result: Result) -> str:
        steps = np.asarray(runs(result, variant)[0]["percentile_steps"])
        late = steps >= EARLY * result.spec["steps"]
        percentiles = result.arrays[f"{variant}_percentiles"][:, late]
        return num_range(np.median(percentile_drift(percentiles), axis=-1), 2)

    return render


VALUES = table(
    "ioffe_fig1",
    ("ioffe-split", ioffe_split, "MNIST digits in the train/val/test split"),
    ("ioffe-n-train", data_count("n_train"), "training digits"),
    ("ioffe-steps", spec_count("steps"), "SGD steps per run"),
    ("ioffe-seeds", seed_count, "seeds (runs per network)"),
    ("ioffe-every", spec_count("every"), "steps between measurements", True),
    ("ioffe-passes", ioffe_passes, "passes over the training set per run"),
    (
        "ioffe-fit-step",
        ioffe_fit_step,
        "step by which every run has had a span of `every` steps at 100 % training accuracy",
    ),
    (
        "ioffe-select-steps",
        spec_count("select_steps"),
        "SGD steps of each learning-rate candidate (network without BN)",
    ),
    (
        "ioffe-probe-size",
        spec_count("probe_size"),
        "test images the sigmoid-input percentiles are taken over",
    ),
    (
        "ioffe-first-eval-step",
        lambda r: count(_eval_steps(r)[_first_eval(r)]),
        "step of the first test evaluation after the start",
    ),
    (
        "ioffe-first-eval-bn",
        ioffe_first_eval_acc("batch"),
        "test accuracy with BN at the first evaluation, per seed",
    ),
    (
        "ioffe-first-eval-none",
        ioffe_first_eval_acc("none"),
        "test accuracy without BN at the first evaluation, per seed",
    ),
    (
        "ioffe-catch-up-step",
        ioffe_catch_up,
        "first step at which the network without BN is as accurate as BN (seed means)",
    ),
    (
        "ioffe-bn-final",
        lambda r: pct_range(_test_acc(r, "batch")[:, -1]),
        "final test accuracy with BN, per seed",
    ),
    (
        "ioffe-final-gap",
        ioffe_final_gap,
        "final test accuracy without BN − with BN: mean and per seed",
    ),
    (
        "ioffe-early-steps",
        lambda r: count(EARLY * r.spec["steps"]),
        f"steps in the first {EARLY:.0%} of training (the claims' 'early')",
    ),
    (
        "ioffe-late-drift-bn",
        ioffe_late_drift("batch"),
        "with BN, median unit's percentile movement after the early steps, per seed",
    ),
    (
        "ioffe-late-drift-none",
        ioffe_late_drift("none"),
        "without BN, median unit's percentile movement after the early steps, per seed",
    ),
    (
        "ioffe-higher-lr",
        lambda r: f"{r.payload['higher_lr']['learning_rate']:g}",
        "the higher learning rate BN also trains at (bn_lr_scale × the chosen rate)",
    ),
    (
        "ioffe-chosen-lr",
        lambda r: f"{r.payload['learning_rate']:g}",
        "the learning rate chosen for the network without BN",
    ),
    (
        "ioffe-area-bn",
        ioffe_area("chosen"),
        "BN's test accuracy averaged over the run at the chosen rate, per seed",
    ),
    (
        "ioffe-area-bn-higher",
        ioffe_area("higher"),
        "BN's test accuracy averaged over the run at the higher rate, per seed",
    ),
    (
        "ioffe-final-bn-higher",
        lambda r: pct_range(_higher_acc(r)[:, -1]),
        "BN's final test accuracy at the higher rate, per seed",
    ),
)
