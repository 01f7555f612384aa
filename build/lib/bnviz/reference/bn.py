"""Batch Normalization from scratch in NumPy: forward and backward pass.

Channels-last, like Keras: statistics are taken over every axis but the last.
For a dense layer's output (N, C) that is the batch axis (one mean per feature);
for a convolution's output (N, H, W, C) it is the batch *and* the spatial axes
(one mean per channel, over N·H·W values).
"""

from __future__ import annotations

import numpy as np

KERAS_EPSILON = 1e-3  # keras.layers.BatchNormalization's default


def batch_norm_forward(x, gamma, beta, eps: float = KERAS_EPSILON):
    """Training-mode BN. Returns the output and a cache for
    `batch_norm_backward`."""
    axes = tuple(range(x.ndim - 1))
    mean = x.mean(axis=axes)
    var = x.var(axis=axes)  # biased (divide by m), as BN normalizes with
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    out = gamma * x_hat + beta
    return out, (x_hat, inv_std, gamma, axes)


def batch_norm_backward(dout, cache):
    """Gradients of the loss w.r.t. x, gamma and beta, given dL/dout.

    With m values per feature, s = √(σ² + ε), x̂ = (x − μ)/s and y = γx̂ + β:
    dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/(m·s) · (m·dy − Σ dy − x̂·Σ dy·x̂).
    """
    x_hat, inv_std, gamma, axes = cache
    m = np.prod([x_hat.shape[a] for a in axes])
    dbeta = dout.sum(axis=axes)
    dgamma = (dout * x_hat).sum(axis=axes)
    dx = gamma * inv_std / m * (m * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
