"""The one rule that judges every comparative claim (the page "How claims are judged" derives it).

A comparison is a list of paired per-seed differences d_i (variant A − variant B, same seed:
same initial weights, same batches, same data split, scored on the same images). Its 95 %
interval is

    mean(d) ± t(0.975, ν) · √( s²/n + e² )

- s²/n is the seed spread's variance of the mean (s: standard deviation of the n differences).
  When every seed draws its own evaluation images, s² already holds their sampling noise, so
  nothing is added for it (e = 0): each source of noise is counted once.
- e² is added only where the seeds share their evaluation images (Fashion-MNIST's 10,000 test
  images): the part of the images' sampling noise that every seed has in common, which the seed
  spread cannot see. From the per-image paired differences X_ij (seed i, image j; D_j their
  mean over seeds) it is the crossed two-way estimate e² = max(0, var_j(D_j) − MS_AB/n) / N,
  where MS_AB is the seed × image interaction mean square (already inside s²). Images an
  evaluation gets right (or wrong) under both variants add nothing: the term is paired.
- ν is the Welch–Satterthwaite degrees of freedom of the sum: n − 1 when the seed spread
  dominates (few seeds make it uncertain), larger when the well-measured shared term does.

Against the claim's margin m, fixed with the claim before the run that judges it:
- "greater" (the difference exceeds m): supported if the interval lies above m, contradicted if it
  lies below m, within noise otherwise;
- "within" (the difference lies between −m and m): supported if the interval lies inside (−m, m),
  contradicted if it lies wholly outside, within noise otherwise.
A claim made of several comparisons ("at every learning rate") is supported when all of them
are, contradicted when any of them is, and within noise otherwise. The interval's half-width is
the comparison's resolution: the smallest difference the run can tell from none.
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
# the outcome of a measurement: a difference the run cannot resolve against a margin (its
# resolution is coarser than any margin worth claiming) is shown with its interval, not judged
MEASURED = "measured"
CONFIDENCE = 0.95
KINDS = ("greater", "within")
ACCURACY_MARGIN = 0.5  # percentage points: the default margin of every accuracy comparison


@dataclass(frozen=True)
class Comparison:
    what: str  # what is compared, e.g. "final validation accuracy, with BN − without"
    diffs: tuple[float, ...]  # paired per-seed differences, in display units
    margin: float = 0.0  # in display units
    shared_se: float = 0.0  # error of the mean shared by every seed's images (e), display units
    kind: str = "greater"
    unit: str = " points"
    digits: int = 1  # decimals when the comparison is described
    pairs: str = "seed"  # what pairs the differences: a seed, or a timing repeat
    shared_df: float = math.inf  # degrees of freedom of `shared_se` (images − 1)

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
    def df(self) -> float:
        """Welch–Satterthwaite degrees of freedom of s²/n + e²."""
        seed_var, shared_var = self.seed_se**2, self.shared_se**2
        if seed_var + shared_var == 0:
            return len(self.diffs) - 1.0
        terms = seed_var**2 / (len(self.diffs) - 1) + shared_var**2 / self.shared_df
        return (seed_var + shared_var) ** 2 / terms

    @property
    def half_width(self) -> float:
        """The interval's half-width: the comparison's resolution."""
        if len(self.diffs) < 2:
            return math.inf  # one seed: no interval, so never more than within noise
        t = stats.t.ppf(0.5 + CONFIDENCE / 2, self.df)
        return float(t * math.hypot(self.seed_se, self.shared_se))

    @property
    def interval(self) -> tuple[float, float]:
        return self.mean - self.half_width, self.mean + self.half_width

    @property
    def resolves(self) -> bool:
        """Whether the run can resolve the margin: the resolution is at most the margin (for a
        "greater" claim with margin 0, whether it can tell the sign of a difference of its own
        size)."""
        if self.margin:
            return self.half_width <= abs(self.margin)
        return self.half_width <= abs(self.mean)

    @property
    def outcome(self) -> str:
        lo, hi = self.interval
        m = self.margin
        if self.kind == "greater":
            return SUPPORTED if lo > m else CONTRADICTED if hi < m else WITHIN_NOISE
        if -m < lo and hi < m:
            return SUPPORTED
        return CONTRADICTED if lo > m or hi < -m else WITHIN_NOISE

    def describe(self, judge: bool = True) -> str:
        """The comparison in one line: mean, interval, per-seed values and (when `judge`) the
        margin it needed and its outcome."""
        lo, hi = self.interval
        f = f".{self.digits}f"
        per = f"per {self.pairs} {', '.join(f'{d:+{f}}' for d in self.diffs)}"
        text = f"{self.what}: {self.mean:+{f}}{self.unit}, 95 % interval [{lo:+{f}}, {hi:+{f}}]"
        if not judge:
            return f"{text} ({per})"
        bound = "above " if self.kind == "greater" else "inside ±"
        need = f"{bound}{self.margin:{f}}"
        return f"{text} (needed: {need}; {per}) — {self.outcome}"


def combine(comparisons: Sequence[Comparison]) -> str:
    """Supported if every comparison is, contradicted if any is, within noise otherwise."""
    outcomes = [c.outcome for c in comparisons]
    if all(o == SUPPORTED for o in outcomes):
        return SUPPORTED
    return CONTRADICTED if CONTRADICTED in outcomes else WITHIN_NOISE


def shared_error(per_image: np.ndarray) -> tuple[float, float]:
    """(e, its degrees of freedom) from per-image paired differences X, shape (seeds, images),
    scored on images every seed shares: the sampling error of the images that the seed
    spread cannot see (see the module docstring)."""
    x = np.asarray(per_image, dtype=float)
    n, images = x.shape
    if images < 2:
        return 0.0, math.inf
    by_image = x.mean(axis=0)
    if n < 2:  # no interaction to take out: the whole per-image variance, conservatively
        return float(math.sqrt(by_image.var(ddof=1) / images)), images - 1.0
    by_seed = x.mean(axis=1, keepdims=True)
    residual = x - by_seed - by_image + x.mean()
    interaction = (residual**2).sum() / ((n - 1) * (images - 1))
    shared = max(0.0, by_image.var(ddof=1) - interaction / n) / images
    return float(math.sqrt(shared)), images - 1.0


def accuracies(what: str, a, b, margin: float = 0.0, kind: str = "greater") -> Comparison:
    """Accuracies (0–1) of variants A and B, paired per seed, compared in percentage points,
    each seed scored on its own evaluation images (the seed spread holds their noise)."""
    diffs = 100 * (np.asarray(a, dtype=float) - np.asarray(b, dtype=float))
    return Comparison(what, tuple(diffs), margin, 0.0, kind, " points")


def outcomes(what: str, a, b, margin: float = 0.0, kind: str = "greater") -> Comparison:
    """Per-image outcomes (True = correct) of variants A and B, shape (seeds, images), scored on
    the same images for every seed (a shared test set), compared in percentage points: the seed
    spread plus the shared images' paired sampling error."""
    per_image = 100 * (np.asarray(a, dtype=float) - np.asarray(b, dtype=float))
    return shared_images(what, per_image, margin, kind)


def shared_images(
    what: str, per_image, margin: float = 0.0, kind: str = "greater", unit: str = " points"
) -> Comparison:
    """Any paired per-image difference X (seeds, images) on shared images, e.g. a drop in
    accuracy of one variant minus another's; the comparison of its per-seed means."""
    per_image = np.asarray(per_image, dtype=float)
    se, df = shared_error(per_image)
    diffs = tuple(per_image.mean(axis=1))
    return Comparison(what, diffs, margin, se, kind, unit, shared_df=df)


def values(
    what: str, a, b, margin: float = 0.0, kind: str = "greater", unit: str = "", digits: int = 3
) -> Comparison:
    """Any other paired quantity (losses, steps, ratios): the seed spread is the whole error."""
    diffs = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    return Comparison(what, tuple(diffs), margin, 0.0, kind, unit, digits)
