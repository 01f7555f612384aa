"""Claims are data: an id, the sentence a page states, the experiment it reads, and a check.

A check reads a result and returns a `Verdict`: supported or not, with the measured numbers.
Pages show verdicts (a mkdocs hook turns `<!-- claim: id -->` into a box); tests assert them.
A claim the data does not support is shown as not supported; it is never tuned away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bnviz.errors import BnvizError
from bnviz.results import Result


@dataclass(frozen=True)
class Verdict:
    supported: bool
    measured: str  # one sentence with the numbers


@dataclass(frozen=True)
class Claim:
    id: str
    sentence: str
    experiment: str
    check: Callable[[Result], Verdict]
    expected: bool = True  # what the page (and its test) says the data shows


def epochs_to_reach(curve, target: float) -> int | None:
    """First epoch (1-based) at which `curve` reaches `target`, or None if it never does."""
    hits = np.flatnonzero(np.asarray(curve) >= target)
    return int(hits[0]) + 1 if hits.size else None


def _fmt_epochs(values: list[int | None], epochs: int) -> str:
    return ", ".join(str(v) if v is not None else f">{epochs}" for v in values)


TARGET_VAL_ACCURACY = 0.95


def _bn_reaches_target_sooner(result: Result) -> Verdict:
    runs = result.payload["histories"]
    epochs = len(runs["batch"][0]["val_accuracy"])
    reach = {
        v: [epochs_to_reach(h["val_accuracy"], TARGET_VAL_ACCURACY) for h in runs[v]]
        for v in ("batch", "none")
    }
    # a run that never reaches the target counts as one epoch past the end
    worst_bn = max(e or epochs + 1 for e in reach["batch"])
    best_plain = min(e or epochs + 1 for e in reach["none"])
    supported = worst_bn < best_plain
    return Verdict(
        supported,
        f"epochs to {TARGET_VAL_ACCURACY:.0%} validation accuracy, per seed: with BN "
        f"{_fmt_epochs(reach['batch'], epochs)}; without BN {_fmt_epochs(reach['none'], epochs)} "
        f"(of {epochs} epochs).",
    )


def _final(runs, key):
    return np.array([h[key][-1] for h in runs])


def _mean_range(values: np.ndarray) -> str:
    return f"{values.mean():.1%} (range {values.min():.1%}–{values.max():.1%})"


def _bn_final_val_higher(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn, plain = _final(runs["batch"], "val_accuracy"), _final(runs["none"], "val_accuracy")
    return Verdict(
        bool(bn.min() > plain.max()),
        f"final validation accuracy: with BN {_mean_range(bn)}, without BN {_mean_range(plain)}.",
    )


CLAIMS = {
    c.id: c
    for c in [
        Claim(
            "curves-bn-faster",
            f"With BN, every seed of the small CNN reaches {TARGET_VAL_ACCURACY:.0%} validation "
            "accuracy in fewer epochs than any seed without BN.",
            "training_curves",
            _bn_reaches_target_sooner,
        ),
        Claim(
            "curves-bn-final-higher",
            "After the last epoch, every seed with BN has a higher validation accuracy than "
            "every seed without BN.",
            "training_curves",
            _bn_final_val_higher,
        ),
    ]
}


def get(claim_id: str) -> Claim:
    if claim_id not in CLAIMS:
        raise BnvizError(f"unknown claim {claim_id!r}; `bnviz claims` lists them")
    return CLAIMS[claim_id]


def evaluate(claim_id: str, load: Callable[[str], Result]) -> Verdict:
    claim = get(claim_id)
    return claim.check(load(claim.experiment))
