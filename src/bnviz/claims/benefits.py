"""Claims of the slide-7 chapter: the benefits the original talk lists, measured."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, finals, mean_range
from bnviz.results import Result

WORKS = 0.90  # a learning rate "works" when the mean final validation accuracy reaches this


def largest_working_lr(sweep: dict, variant: str) -> float | None:
    ok = [
        float(lr)
        for lr, runs in sweep.items()
        if finals(runs[variant], "val_accuracy").mean() >= WORKS
    ]
    return max(ok) if ok else None


def bn_allows_higher_lr(result: Result) -> Verdict:
    sweep = result.payload["sweep"]
    bn, plain = largest_working_lr(sweep, "batch"), largest_working_lr(sweep, "none")
    table = "; ".join(
        f"lr {float(lr):g}: with BN {finals(runs['batch'], 'val_accuracy').mean():.1%}, "
        f"without {finals(runs['none'], 'val_accuracy').mean():.1%}"
        for lr, runs in sweep.items()
    )
    return Verdict(
        bn is not None and (plain is None or bn > plain),
        f"largest learning rate reaching {WORKS:.0%} mean validation accuracy: with BN {bn}, "
        f"without BN {plain}. Mean final validation accuracy — {table}.",
    )


def _gap(runs) -> np.ndarray:
    return finals(runs, "train_accuracy") - finals(runs, "val_accuracy")


def bn_shrinks_gap(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn, neither = _gap(runs["batch"]), _gap(runs["neither"])
    return Verdict(
        bn.mean() < neither.mean(),
        "train − validation accuracy gap after the last epoch: with BN "
        f"{mean_range(bn, unit=' pp')}, with neither BN nor dropout "
        f"{mean_range(neither, unit=' pp')}.",
    )


def bn_matches_dropout(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn, drop = finals(runs["batch"], "val_accuracy"), finals(runs["dropout"], "val_accuracy")
    both = finals(runs["both"], "val_accuracy")
    return Verdict(
        bn.mean() >= drop.mean(),
        f"final validation accuracy: BN only {mean_range(bn)}, dropout only {mean_range(drop)}, "
        f"both {mean_range(both)}, neither {mean_range(finals(runs['neither'], 'val_accuracy'))}.",
    )


CLAIMS = [
    Claim(
        "lr-bn-higher",
        f"With BN, the network still learns (≥ {WORKS:.0%} validation accuracy) at a larger "
        "learning rate than without BN.",
        "lr_sweep",
        bn_allows_higher_lr,
    ),
    Claim(
        "bn-regularizes",
        "BN acts as a regularizer: with BN the gap between training and validation accuracy is "
        "smaller than with neither BN nor dropout.",
        "dropout_vs_bn",
        bn_shrinks_gap,
        expected=False,
    ),
    Claim(
        "bn-replaces-dropout",
        "BN alone reaches at least the validation accuracy of dropout alone, so it can replace "
        "dropout here.",
        "dropout_vs_bn",
        bn_matches_dropout,
        expected=False,
    ),
]


def bn_better_at_every_lr(result: Result) -> Verdict:
    sweep = result.payload["sweep"]
    worse = [
        float(lr)
        for lr, runs in sweep.items()
        if finals(runs["batch"], "val_accuracy").mean()
        <= finals(runs["none"], "val_accuracy").mean()
    ]
    epochs = result.spec["train"]["epochs"]
    return Verdict(
        not worse,
        f"after {epochs} epochs, BN is not ahead at learning rate(s) "
        f"{', '.join(f'{lr:g}' for lr in worse) or 'none'} of "
        f"{', '.join(f'{float(lr):g}' for lr in sweep)}.",
    )


CLAIMS.append(
    Claim(
        "lr-bn-faster-everywhere",
        "At every learning rate of the sweep, the network with BN ends with a higher validation "
        "accuracy than the one without.",
        "lr_sweep",
        bn_better_at_every_lr,
        expected=False,
    )
)


def bn_trains_faster_everywhere(result: Result) -> Verdict:
    sweep = result.payload["sweep"]
    rows = []
    for lr, runs in sweep.items():
        bn = finals(runs["batch"], "train_loss")
        plain = finals(runs["none"], "train_loss")
        plain_mean = plain.mean() if np.all(np.isfinite(plain)) else float("inf")
        rows.append((float(lr), bn.mean(), plain_mean))
    return Verdict(
        all(bn < plain for _, bn, plain in rows),
        "mean final training loss, with BN vs without: "
        + "; ".join(f"lr {lr:g}: {bn:.3f} vs {plain:.3f}" for lr, bn, plain in rows)
        + " (inf: diverged).",
    )


CLAIMS.append(
    Claim(
        "lr-bn-train-loss-lower",
        "At every learning rate of the sweep, the network with BN ends with a lower training loss "
        "than the one without.",
        "lr_sweep",
        bn_trains_faster_everywhere,
    )
)
