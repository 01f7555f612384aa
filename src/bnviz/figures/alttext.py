"""The parts every alt text is built from: the numbers a figure shows, read from its result and
written out as plain text (a screen reader's user learns the finding, not just the figure's
name). Alt texts sit inside `![alt](src)` and an HTML attribute: `plain` keeps them safe."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from bnviz.figures.style import LABELS

ALT_CHARS = 200  # an alt text longer than this is cut short by some screen readers
_UNSAFE = str.maketrans({"[": "(", "]": ")", "{": "(", "}": ")", '"': "'", "`": None, "*": None})


def plain(text: str) -> str:
    """`text` as one line of plain text that cannot break `![alt](src){ attrs }`: brackets and
    braces become parentheses, double quotes single ones, Markdown's `*` and backticks go."""
    return " ".join(text.translate(_UNSAFE).split())


def number(value: float, digits: int = 1) -> str:
    """A value with `digits` decimals and thousands separators; a minus sign, not a hyphen."""
    text = f"{value:,.{digits}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "−0.00"
    return "−" + text[1:] if text.startswith("-") else text


def span(values: Iterable[float], scale: float = 1, digits: int = 1) -> str:
    """The min–max of `values` × `scale` ("93.8–94.5"; "−1.2 to 0.4" across zero), or one
    number where both ends round alike (one seed)."""
    values = np.asarray(list(values), dtype=float) * scale
    low, high = number(values.min(), digits), number(values.max(), digits)
    if low == high:
        return low
    return f"{low} to {high}" if low.startswith("−") else f"{low}–{high}"


def last(runs: list[dict], key: str) -> list[float]:
    """`key` at the end of each seed's run (its last epoch, step or point)."""
    return [r[key][-1] if isinstance(r[key], list) else r[key] for r in runs]


def spans(
    groups: dict[str, Iterable[float]],
    labels: dict[str, str] = LABELS,
    scale: float = 100,
    digits: int = 1,
    unit: str = " %",
) -> str:
    """Each group's min–max over seeds, named by `labels` (the figure's legend), in the order
    of `groups`, `unit` after every range: "without BN 92.8–93.9 %, with BN 93.8–94.5 %"."""
    return ", ".join(
        f"{labels[name]} {span(values, scale, digits)}{unit}" for name, values in groups.items()
    )


def final_spans(histories: dict[str, list[dict]], key: str = "val_accuracy", **kw) -> str:
    """`spans` of `key` at the end of training, one group per variant (`payload["histories"]`);
    keywords as for `spans` (accuracy in percent by default)."""
    return spans({variant: last(runs, key) for variant, runs in histories.items()}, **kw)


def length(histories: dict[str, list[dict]], key: str = "val_accuracy") -> int:
    """How many epochs (or points) the histories hold."""
    return len(next(iter(histories.values()))[0][key])


def steps(count: int) -> str:
    """A step number with thousands separators: "1,000"."""
    return f"{count:,}"
