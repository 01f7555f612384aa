"""Claims are data: an id, the sentence, whose sentence it is, the experiment it reads, a check.

A claim's check reads a result and returns a `Verdict`. Comparative claims are judged by the one
calibrated rule in `bnviz.judging` (paired per-seed differences, plus the shared images' paired
error where every seed is scored on the same images; a margin fixed with the claim, never below
the run's resolution): supported, contradicted or within noise. A claim whose run cannot
resolve its margin is `kind="measurement"` (shown with its interval, never judged) or
`judged_under="full"` (a preview on quick results). Statements true by construction or facts
about an API are `kind="check"`: they pass or fail and are shown as what they verify, never as
evidence about BN. Pages show verdicts (a mkdocs hook
turns `<!-- claim: id -->` into a box); tests assert them. A claim is never tuned to the data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bnviz import judging
from bnviz.errors import BnvizError
from bnviz.judging import Comparison
from bnviz.results import Result

SOURCES = {  # whose sentence a claim is -> how its box introduces it
    "ours": "This site says",
    "talk": "The original talk says",
    "folklore": "A common belief",
    "paper": "The paper reports",
}
KINDS = ("claim", "check", "measurement")
# Every claim was restated under the single rule on 2026-11-25, after the 3-seed runs on one
# fixed split were seen and before the runs with per-seed splits that judge it; boxes say so.
RESTATED = (
    "set on 2026-11-25 after earlier runs, kept under the calibrated rule of 2026-12-07, before "
    "the judging-seed runs that judge it"
)
# Claims that read BN with re-estimated population statistics (precise BN) were added on
# 2026-11-25, after the runs with moving averages only were seen and before the runs that
# measure both.
PRECISE = "added with re-estimated BN statistics after earlier runs, before the runs that judge it"
REDESIGNED = (
    "restated for the redesigned experiment after earlier runs, before the runs that judge it"
)
ADDED = "added after earlier runs, before the runs that judge it"
# Claims added or restated on 2026-12-07 (the calibrated rule, an expert read, each claim's
# resolution on the earlier runs), before the runs on the judging seeds that judge them.
REVISED = "revised on 2026-12-07 after the earlier runs, before the judging-seed runs that judge it"
SHOWN_AFTER = "added on 2026-12-07 after the judging run, as a measurement: shown, never judged"
# Judged claims that came out within noise on a run too small to resolve their margin (the 95 %
# interval wider than the margin) became measurements on 2026-12-08, after the judging run: on
# such a run "within noise" says only that the run is too small. A claim that cleared its margin
# on an interval this wide stays judged (its outcome does not depend on the resolution).
UNRESOLVED = (
    "judged until 2026-12-08, then made a measurement (shown, not judged) after the judging run: "
    "its interval is wider than its margin, so this run cannot resolve it"
)
PRECISE_KEY = "val_accuracy_precise"  # validation accuracy with re-estimated BN statistics
RE_ESTIMATED = " (re-estimated statistics)"  # how a comparison names that evaluation


@dataclass(frozen=True)
class Verdict:
    outcome: str  # judging.OUTCOMES for claims, PASSES / FAILS for checks
    measured: str  # one or more sentences with the numbers
    comparisons: tuple[Comparison, ...] = ()

    @property
    def supported(self) -> bool:
        return self.outcome in (judging.SUPPORTED, judging.PASSES)


def judged(comparisons: Sequence[Comparison], context: str = "") -> Verdict:
    """The verdict of a comparative claim under the one rule."""
    lines = [c.describe() for c in comparisons]
    measured = " ".join(filter(None, [context, "; ".join(lines) + "."]))
    return Verdict(judging.combine(comparisons), measured, tuple(comparisons))


def described(comparisons: Sequence[Comparison], context: str = "") -> Verdict:
    """The verdict of a measurement: the differences with their intervals, not judged."""
    lines = [c.describe(judge=False) for c in comparisons]
    measured = " ".join(filter(None, [context, "; ".join(lines) + "."]))
    return Verdict(judging.MEASURED, measured, tuple(comparisons))


def checked(holds: bool, measured: str) -> Verdict:
    """The verdict of a check: a fact that holds by construction (or fails: a bug)."""
    return Verdict(judging.PASSES if holds else judging.FAILS, measured)


@dataclass(frozen=True)
class Claim:
    id: str
    sentence: str
    experiment: str
    check: Callable[[Result], Verdict]
    expected: str = judging.SUPPORTED  # the outcome the page's prose is written for
    source: str = "ours"  # whose sentence it is: a key of SOURCES, or a paper's name
    # "claim" (judged by the rule), "check" (true by construction) or "measurement" (a
    # difference shown with its interval where the run cannot resolve a margin: not judged)
    kind: str = "claim"
    note: str = RESTATED  # when the claim was set relative to the runs that judge it
    # what `bnviz verify` with fresh seeds gave, when it differs from the committed outcome:
    # such a claim depends on the seeds and is shown (and read) as within noise
    fresh_seeds: str = ""
    repeats: str = "seeds"  # what the result repeats: seeds, or timing runs
    # the profile whose run can resolve the claim's margin: a claim judged under "full" is
    # shown on a quick result as a measurement (its interval, not judged) that says so
    judged_under: str = "quick"

    def __post_init__(self):
        if self.judged_under == "full":
            object.__setattr__(self, "check", _preview_below_full(self.check))
        if self.kind == "measurement":
            object.__setattr__(self, "check", _shown(self.check))
        if self.kind not in KINDS:
            raise ValueError(f"claim {self.id}: unknown kind {self.kind!r}")
        if self.kind == "check" and self.expected not in (judging.PASSES, judging.FAILS):
            object.__setattr__(self, "expected", judging.PASSES)
        if self.kind == "measurement" or self.judged_under == "full":
            object.__setattr__(self, "expected", judging.MEASURED)

    @property
    def speaker(self) -> str:
        return SOURCES.get(self.source, f"{self.source} report")

    @property
    def caveat(self) -> str:
        """How a `fresh_seeds` claim's outcome is qualified wherever it is shown."""
        return f"with these {self.repeats} only"


