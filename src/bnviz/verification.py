"""Two seed blocks of the same experiment compared, comparison by comparison.

Every claim's comparisons are computed on both results; for each, the two mean differences are
compared with Welch's t-test on their per-seed differences. Both blocks are scored on the same
kind of evaluation images (a shared test set is the same images in both), so the shared images'
error cancels between the blocks and the seed spreads are the whole error of the difference.
If the rule's intervals are calibrated, about 5 % of the comparisons differ at p < 0.05.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from scipy import stats

from bnviz import claims, judging
from bnviz.errors import BnvizError
from bnviz.judging import Comparison
from bnviz.results import Result

SIGNIFICANCE = 0.05
DECIDED = (judging.SUPPORTED, judging.CONTRADICTED)
# experiments whose earlier, exploratory runs computed something else than today's: their
# blocks are not two samples of one thing
NOT_COMPARABLE = {
    "dropout_vs_bn": "trained 6 epochs then, 5 now",
    "bn_overhead": "timings: repeats pair variants within one session, not across sessions",
}


@dataclass(frozen=True)
class Agreement:
    claim: str
    what: str
    committed: Comparison
    fresh: Comparison

    @property
    def p(self) -> float:
        """Welch's two-sided p value for equal mean differences in the two blocks."""
        return welch_p(self.committed.diffs, self.fresh.diffs)


def welch_p(a: Iterable[float], b: Iterable[float]) -> float:
    a, b = np.asarray(list(a), float), np.asarray(list(b), float)
    if len(a) < 2 or len(b) < 2:
        return math.nan
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    if va + vb == 0:
        return 1.0 if a.mean() == b.mean() else 0.0
    t = (a.mean() - b.mean()) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return float(2 * stats.t.sf(abs(t), df))


def _comparisons(claim: claims.Claim, result: Result) -> tuple[Comparison, ...]:
    try:
        return claim.check(result).comparisons
    except (KeyError, IndexError, ValueError, BnvizError):
        return ()  # the claim reads something the other block did not measure


def agreements(
    committed: Callable[[str], Result], fresh: Callable[[str], Result], names: Iterable[str]
) -> tuple[list[Agreement], list[tuple[str, str, str]]]:
    """Per comparison of every claim on the experiments `names`: both blocks' comparisons; and
    per claim (id, committed outcome, fresh outcome) under today's rule."""
    rows, outcomes = [], []
    for name in names:
        old, new = committed(name), fresh(name)
        for claim in claims.all_claims().values():
            if claim.experiment != name:
                continue
            a, b = _comparisons(claim, old), _comparisons(claim, new)
            rows += [
                Agreement(claim.id, ca.what, ca, cb)
                for ca, cb in zip(a, b, strict=False)
                if ca.what == cb.what
            ]
            if a and b:
                outcomes.append((claim.id, judging.combine(a), judging.combine(b)))
    return rows, outcomes


def moved(outcomes: list[tuple[str, str, str]]) -> list[str]:
    """Claims that are supported in one block and contradicted in the other."""
    return [c for c, a, b in outcomes if {a, b} == set(DECIDED)]


def share_below(rows: list[Agreement], level: float = SIGNIFICANCE) -> float:
    ps = [r.p for r in rows if not math.isnan(r.p)]
    return sum(p < level for p in ps) / len(ps) if ps else math.nan
