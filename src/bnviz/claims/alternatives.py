"""Claims of the limitations and alternatives chapters (slides 13-14)."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, finals
from bnviz.figures.style import LABELS
from bnviz.results import Result


def _final_means(histories: dict) -> dict[str, float]:
    return {norm: float(finals(runs, "val_accuracy").mean()) for norm, runs in histories.items()}


def _ranking(means: dict[str, float]) -> str:
    ordered = sorted(means.items(), key=lambda item: -item[1])
    return ", ".join(f"{LABELS[norm]} {value:.1%}" for norm, value in ordered)


def bn_best_normalization(result: Result) -> Verdict:
    means = _final_means(result.payload["histories"])
    best = max(means, key=means.get)
    return Verdict(best == "batch", f"mean final validation accuracy: {_ranking(means)}.")


def every_norm_beats_none(result: Result) -> Verdict:
    means = _final_means(result.payload["histories"])
    others = {k: v for k, v in means.items() if k != "none"}
    return Verdict(
        min(others.values()) > means["none"],
        f"lowest with a normalization: {LABELS[min(others, key=others.get)]} "
        f"{min(others.values()):.1%}; without any: {means['none']:.1%}.",
    )


def errors_by_batch_size(result: Result) -> tuple[list[int], dict[str, np.ndarray]]:
    sweep = result.payload["sweep"]
    sizes = [int(b) for b in sweep]
    norms = list(next(iter(sweep.values())))
    errors = {
        n: np.array([1 - finals(sweep[b][n], "val_accuracy").mean() for b in sweep]) for n in norms
    }
    return sizes, errors


def errors_row(sizes, errors) -> str:
    return ", ".join(f"{s}: {e:.1%}" for s, e in zip(sizes, errors, strict=True))


def bn_worse_at_small_batches(result: Result) -> Verdict:
    sizes, errors = errors_by_batch_size(result)
    small, large = errors["batch"][sizes.index(min(sizes))], errors["batch"][sizes.index(32)]
    return Verdict(
        small > large,
        f"BN validation error by batch size — {errors_row(sizes, errors['batch'])}.",
    )


def bn_train_accuracy_flat(result: Result) -> Verdict:
    sweep = result.payload["sweep"]
    train = {int(b): float(finals(d["batch"], "train_accuracy").mean()) for b, d in sweep.items()}
    spread = max(train.values()) - min(train.values())
    return Verdict(
        spread < 0.01,
        "BN's mean training accuracy in the last epoch (training mode) by batch size — "
        + ", ".join(f"{b}: {a:.1%}" for b, a in train.items())
        + f"; range {spread:.1%}.",
    )


def gn_flatter_than_bn(result: Result) -> Verdict:
    sizes, errors = errors_by_batch_size(result)
    spread = {n: float(e.max() - e.min()) for n, e in errors.items()}
    return Verdict(
        spread["group"] < spread["batch"],
        "range of validation error over batch sizes: "
        + ", ".join(f"{LABELS[n]} {s:.1%}" for n, s in spread.items())
        + f". Group Norm by batch size — {errors_row(sizes, errors['group'])}.",
    )


def bn_training_step_slower(result: Result) -> Verdict:
    median = result.payload["median"]
    ratio_train = median["batch"]["train_step_s"] / median["none"]["train_step_s"]
    ratio_infer = median["batch"]["inference_s"] / median["none"]["inference_s"]
    return Verdict(
        ratio_train > 1.0,
        f"time with BN ÷ time without, median of {result.spec['repeats']} repeats: "
        f"training step ×{ratio_train:.2f}, inference batch ×{ratio_infer:.2f} "
        f"({result.provenance['hardware']['cpu']}).",
    )


def _shift(result: Result):
    acc = {v: np.asarray(runs).mean(axis=0) for v, runs in result.payload["test_accuracy"].items()}
    contrasts = result.spec["contrasts"]
    return contrasts, acc, contrasts.index(0.25) if 0.25 in contrasts else -1


def bn_drops_more_than_gn(result: Result) -> Verdict:
    contrasts, acc, i = _shift(result)
    drop = {v: a[0] - a[i] for v, a in acc.items()}
    return Verdict(
        drop["batch"] > drop["group"],
        f"test accuracy lost going from contrast 1 to {contrasts[i]:g}: BN (moving averages) "
        f"{drop['batch']:.1%}, Group Norm {drop['group']:.1%}, BN with test-batch statistics "
        f"{drop['batch_test_stats']:.1%}.",
    )


def test_stats_help(result: Result) -> Verdict:
    contrasts, acc, i = _shift(result)
    return Verdict(
        acc["batch_test_stats"][i] > acc["batch"][i],
        f"test accuracy at contrast {contrasts[i]:g}: BN with moving averages "
        f"{acc['batch'][i]:.1%}, BN with the test batch's statistics "
        f"{acc['batch_test_stats'][i]:.1%}.",
    )


CLAIMS = [
    Claim(
        "alternatives-bn-best",
        "Of the six variants, BN ends with the highest validation accuracy.",
        "norm_comparison",
        bn_best_normalization,
        expected=False,
    ),
    Claim(
        "alternatives-all-beat-none",
        "Every normalization ends with a higher validation accuracy than no normalization.",
        "norm_comparison",
        every_norm_beats_none,
    ),
    Claim(
        "batch-bn-small-worse",
        "BN's validation error is higher with 2 images per batch than with 32.",
        "batch_size_sweep",
        bn_worse_at_small_batches,
        expected=False,
    ),
    Claim(
        "batch-bn-trains-at-every-size",
        "In training mode, BN's accuracy on its training batches is the same (within 1 point) at "
        "every batch size.",
        "batch_size_sweep",
        bn_train_accuracy_flat,
        expected=False,
    ),
    Claim(
        "batch-gn-flatter",
        "Group Norm's error changes less across batch sizes than BN's.",
        "batch_size_sweep",
        gn_flatter_than_bn,
    ),
    Claim(
        "overhead-train",
        "A training step with BN takes longer than the same step without it.",
        "bn_overhead",
        bn_training_step_slower,
    ),
    Claim(
        "shift-bn-drops",
        "Under a contrast shift at test time, BN in inference mode loses more accuracy than Group "
        "Norm.",
        "test_shift",
        bn_drops_more_than_gn,
    ),
    Claim(
        "shift-test-stats-help",
        "Normalizing with the test batch's own statistics recovers accuracy that BN's moving "
        "averages lose under the shift.",
        "test_shift",
        test_stats_help,
    ),
]