PREVIEW = (
    "Judged under the full profile: this run cannot resolve the claim's margin (its interval "
    "is wider), so it is a preview, shown and not judged."
)


def _unjudged(verdict: Verdict, preface: str = "") -> Verdict:
    """The verdict as a measurement: its comparisons with their intervals, not judged."""
    measured = " ".join(filter(None, [preface, verdict.measured]))
    for outcome in judging.OUTCOMES:  # the comparisons' outcomes: not judged here
        measured = measured.replace(f" — {outcome}", "")
    return Verdict(judging.MEASURED, measured, verdict.comparisons)


def _preview_below_full(check: Callable[[Result], Verdict]) -> Callable[[Result], Verdict]:
    @functools.wraps(check)
    def preview(result: Result) -> Verdict:
        verdict = check(result)
        return verdict if result.profile == "full" else _unjudged(verdict, PREVIEW)

    return preview


def _shown(check: Callable[[Result], Verdict]) -> Callable[[Result], Verdict]:
    @functools.wraps(check)
    def shown(result: Result) -> Verdict:
        return described(check(result).comparisons)

    return shown


def epochs_to_reach(curve, target: float) -> int | None:
    """First epoch (1-based) at which `curve` reaches `target`, or None if it never does."""
    hits = np.flatnonzero(np.asarray(curve) >= target)
    return int(hits[0]) + 1 if hits.size else None


def fmt_epochs(values: list[int | None], epochs: int) -> str:
    return ", ".join(str(v) if v is not None else f">{epochs}" for v in values)


def finals(runs: list[dict], key: str) -> np.ndarray:
    """The last value of `key` in each seed's history."""
    return np.array([h[key][-1] for h in runs])


