"""Numbers computed from results that both figures and claims use."""

from __future__ import annotations

import numpy as np


def percentile_drift(percentiles: np.ndarray) -> np.ndarray:
    """How far each unit's input distribution moves over training: the range over time of its
    15th/50th/85th percentiles, averaged over the three. Input (..., steps, 3, units)."""
    return np.ptp(percentiles, axis=-3).mean(axis=-2)


def final_values(histories: dict[str, list[dict]], key: str = "val_accuracy") -> str:
    """One line per variant: `key` at the end of each seed's run, and the mean over seeds."""
    lines = []
    for variant, runs in histories.items():
        last = [r[key][-1] if isinstance(r[key], list) else r[key] for r in runs]
        per_seed = ", ".join(f"{v:.3f}" for v in last)
        lines.append(f"{variant:>14}  {key}: {per_seed} (mean {np.mean(last):.3f})")
    return "\n".join(lines)
