"""The from-scratch BN against Keras (forward) and TensorFlow autodiff (backward)."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from bnviz.nn.layers import SimpleBatchNorm
from bnviz.reference.bn import KERAS_EPSILON, batch_norm_backward, batch_norm_forward

SHAPES = {"dense (N, C)": (64, 5), "conv (N, H, W, C)": (8, 6, 6, 4)}


def _inputs(shape, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(3.0, 2.0, size=shape).astype(np.float64)
    gamma = rng.uniform(0.5, 1.5, size=shape[-1])
    beta = rng.normal(size=shape[-1])
    return x, gamma, beta


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_forward_matches_keras(shape):
    x, gamma, beta = _inputs(shape)
    layer = keras.layers.BatchNormalization(epsilon=KERAS_EPSILON)
    layer.build(shape)
    layer.gamma.assign(gamma.astype("float32"))
    layer.beta.assign(beta.astype("float32"))
    expected = np.asarray(layer(x.astype("float32"), training=True))
    ours, _ = batch_norm_forward(x, gamma, beta)
    np.testing.assert_allclose(ours, expected, atol=1e-5)
    # normalized per feature / per channel: mean beta, std gamma (up to epsilon)
    axes = tuple(range(len(shape) - 1))
    np.testing.assert_allclose(ours.mean(axis=axes), beta, atol=1e-9)


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_backward_matches_autodiff(shape):
    x, gamma, beta = _inputs(shape, seed=1)
    dout = np.random.default_rng(2).normal(size=shape)
    tx, tg, tb = (tf.Variable(v) for v in (x, gamma, beta))
    with tf.GradientTape() as tape:
        axes = list(range(len(shape) - 1))
        mean, var = tf.nn.moments(tx, axes=axes)
        y = tg * (tx - mean) / tf.sqrt(var + KERAS_EPSILON) + tb
        loss = tf.reduce_sum(y * dout)
    dx_tf, dg_tf, db_tf = tape.gradient(loss, [tx, tg, tb])
    _, cache = batch_norm_forward(x, gamma, beta)
    dx, dgamma, dbeta = batch_norm_backward(dout, cache)
    np.testing.assert_allclose(dx, dx_tf.numpy(), atol=1e-10)
    np.testing.assert_allclose(dgamma, dg_tf.numpy(), atol=1e-10)
    np.testing.assert_allclose(dbeta, db_tf.numpy(), atol=1e-10)


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_simple_batch_norm_matches_keras_in_both_modes(shape):
    keras_bn, ours = keras.layers.BatchNormalization(), SimpleBatchNorm()
    rng = np.random.default_rng(3)
    for step in range(5):  # a few training steps update the moving statistics
        x = rng.normal(1.0 + step, 3.0, size=shape).astype("float32")
        np.testing.assert_allclose(ours(x, training=True), keras_bn(x, training=True), atol=1e-5)
    np.testing.assert_allclose(ours.moving_mean, keras_bn.moving_mean, atol=1e-6)
    np.testing.assert_allclose(ours.moving_variance, keras_bn.moving_variance, atol=1e-5)
    x = rng.normal(size=shape).astype("float32")
    np.testing.assert_allclose(ours(x, training=False), keras_bn(x, training=False), atol=1e-5)
    assert ours.gamma.shape == (shape[-1],)
