"""Precise BN: re-estimated statistics are the exact statistics of each BN
layer's inputs, the moving averages come back afterwards, and measuring during
training changes nothing the training computes."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from bnviz.data import load_mnist
from bnviz.nn.cnns import seed_cnn, two_block_cnn
from bnviz.probes.precise_bn import (
    PreciseEvaluation,
    bn_layers,
    evaluate,
    reestimate_bn,
    reestimated,
)
from bnviz.settings import TrainSettings
from bnviz.train import train_model


@pytest.fixture(scope="module")
def data():
    return load_mnist("mnist-5k", 0).subset(256, 0)


def test_statistics_are_exact_for_every_layer(data):
    model = two_block_cnn("batch", 0)
    train_model(model, data, TrainSettings(epochs=1), 0)
    x, batch = data.x_train[:100], 32  # 3 batches; the last 4 images dropped
    reestimate_bn(model, x, batch)
    for layer in bn_layers(model):
        feeds = keras.Model(model.input, layer.input)
        inputs = np.concatenate(
            [np.asarray(feeds(x[i : i + batch], training=True)) for i in (0, 32, 64)]
        ).astype(np.float64)
        axes = tuple(range(inputs.ndim - 1))
        mean, var = inputs.mean(axis=axes), inputs.var(axis=axes)
        np.testing.assert_allclose(layer.moving_mean, mean, rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(layer.moving_variance, var, rtol=1e-4, atol=1e-9)


def test_first_layer_matches_the_convolution_output(data):
    """With BN right after the convolution, its inputs are the convolution's
    output: no BN upstream, so the expected statistics are independent of the
    training-mode forward pass."""
    model = seed_cnn("batch_pre", 0)
    x = data.x_train[:64]
    reestimate_bn(model, x, 16)
    conv = np.asarray(model.get_layer("conv")(x), np.float64)
    bn = model.get_layer("bn")
    np.testing.assert_allclose(bn.moving_mean, conv.mean(axis=(0, 1, 2)), rtol=1e-5)
    np.testing.assert_allclose(bn.moving_variance, conv.var(axis=(0, 1, 2)), rtol=1e-4)


def test_reestimated_restores_the_moving_averages(data):
    model = two_block_cnn("batch", 0)
    before = [v.numpy().copy() for v in model.non_trainable_variables]
    with reestimated(model, data.x_train[:64], 32):
        changed = [v.numpy() for v in model.non_trainable_variables]
    assert any(not np.allclose(a, b) for a, b in zip(before, changed, strict=True))
    for variable, value in zip(model.non_trainable_variables, before, strict=True):
        np.testing.assert_array_equal(variable.numpy(), value)


def test_evaluate_matches_keras(data):
    model = two_block_cnn("batch", 0)
    model.compile(loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    loss, accuracy = model.evaluate(data.x_val, data.y_val, verbose=0)
    ours = evaluate(model, data.x_val, data.y_val, batch_size=50)
    assert ours == pytest.approx((loss, accuracy), rel=1e-5)


def test_the_probe_does_not_change_training(data):
    settings = TrainSettings(epochs=2)
    plain = train_model(two_block_cnn("batch", 0), data, settings, 0)
    probe = PreciseEvaluation(data, samples=128, batch_size=32)
    probed = train_model(two_block_cnn("batch", 0), data, settings, 0, [probe])
    for key, values in plain.items():
        np.testing.assert_allclose(probed[key], values, rtol=1e-6)
    assert len(probed["val_accuracy_precise"]) == 2
    # no BN: re-estimation is a no-op, both evaluations agree
    probe = PreciseEvaluation(data, samples=128, batch_size=32)
    none = train_model(two_block_cnn("none", 0), data, settings, 0, [probe])
    np.testing.assert_allclose(none["val_accuracy_precise"], none["val_accuracy"], atol=1e-6)
