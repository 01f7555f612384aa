"""Numbers computed from results that both figures and claims use."""

from __future__ import annotations

import numpy as np


def percentile_drift(percentiles: np.ndarray) -> np.ndarray:
    """How far each unit's input distribution moves over training: the range over time of its
    15th/50th/85th percentiles, averaged over the three. Input (..., steps, 3, units)."""
    return np.ptp(percentiles, axis=-3).mean(axis=-2)
