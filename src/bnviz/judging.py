"""The one rule that judges every comparative claim (the page "How claims are judged" explains it).

A comparison is a list of paired per-seed differences (variant A − variant B, same seed: same
initial weights, same batches, same data split). Its 95 % interval is

    mean(d) ± t(0.975, n − 1) · √( s²/n + e² )

where s is the standard deviation of the n differences (the seed spread: initialization, batch
order and which images fall in the training and validation sets) and e is the standard error of
one difference due to the evaluation set being a finite sample (for an accuracy measured on N
images: √((p_A(1 − p_A) + p_B(1 − p_B)) / N); 0 for quantities that are not a proportion).

Against the claim's margin m, fixed with the claim before the run that judges it:
- "greater" (the difference exceeds m): supported if the interval lies above m, contradicted if it
  lies below m, within noise otherwise;
- "within" (the difference lies between −m and m): supported if the interval lies inside (−m, m),
  contradicted if it lies wholly outside, within noise otherwise.
A claim made of several comparisons ("at every learning rate") is supported when all of them
are, contradicted when any of them is, and within noise otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

SUPPORTED, CONTRADICTED, WITHIN_NOISE = "supported", "contradicted", "within noise"
OUTCOMES = (SUPPORTED, CONTRADICTED, WITHIN_NOISE)
PASSES, FAILS = "passes", "fails"  # the outcomes of a check (a fact true by construction)
CONFIDENCE = 0.95
KINDS = ("greater", "within")
ACCURACY_MARGIN = 0.5  # percentage points: the default margin of every accuracy comparison


@dataclass(frozen=True)
class Comparison:
    what: str  # what is compared, e.g. "final validation accuracy, with BN − without"
    diffs: tuple[float, ...]  # paired per-seed differences, in display units
    margin: float = 0.0  # in display units
    eval_se: float = 0.0  # evaluation-set standard error of one difference, display units
    kind: str = "greater"
    unit: str = " points"
    digits: int = 1  # decimals when the comparison is described
    pairs: str = "seed"  # what pairs the differences: a seed, or a timing repeat

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown comparison kind {self.kind!r}; choose one of {KINDS}")

    @property
    def mean(self) -> float:
        return float(np.mean(self.diffs))

    @property
    def seed_se(self) -> float:
        """The seed spread's standard error; infinite with one seed (no spread to measure)."""
        if len(self.diffs) < 2:
            return math.inf
        return float(np.std(self.diffs, ddof=1) / math.sqrt(len(self.diffs)))

    @property
    def half_width(self) -> float:
        if len(self.diffs) < 2:
            return math.inf  # one seed: no interval, so never more than within noise
        t = stats.t.ppf(0.5 + CONFIDENCE / 2, len(self.diffs) - 1)
        return float(t * math.hypot(self.seed_se, self.eval_se))

    @property
    def interval(self) -> tuple[float, float]:
        return self.mean - self.half_width, self.mean + self.half_width

    @property
    def outcome(self) -> str:
        lo, hi = self.interval
        m = self.margin
        if self.kind == "greater":
            return SUPPORTED if lo > m else CONTRADICTED if hi < m else WITHIN_NOISE
        if -m < lo and hi < m:
            return SUPPORTED
        return CONTRADICTED if lo > m or hi < -m else WITHIN_NOISE

    def describe(self) -> str:
        lo, hi = self.interval
        f = f".{self.digits}f"
        need = (
            f"above {self.margin:{f}}" if self.kind == "greater" else (f"inside ±{self.margin:{f}}")
        )
        return (
            f"{self.what}: {self.mean:+{f}}{self.unit}, 95 % interval [{lo:+{f}}, {hi:+{f}}] "
            f"(needed: {need}; per {self.pairs} {', '.join(f'{d:+{f}}' for d in self.diffs)}) — "
            f"{self.outcome}"
        )


def combine(comparisons: Sequence[Comparison]) -> str:
    """Supported if every comparison is, contradicted if any is, within noise otherwise."""
    outcomes = [c.outcome for c in comparisons]
    if all(o == SUPPORTED for o in outcomes):
        return SUPPORTED
    return CONTRADICTED if CONTRADICTED in outcomes else WITHIN_NOISE


def accuracy_se(p_a: float, p_b: float, n_eval: int) -> float:
    """Standard error, in percentage points, of the difference of two accuracies measured on
    `n_eval` images each. Treating the two as independent overstates it when both are measured
    on the same images, which keeps the rule conservative."""
    return 100 * math.sqrt((p_a * (1 - p_a) + p_b * (1 - p_b)) / n_eval)


def accuracies(
    what: str, a, b, n_eval: int, margin: float = 0.0, kind: str = "greater"
) -> Comparison:
    """Accuracies (0–1) of variants A and B, paired per seed, compared in percentage points."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return Comparison(
        what,
        tuple(100 * (a - b)),
        margin,
        accuracy_se(a.mean(), b.mean(), n_eval),
        kind,
        " points",
    )


def values(
    what: str, a, b, margin: float = 0.0, kind: str = "greater", unit: str = "", digits: int = 3
) -> Comparison:
    """Any other paired quantity (losses, steps, ratios): the seed spread is the whole error."""
    diffs = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    return Comparison(what, tuple(diffs), margin, 0.0, kind, unit, digits)
