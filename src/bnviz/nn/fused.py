"""A BN layer on TensorFlow's fused kernel (op FusedBatchNormV3), computing
exactly what `keras.layers.BatchNormalization` computes: the same normalization,
gradients and moving statistics (Keras' convention: moving = momentum · moving
+ (1 − momentum) · batch, with the *biased* batch variance). One kernel
computes the statistics and normalizes, where Keras runs separate operations;
`bench/bn_overhead.py` measures what that saves.
"""

from __future__ import annotations

import keras
import tensorflow as tf

from bnviz.nn.layers import SimpleBatchNorm

# TensorFlow 2 keeps the fused kernel's Python wrapper under compat.v1
FUSED = tf.compat.v1.nn.fused_batch_norm


# --8<-- [start:FusedBatchNormalization]
class FusedBatchNormalization(SimpleBatchNorm):
    """BN over the last axis of 2-D (dense) or 4-D (NHWC convolution) inputs:
    `SimpleBatchNorm`'s weights (γ, β, moving mean and variance per channel),
    with the statistics and the normalization in one fused kernel."""

    def call(self, inputs, training=None, mask=None):
        rank = len(inputs.shape)
        x = (
            tf.reshape(inputs, (-1, 1, 1, inputs.shape[-1]))
            if rank == 2
            else inputs
        )
        if training:
            y, mean, variance = FUSED(
                x, self.gamma, self.beta, epsilon=self.epsilon, is_training=True
            )
            # the kernel returns the unbiased variance (for its own running
            # average); Keras averages the biased one
            n = tf.cast(tf.size(x) // x.shape[-1], variance.dtype)
            variance = variance * (n - 1) / n
            keep = self.momentum
            self.moving_mean.assign(self.moving_mean * keep + mean * (1 - keep))
            self.moving_variance.assign(
                self.moving_variance * keep + variance * (1 - keep)
            )
        else:
            y, _, _ = FUSED(
                x,
                self.gamma,
                self.beta,
                mean=self.moving_mean,
                variance=self.moving_variance,
                epsilon=self.epsilon,
                is_training=False,
            )
        return tf.reshape(y, tf.shape(inputs)) if rank == 2 else y

    # --8<-- [end:FusedBatchNormalization]


def with_fused_bn(
    model: keras.Model, layer_class: type = FusedBatchNormalization
) -> keras.Model:
    """A copy of `model` with every Keras BN layer replaced by `layer_class`
    (the fused-kernel layer, or a subclass), weights and moving statistics
    included."""

    def clone(layer):
        if isinstance(layer, keras.layers.BatchNormalization):
            return layer_class(layer.momentum, layer.epsilon, name=layer.name)
        return type(layer).from_config(layer.get_config())

    fused = keras.models.clone_model(model, clone_function=clone)
    fused.set_weights(model.get_weights())
    return fused
