"""What a build-time `training=True` on a BN layer really does in a Keras 3 functional model.

The outer call's `training` value, when it is not None, is passed to every layer of a functional
model and overrides the value given while building it. `predict` and `evaluate` call the model
with `training=False`, so they use the moving averages; only a bare `model(x)` keeps the
build-time `training=True` and normalizes with the batch's own statistics.
"""

import keras
import numpy as np
import pytest

EPSILON = 1e-3
MOVING_MEAN = np.array([10.0, -5.0, 0.5], dtype="float32")
MOVING_VAR = np.array([4.0, 0.25, 9.0], dtype="float32")


@pytest.fixture
def setup():
    # a fresh model per test: a training-mode call also updates the moving averages
    inputs = keras.Input(shape=(3,))
    bn = keras.layers.BatchNormalization(epsilon=EPSILON)
    outputs = bn(inputs, training=True)  # hard-wired while building, as in the talk
    model = keras.Model(inputs, outputs)
    model.compile(loss="mse")
    # moving statistics clearly unlike the batch's (batch mean ~1, variance ~4)
    bn.moving_mean.assign(MOVING_MEAN)
    bn.moving_variance.assign(MOVING_VAR)
    x = np.random.default_rng(0).normal(1.0, 2.0, size=(32, 3)).astype("float32")
    inference = (x - MOVING_MEAN) / np.sqrt(MOVING_VAR + EPSILON)  # gamma 1, beta 0
    batch = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + EPSILON)
    assert not np.allclose(inference, batch, atol=0.1)
    return model, x, inference, batch


def test_predict_uses_moving_averages(setup):
    model, x, inference, _ = setup
    np.testing.assert_allclose(model.predict(x, verbose=0), inference, atol=1e-4)


def test_evaluate_uses_moving_averages(setup):
    model, x, inference, batch = setup
    # with y = the inference-mode output the loss is ~0; batch statistics would give a large loss
    loss = model.evaluate(x, inference, batch_size=len(x), verbose=0)
    assert loss < 1e-6
    assert np.mean((batch - inference) ** 2) > 1.0


def test_call_without_training_uses_batch_statistics(setup):
    model, x, _, batch = setup
    np.testing.assert_allclose(np.asarray(model(x)), batch, atol=1e-4)


def test_call_with_training_false_uses_moving_averages(setup):
    model, x, inference, _ = setup
    np.testing.assert_allclose(np.asarray(model(x, training=False)), inference, atol=1e-4)