def final_accuracies(
    what: str,
    runs: dict[str, list[dict]],
    a: str,
    b: str,
    margin: float,
    key: str = "val_accuracy",
    kind: str = "greater",
) -> Comparison:
    """The comparison most claims make: the final `key` of variant `a` minus that of `b`, per
    seed (each seed scored on its own validation split), judged against `margin`."""
    return judging.accuracies(what, finals(runs[a], key), finals(runs[b], key), margin, kind)


def shares_images(result: Result, split: str) -> bool:
    """Whether every seed of the result was scored on the same `split` images (the official
    test set) rather than on images drawn with its own seed."""
    return split == "test" and bool(result.data.get("shared_test"))


def seed_outcomes(result: Result, *path) -> np.ndarray:
    """Per-image outcomes (seeds, images) stored at `path` + seed index + last key, e.g.
    `seed_outcomes(result, "histories", "batch", "test_correct")`."""
    *where, key = path
    seeds = len(result.spec["seeds"])
    return np.stack([result.outcomes(*where, i, key) for i in range(seeds)])


def final_verdict(
    result: Result, what: str, a: str, b: str, margin: float, split="val", context="", **options
) -> Verdict:
    """The verdict of one final-accuracy comparison over the result's histories (options:
    `key`, `kind`). On a `split` every seed shares, the per-image outcomes (`key` with
    "accuracy" read as "correct") add the shared images' paired error."""
    runs = result.payload["histories"]
    if shares_images(result, split):
        key = options.pop("key", "val_accuracy").replace("accuracy", "correct")
        a_images = seed_outcomes(result, "histories", a, key)
        b_images = seed_outcomes(result, "histories", b, key)
        comparison = judging.outcomes(what, a_images, b_images, margin, **options)
    else:
        comparison = final_accuracies(what, runs, a, b, margin, **options)
    return judged([comparison], context)


def n_eval(result: Result, split: str = "val") -> int:
    """How many images the result's `split` ("val" or "test") accuracies were measured on."""
    n = result.data.get(f"n_{split}")
    if not n:
        raise BnvizError(f"result {result.experiment} records no {split} set size; re-run it")
    return int(n)


def resolution_text(comparisons: Sequence[Comparison]) -> str:
    """Each comparison's resolution (its interval's half-width) against its margin."""
    parts = []
    for c in comparisons:
        f, g = f".{c.digits}f", f".{c.digits + 1}f"
        bound = f"margin {c.margin:{f}}" if c.margin else "a sign"
        mark = "" if c.resolves else ", coarser than the margin"
        parts.append(f"±{c.half_width:{g}}{c.unit} against {bound}{mark}")
    return "; ".join(parts)


def mean_range(values, scale: float = 100, unit: str = "%") -> str:
    values = np.asarray(values) * scale
    return f"{values.mean():.1f}{unit} (seeds {values.min():.1f}–{values.max():.1f})"


@functools.cache
def all_claims() -> dict[str, Claim]:
    """Every claim, by id, collected from the chapter modules."""
    from bnviz.claims import (
        alternatives,
        benefits,
        curves,
        depth,
        foundations,
        images,
        inference,
        ioffe,
        overhead,
        reproductions,
        style,
    )

    claims = [
        *curves.CLAIMS,
        *depth.CLAIMS,
        *foundations.CLAIMS,
        *benefits.CLAIMS,
        *inference.CLAIMS,
        *images.CLAIMS,
        *style.CLAIMS,
        *alternatives.CLAIMS,
        *overhead.CLAIMS,
        *ioffe.CLAIMS,
        *reproductions.CLAIMS,
    ]
    return {c.id: c for c in claims}


def get(claim_id: str) -> Claim:
    claims = all_claims()
    if claim_id not in claims:
        raise BnvizError(f"unknown claim {claim_id!r}; `bnviz claims` lists them")
    return claims[claim_id]


def evaluate(claim_id: str, load: Callable[[str], Result]) -> Verdict:
    """The verdict of claim `claim_id` on the result `load(experiment)` returns."""
    claim = get(claim_id)
    return claim.check(load(claim.experiment))
