"""Measured numbers in prose: `<!-- value: NAME -->` on a page renders NAME from the result the
site shows (full when committed, else quick), like figures and verdicts, so a new result changes
every number on the page at once. A value is data: a name, the experiment it reads, and a
function from the result to the text (a number with its unit, or a range).

Each chapter module defines `VALUES`, a list of `Value` (mostly built by `table`);
`all_values()` collects them in the order of `MODULES`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bnviz.errors import BnvizError
from bnviz.results import Result


@dataclass(frozen=True)
class Value:
    name: str
    experiment: str
    render: Callable[[Result], str]
    what: str  # what the number is, for `bnviz values` and the tests
    # True for a setting read from the run's spec that may be the same in every profile (the
    # number of probe images); False for a measurement, which must change with the results
    setting: bool = False


def pct(x: float, digits: int = 1) -> str:
    """0.8734 -> '87.3 %'."""
    return f"{100 * x:.{digits}f} %"


def pct_range(xs, digits: int = 1) -> str:
    """Per-seed fractions -> '85.9–87.3 %'."""
    xs = 100 * np.asarray(xs, dtype=float)
    return f"{xs.min():.{digits}f}–{xs.max():.{digits}f} %"


def num_range(xs, digits: int = 2) -> str:
    xs = np.asarray(xs, dtype=float)
    return f"{xs.min():.{digits}f}–{xs.max():.{digits}f}"


def count(n: float) -> str:
    """1234 -> '1,234'."""
    return f"{int(round(n)):,}"


def steps_per_run(result: Result, n_train: int | None = None, batch_size: int | None = None):
    """Optimizer steps of one run of `result` (optionally for another batch size)."""
    train = result.spec["train"]
    n = n_train or result.data["n_train"]
    return (n // (batch_size or train["batch_size"])) * train["epochs"]


def steps_per_epoch(result: Result) -> int:
    """Optimizer steps in one pass over the training set."""
    return result.data["n_train"] // result.spec["train"]["batch_size"]


def runs(result: Result, variant: str) -> list[dict]:
    """The per-seed histories of one variant."""
    return result.payload["histories"][variant]


# --- render functions for a run's size ------------------------------------------------------


def seed_count(result: Result) -> str:
    return count(len(result.spec["seeds"]))


def epoch_count(result: Result) -> str:
    return count(result.spec["train"]["epochs"])


def epoch_steps(result: Result) -> str:
    return count(steps_per_epoch(result))


def data_count(key: str) -> Callable[[Result], str]:
    """A render function: the size of a data split, e.g. `data_count("n_val")`."""
    return lambda result: count(result.data[key])


def spec_count(key: str) -> Callable[[Result], str]:
    """A render function: a number in the spec, e.g. `spec_count("steps")`."""
    return lambda result: count(result.spec[key])


def table(experiment: str, *rows: tuple) -> list[Value]:
    """The values of one experiment, a row `(name, render, what[, setting])` each."""
    return [Value(name, experiment, *row) for name, *row in rows]


MODULES = (  # by chapter, in the order `bnviz values` lists them
    "curves",
    "depth",
    "activations",
    "benefits",
    "learning_rates",
    "inference",
    "collapse",
    "images",
    "limitations",
    "ioffe",
    "santurkar",
    "wu_he",
    "verdicts",
)


def claim_difference(claim_id: str, part: int = 0) -> Callable[[Result], str]:
    """A render function: the measured difference a claim is judged on (mean, per-seed range
    and the half-width of its 95 % interval), from the result on display."""

    def render(result: Result) -> str:
        from bnviz import claims

        c = claims.get(claim_id).check(result).comparisons[part]
        return (
            f"{c.mean:+.1f}{c.unit} (per seed {min(c.diffs):+.1f} to {max(c.diffs):+.1f}; "
            f"95 % interval ±{c.half_width:.1f})"
        )

    return render


def difference(name: str, claim_id: str, experiment: str, what: str, part: int = 0) -> Value:
    """A value that quotes claim `claim_id`'s measured difference (see `claim_difference`)."""
    return Value(name, experiment, claim_difference(claim_id, part), what)


@functools.cache
def all_values() -> dict[str, Value]:
    """Every value, by name, collected from the chapter modules."""
    from importlib import import_module

    values = [v for m in MODULES for v in import_module(f"bnviz.values.{m}").VALUES]
    names = [v.name for v in values]
    if len(set(names)) != len(names):
        raise BnvizError(
            f"duplicate value names: {sorted({n for n in names if names.count(n) > 1})}"
        )
    return {v.name: v for v in values}


def get(name: str) -> Value:
    try:
        return all_values()[name]
    except KeyError:
        raise BnvizError(f"unknown value {name!r}; `bnviz values` lists them") from None


def render(name: str, load: Callable[[str], Result]) -> str:
    value = get(name)
    return value.render(load(value.experiment))
