"""Model builders. With/without variants differ only by their normalization layers."""

from __future__ import annotations

import keras
from keras import layers

from bnviz.errors import BnvizError

NORMS = ("none", "batch")


def _check_norm(norm: str) -> None:
    if norm not in NORMS:
        raise BnvizError(f"unknown norm {norm!r}; choose one of {', '.join(NORMS)}")


def seed_cnn(norm: str = "none", seed: int = 0, input_shape=(28, 28, 1), classes: int = 10):
    """The original talk's small CNN: Conv2D 32 3x3 relu -> [BatchNormalization] -> MaxPool 2
    -> Flatten -> Dense softmax. Weights are initialized from `seed`, so both variants built with
    the same seed start from the same convolution and dense weights."""
    _check_norm(norm)
    inputs = keras.Input(shape=input_shape, name="image")
    x = layers.Conv2D(
        32,
        3,
        activation="relu",
        name="conv",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
    )(inputs)
    if norm == "batch":
        x = layers.BatchNormalization(name="bn")(x)
    x = layers.MaxPooling2D(2, name="pool")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = layers.Dense(
        classes,
        activation="softmax",
        name="classifier",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed + 1),
    )(x)
    return keras.Model(inputs, outputs, name=f"seed_cnn_{norm}")
