"""Claims are data: an id, the sentence a page states, the experiment it reads, and a check.

A check reads a result and returns a `Verdict`: supported or not, with the measured numbers.
Pages show verdicts (a mkdocs hook turns `<!-- claim: id -->` into a box); tests assert them.
A claim the data does not support is shown as not supported; it is never tuned away.
"""

from __future__ import annotations

import functools
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


def fmt_epochs(values: list[int | None], epochs: int) -> str:
    return ", ".join(str(v) if v is not None else f">{epochs}" for v in values)


def finals(runs: list[dict], key: str) -> np.ndarray:
    """The last value of `key` in each seed's history."""
    return np.array([h[key][-1] for h in runs])


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
        foundations,
        images,
        inference,
        reproductions,
        style,
    )

    claims = [
        *curves.CLAIMS,
        *foundations.CLAIMS,
        *benefits.CLAIMS,
        *inference.CLAIMS,
        *images.CLAIMS,
        *style.CLAIMS,
        *alternatives.CLAIMS,
        *reproductions.CLAIMS,
    ]
    return {c.id: c for c in claims}


def get(claim_id: str) -> Claim:
    claims = all_claims()
    if claim_id not in claims:
        raise BnvizError(f"unknown claim {claim_id!r}; `bnviz claims` lists them")
    return claims[claim_id]


def evaluate(claim_id: str, load: Callable[[str], Result]) -> Verdict:
    claim = get(claim_id)
    return claim.check(load(claim.experiment))
