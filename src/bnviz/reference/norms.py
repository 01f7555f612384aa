"""Layer, Instance and Group Normalization from scratch in NumPy
(channels-last).

For an activation tensor (N, H, W, C) they differ only in which values share a
mean and a variance (Wu & He 2018, Fig. 2):

- Batch Norm:    per channel, over N, H, W (all images of the batch);
- Layer Norm:    per image, over H, W, C (all channels);
- Instance Norm: per image and channel, over H, W;
- Group Norm:    per image and group of C/G channels, over H, W and the group's
  channels.

Layer and Instance Norm are Group Norm with G = 1 and G = C. All apply a
per-channel γ and β.
"""

from __future__ import annotations

import numpy as np

# default of keras.layers.GroupNormalization and LayerNormalization
KERAS_EPSILON = 1e-3


# --8<-- [start:group_norm]
def group_norm(x, groups: int, gamma, beta, eps: float = KERAS_EPSILON):
    """Group Normalization of x (N, ..., C): C must divide into `groups`
    groups."""
    n, *spatial, c = x.shape
    if c % groups:
        raise ValueError(f"{c} channels do not split into {groups} groups")
    grouped = x.reshape(n, *spatial, groups, c // groups)
    # spatial axes + channels in group
    axes = (*range(1, 1 + len(spatial)), grouped.ndim - 1)
    mean = grouped.mean(axis=axes, keepdims=True)
    var = grouped.var(axis=axes, keepdims=True)
    normalized = ((grouped - mean) / np.sqrt(var + eps)).reshape(x.shape)
    return gamma * normalized + beta


# --8<-- [end:group_norm]


def layer_norm(x, gamma, beta, eps: float = KERAS_EPSILON):
    """Layer Normalization as in Ba et al. / Wu & He: per sample over all of
    (H, W, C)."""
    return group_norm(x, 1, gamma, beta, eps)


def instance_norm(x, gamma, beta, eps: float = KERAS_EPSILON):
    """Instance Normalization (Ulyanov et al. 2016): per sample and channel over
    (H, W)."""
    return group_norm(x, x.shape[-1], gamma, beta, eps)


# --8<-- [start:layer_norm_last_axis]
def layer_norm_last_axis(x, gamma, beta, eps: float = KERAS_EPSILON):
    """What `keras.layers.LayerNormalization()` does by default (axis=-1): per
    sample *and position*, over the channels only."""
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


# --8<-- [end:layer_norm_last_axis]


def weight_norm(v, g):
    """Weight Normalization (Salimans & Kingma 2016): w = g · v / ‖v‖, one norm
    per output unit (the last axis of a Keras kernel)."""
    axes = tuple(range(v.ndim - 1))
    return g * v / np.sqrt((v**2).sum(axis=axes, keepdims=True))
