"""Seeded initial weights: the variants of one seed start from the same
weights."""

from __future__ import annotations

import keras


def seeded(seed: int, offset: int) -> keras.initializers.Initializer:
    """Glorot-uniform weights for the layer numbered `offset` of the network of
    run `seed`."""
    return keras.initializers.GlorotUniform(seed=seed * 100 + offset)
