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
from functools import partial
from pathlib import Path

import numpy as np
from scipy import stats

from bnviz import claims, judging
from bnviz.errors import BnvizError
from bnviz.judging import Comparison
from bnviz.results import Result, result_path

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


def parse_seeds(text: str) -> tuple[int, ...]:
    try:
        seeds = tuple(int(s) for s in text.split(","))
    except ValueError:
        raise BnvizError(f"--seeds takes integers separated by commas, not {text!r}") from None
    if len(seeds) < 2 or len(set(seeds)) != len(seeds):
        raise BnvizError("--seeds needs at least two different seeds (an interval needs two)")
    return seeds


def rerun(name: str, profile: str, seeds: str, data, out: Path) -> Callable[[str], Result]:
    """Run experiment `name` on other `seeds` ("10,11,12") into the scratch folder `out`
    (never results/); a loader of what it stored."""
    seeds = parse_seeds(seeds)
    import dataclasses

    from bnviz import experiments
    from bnviz.results import load, results_root, run_experiment

    root = results_root().resolve()
    if out == root or root in out.parents:
        raise BnvizError(f"--out {out} is inside results/; verify never writes there")
    spec = dataclasses.replace(experiments.spec_for(name, profile), seeds=tuple(seeds))
    result, path = run_experiment(name, profile, data, out, spec)
    wall = result.provenance["wall_time_s"]
    print(f"{name} ({profile}), seeds {', '.join(map(str, seeds))}: {wall:.0f} s -> {path}")
    return partial(load, profile=profile, root=out)


def comparable(root, profile: str) -> list[str]:
    """The experiments whose `profile` result is in `root` and computed as today's are."""
    from bnviz import experiments

    return [
        n
        for n in experiments.registry()
        if n not in NOT_COMPARABLE and result_path(n, profile, root).exists()
    ]


def report(rows: list[Agreement], outcomes: list[tuple[str, str, str]]) -> list[str]:
    """`bnviz verify`'s table: per comparison both means and Welch's p, then the summary."""
    lines = [f"{'claim':34} {'comparison':44} {'committed':>10} {'fresh':>10} {'Welch p':>8}"]
    for r in rows:
        f = f">+10.{r.committed.digits}f"
        lines.append(
            f"{r.claim:34} {r.what[:44]:44} {r.committed.mean:{f}} {r.fresh.mean:{f}} {r.p:>8.3f}"
        )
    lines.append(f"{len(rows)} comparisons; p < {SIGNIFICANCE:g} in {share_below(rows):.1%}")
    lines += [f"{c:34} {a:13} -> {b}" for c, a, b in outcomes if a != b]
    lines.append(
        f"supported in one block, contradicted in the other: {', '.join(moved(outcomes)) or 'none'}"
    )
    return lines
