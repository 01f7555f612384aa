"""BN with its statistics computed in one pass over the activations, and a
hand-written backward pass: the fewest full-size operations an exact BN layer
needs without a custom kernel. Same weights, moving statistics (biased batch
variance, as Keras) and outputs as `keras.layers.BatchNormalization`.

Two-pass BN (Keras, `tf.nn.moments`) first reduces x to its mean, then
subtracts it, squares and reduces again; the one-pass form reduces x and x²
side by side (var = E[x²] − E[x]²), which loses precision when a channel's
mean is much larger than its spread (cancellation). The backward pass needs
two reductions per channel (Σdy, Σdy·x) and one full-size expression.
"""

from __future__ import annotations

import tensorflow as tf

from bnviz.nn.fused import FusedBatchNormalization


# --8<-- [start:OnePassBatchNormalization]
class OnePassBatchNormalization(FusedBatchNormalization):
    """BN over the last axis; statistics from Σx and Σx² in one pass."""

    def call(self, inputs, training=None, mask=None):
        if not training:
            scale = self.gamma * tf.math.rsqrt(
                self.moving_variance + self.epsilon
            )
            return inputs * scale + (self.beta - self.moving_mean * scale)
        y, mean, variance = _normalize(self.epsilon)(
            inputs,
            tf.convert_to_tensor(self.gamma),
            tf.convert_to_tensor(self.beta),
        )
        keep = self.momentum
        self.moving_mean.assign(self.moving_mean * keep + mean * (1 - keep))
        self.moving_variance.assign(
            self.moving_variance * keep + variance * (1 - keep)
        )
        return y


# --8<-- [start:onepass_normalize]
def _normalize(epsilon: float):
    @tf.custom_gradient
    def normalize(x, gamma, beta):
        axes = list(range(len(x.shape) - 1))  # all but the channel axis
        n = tf.cast(tf.size(x) // tf.shape(x)[-1], x.dtype)
        mean = tf.reduce_sum(x, axes) / n  # Σx and Σx² each read x once,
        variance = tf.reduce_sum(x * x, axes) / n - mean * mean  # unordered
        inv = tf.math.rsqrt(variance + epsilon)
        scale = gamma * inv
        y = x * scale + (beta - mean * scale)  # a multiply-add per element

        def grad(dy, d_mean, d_variance):
            # d_mean, d_variance: only the moving averages use them (no grad)
            d_beta = tf.reduce_sum(dy, axes)
            d_gamma = (tf.reduce_sum(dy * x, axes) - mean * d_beta) * inv
            # dx = scale·(dy − Σdy/n − x̂·Σ(dy·x̂)/n), as a·dy + b·x + c
            b = -scale * inv * d_gamma / n
            c = -scale * d_beta / n - b * mean
            return dy * scale + (x * b + c), d_gamma, d_beta

        return (y, mean, variance), grad

    return normalize


# --8<-- [end:onepass_normalize]


# --8<-- [end:OnePassBatchNormalization]


class ChannelAffine(FusedBatchNormalization):
    """The floor of BN's cost: only its per-element work, y = γ·x + β per
    channel (forward a multiply-add; backward dy·γ and the sums for γ and β),
    with no statistics. Not a normalization; used to time what no BN layer,
    however it computes its statistics, can avoid."""

    def call(self, inputs, training=None, mask=None):
        return inputs * self.gamma + self.beta
