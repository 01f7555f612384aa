"""Values of the learning-rate sweep (lr_sweep, benefits.md): where each network diverges, and
BN evaluated with its moving averages and with re-estimated statistics; see `bnviz.values`."""

from __future__ import annotations

from bnviz.claims import finals
from bnviz.experiments.lr_sweep import diverged
from bnviz.judging import ACCURACY_MARGIN
from bnviz.results import Result
from bnviz.values import epoch_count, pct_range, table
from bnviz.values.benefits import lr, points_range

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
    if not deficits:
        return f"none of the {len(sweep(r))} rates"
    return rates_list([rate for rate, _ in deficits])


def lr_behind_by(r: Result) -> str:
    deficits = bn_deficits(r)
    return points_range([-d for _, d in deficits]) if deficits else "n/a"


def at_smallest(variant: str, key: str, epoch: int = -1):
    """Per-seed range of `key` after `epoch` (default: the last) at the sweep's smallest rate."""
    return lambda r: pct_range([h[key][epoch] for h in sweep(r)[0][1][variant]])


VALUES = table(
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
