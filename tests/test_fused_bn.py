"""The fused-kernel BN layer computes what Keras' BatchNormalization computes: outputs in both
modes, gradients with respect to inputs, γ and β, and the moving statistics, to 1e-5."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from bnviz.nn.fused import FusedBatchNormalization


@pytest.mark.parametrize("shape", [(16, 6, 6, 8), (32, 12)], ids=["conv", "dense"])
def test_fused_matches_keras(shape):
    rng = np.random.default_rng(0)
    x = tf.constant(rng.normal(2.0, 3.0, size=shape).astype("float32"))
    keras_bn, fused = keras.layers.BatchNormalization(), FusedBatchNormalization()
    keras_bn.build(shape)
    fused.build(shape)
    gamma = rng.normal(1.0, 0.3, size=shape[-1]).astype("float32")
    beta = rng.normal(size=shape[-1]).astype("float32")
    for layer in (keras_bn, fused):
        layer.gamma.assign(gamma)
        layer.beta.assign(beta)
    upstream = tf.constant(rng.normal(size=shape).astype("float32"))
    grads = []
    for layer in (keras_bn, fused):
        for _ in range(3):  # three training steps move the moving statistics
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = layer(x, training=True)
                loss = tf.reduce_sum(y * upstream)
        grads.append([g.numpy() for g in tape.gradient(loss, [x, layer.gamma, layer.beta])])
    for ours, theirs in zip(grads[1], grads[0], strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)
    for name in ("moving_mean", "moving_variance"):
        np.testing.assert_allclose(
            getattr(fused, name).numpy(), getattr(keras_bn, name).numpy(), rtol=1e-5, atol=1e-6
        )
    for training in (True, False):
        np.testing.assert_allclose(
            fused(x, training=training).numpy(),
            keras_bn(x, training=training).numpy(),
            rtol=1e-5,
            atol=1e-5,
        )
