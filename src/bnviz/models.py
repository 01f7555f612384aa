"""Model builders. With/without variants differ only by their normalization layers.

Every builder takes `norm` and `seed`; weights are initialized from `seed`, so the variants of one
seed start from the same convolution and dense weights (normalization layers start at γ=1, β=0).
"""

from __future__ import annotations

import keras
from keras import layers

from bnviz.errors import BnvizError

# "batch": BN after the activation, as in the original talk; "batch_pre": BN between the
# convolution and its activation, as in Ioffe & Szegedy (2015).
NORMS = ("none", "batch", "batch_pre")


def _check_norm(norm: str, allowed=NORMS) -> None:
    if norm not in allowed:
        raise BnvizError(f"unknown norm {norm!r}; choose one of {', '.join(allowed)}")


def _init(seed: int, offset: int):
    return keras.initializers.GlorotUniform(seed=seed * 100 + offset)


def _conv_block(x, filters: int, norm: str, seed: int, index: int, padding="valid"):
    """Conv 3x3 + ReLU, with BN after the ReLU ("batch") or between conv and ReLU ("batch_pre")."""
    name = "conv" if index == 0 else f"conv{index}"
    suffix = "" if index == 0 else str(index)
    if norm == "batch_pre":
        x = layers.Conv2D(
            filters, 3, padding=padding, name=name, kernel_initializer=_init(seed, index)
        )(x)
        x = layers.BatchNormalization(name=f"bn{suffix}")(x)
        return layers.ReLU(name=f"relu{suffix}")(x)
    x = layers.Conv2D(
        filters, 3, padding=padding, name=name, kernel_initializer=_init(seed, index)
    )(x)
    x = layers.ReLU(name=f"relu{suffix}")(x)
    if norm == "batch":
        x = layers.BatchNormalization(name=f"bn{suffix}")(x)
    return x


def seed_cnn(norm: str = "none", seed: int = 0, input_shape=(28, 28, 1), classes: int = 10):
    """The original talk's small CNN: Conv2D 32 3x3 relu -> [BatchNormalization] -> MaxPool 2
    -> Flatten -> Dense softmax."""
    _check_norm(norm)
    inputs = keras.Input(shape=input_shape, name="image")
    x = _conv_block(inputs, 32, norm, seed, 0)
    x = layers.MaxPooling2D(2, name="pool")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = layers.Dense(
        classes, activation="softmax", name="classifier", kernel_initializer=_init(seed, 9)
    )(x)
    return keras.Model(inputs, outputs, name=f"seed_cnn_{norm}")


def two_block_cnn(
    norm: str = "none",
    seed: int = 0,
    dropout: float = 0.0,
    input_shape=(28, 28, 1),
    classes: int = 10,
):
    """A slightly deeper CNN for the benefits chapters: two conv blocks (16, 32 filters) and a
    64-unit dense layer, BN between each linear layer and its ReLU (the paper's placement) when
    `norm="batch"`, optional dropout before the classifier."""
    _check_norm(norm, ("none", "batch"))
    inner = "batch_pre" if norm == "batch" else "none"
    inputs = keras.Input(shape=input_shape, name="image")
    x = _conv_block(inputs, 16, inner, seed, 1, padding="same")
    x = layers.MaxPooling2D(2, name="pool1")(x)
    x = _conv_block(x, 32, inner, seed, 2, padding="same")
    x = layers.MaxPooling2D(2, name="pool2")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(64, name="dense", kernel_initializer=_init(seed, 3))(x)
    if norm == "batch":
        x = layers.BatchNormalization(name="bn3")(x)
    x = layers.ReLU(name="relu3")(x)
    if dropout:
        x = layers.Dropout(dropout, seed=seed, name="dropout")(x)
    outputs = layers.Dense(
        classes, activation="softmax", name="classifier", kernel_initializer=_init(seed, 9)
    )(x)
    return keras.Model(inputs, outputs, name=f"two_block_cnn_{norm}")
