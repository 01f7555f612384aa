"""The fused-kernel and the one-pass BN layers compute what Keras' BatchNormalization computes:
outputs in both modes, gradients with respect to inputs, γ and β, and the moving statistics,
to 1e-5. The scale-and-shift floor layer computes γ·x + β."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from bnviz.nn.cnns import two_block_cnn
from bnviz.nn.fused import FusedBatchNormalization, with_fused_bn
from bnviz.nn.onepass import ChannelAffine, OnePassBatchNormalization


@pytest.mark.parametrize("layer_class", [FusedBatchNormalization, OnePassBatchNormalization])
@pytest.mark.parametrize("shape", [(16, 6, 6, 8), (32, 12)], ids=["conv", "dense"])
def test_fused_matches_keras(shape, layer_class):
    rng = np.random.default_rng(0)
    x = tf.constant(rng.normal(2.0, 3.0, size=shape).astype("float32"))
    keras_bn, fused = keras.layers.BatchNormalization(), layer_class()
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


@pytest.mark.parametrize("layer_class", [OnePassBatchNormalization, ChannelAffine])
def test_replaced_network_trains_like_keras(layer_class):
    """A whole network with its BN layers replaced: one-pass BN takes the same training step as
    Keras' BN (weights after one SGD step to 1e-5); the floor layer is γ·x + β."""
    rng = np.random.default_rng(1)
    x = rng.uniform(size=(8, 28, 28, 1)).astype("float32")
    y = rng.integers(0, 10, size=8)
    keras_net = two_block_cnn("batch", 0)
    replaced = with_fused_bn(keras_net, layer_class)
    assert {type(layer) for layer in replaced.layers} >= {layer_class}
    if layer_class is ChannelAffine:
        layer = next(lay for lay in replaced.layers if isinstance(lay, ChannelAffine))
        z = tf.constant(rng.normal(size=(4, *layer.input.shape[1:])).astype("float32"))
        np.testing.assert_allclose(layer(z, training=True), z * layer.gamma + layer.beta)
        return
    for model in (keras_net, replaced):
        model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
        model.train_on_batch(x, y)
    for ours, theirs in zip(replaced.get_weights(), keras_net.get_weights(), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)
