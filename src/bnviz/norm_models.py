"""A CNN whose normalization can be any of the five the site compares (slides 13-14).

`norm_cnn(norm)` is the two-block CNN with the chosen normalization between each convolution and
its ReLU; the dense layer is left unnormalized for every variant (Instance Norm of a dense
layer's output would normalize single numbers). Everything else — filters, initial weights per
seed, classifier — is identical across variants.
"""

from __future__ import annotations

import keras
from keras import layers

from bnviz.errors import BnvizError
from bnviz.layers import WeightNormalization

GROUPS = 4  # Group Norm's groups: 16 and 32 channels give groups of 4 and 8 channels
NORMS = ("none", "batch", "layer", "instance", "group", "weight")


def normalization(norm: str, name: str):
    """The Keras 3 layer for `norm`. Keras 3 has no InstanceNormalization: it is Group Norm with
    one group per channel (groups=-1); Layer Norm over (H, W, C) is Group Norm with one group."""
    if norm == "batch":
        return layers.BatchNormalization(name=name)
    if norm == "layer":
        return layers.GroupNormalization(groups=1, name=name)
    if norm == "instance":
        return layers.GroupNormalization(groups=-1, name=name)
    if norm == "group":
        return layers.GroupNormalization(groups=GROUPS, name=name)
    raise BnvizError(f"no normalization layer for {norm!r}")


def norm_cnn(norm: str = "batch", seed: int = 0, input_shape=(28, 28, 1), classes: int = 10):
    if norm not in NORMS:
        raise BnvizError(f"unknown norm {norm!r}; choose one of {', '.join(NORMS)}")
    inputs = keras.Input(shape=input_shape, name="image")
    x = inputs
    for index, filters in ((1, 16), (2, 32)):
        conv = layers.Conv2D(
            filters,
            3,
            padding="same",
            name=f"conv{index}",
            kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + index),
        )
        x = WeightNormalization(conv, name=f"wn{index}")(x) if norm == "weight" else conv(x)
        if norm not in ("none", "weight"):
            x = normalization(norm, f"norm{index}")(x)
        x = layers.ReLU(name=f"relu{index}")(x)
        x = layers.MaxPooling2D(2, name=f"pool{index}")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(
        64,
        activation="relu",
        name="dense",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + 3),
    )(x)
    outputs = layers.Dense(
        classes,
        activation="softmax",
        name="classifier",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + 9),
    )(x)
    return keras.Model(inputs, outputs, name=f"norm_cnn_{norm}")


def initialize_weight_norm(model: keras.Model, images) -> None:
    """The data-dependent initialization of every WeightNormalization layer, in order, on a
    batch of training images (Salimans & Kingma 2016, §2.2)."""
    for layer in model.layers:
        if isinstance(layer, WeightNormalization):
            feeds = keras.Model(model.input, layer.input)
            layer.initialize(feeds(images))
