"""The site's CNNs. The variants of one network differ only by their
normalization layers.

Every builder takes `norm` and `seed`; weights are initialized from `seed`
(`nn.init.seeded`), so the variants of one seed start from the same convolution
and dense weights (normalization layers start at γ=1, β=0).

- `seed_cnn`: the original talk's small CNN (one convolution).
- `two_block_cnn`: two convolution blocks and a dense layer; any of the site's
  normalizations between each convolution and its ReLU, and optionally BN on the
  dense layer too.
- `three_block_cnn`: the original talk's "real-life" classifier, adapted to
  28×28 images.
"""

from __future__ import annotations

import keras
from keras import layers

from bnviz.nn.init import seeded
from bnviz.nn.layers import WeightNormalization, check_norm, normalization

# "batch": BN after the activation, as in the original talk; "batch_pre": BN
# between the convolution and its activation, as in Ioffe & Szegedy (2015).
SEED_CNN_NORMS = ("none", "batch", "batch_pre")
# Every normalization the site compares (chapters on alternatives and
# limitations).
NORMS = ("none", "batch", "layer", "instance", "group", "weight")


def classifier(classes: int, seed: int) -> layers.Dense:
    """Every CNN's last layer: `classes` softmax units, seeded as layer 9."""
    return layers.Dense(
        classes,
        activation="softmax",
        name="classifier",
        kernel_initializer=seeded(seed, 9),
    )


# --8<-- [start:seed_cnn]
def seed_cnn(
    norm: str = "none",
    seed: int = 0,
    input_shape=(28, 28, 1),
    classes: int = 10,
):
    """The original talk's small CNN: Conv2D 32 3x3 relu -> [BatchNormalization]
    -> MaxPool 2 -> Flatten -> Dense softmax; `norm="batch_pre"` puts BN between
    the convolution and ReLU."""
    check_norm(norm, SEED_CNN_NORMS)
    inputs = keras.Input(shape=input_shape, name="image")
    x = layers.Conv2D(32, 3, name="conv", kernel_initializer=seeded(seed, 0))(
        inputs
    )
    if norm == "batch_pre":
        x = layers.BatchNormalization(name="bn")(x)
    x = layers.ReLU(name="relu")(x)
    if norm == "batch":
        x = layers.BatchNormalization(name="bn")(x)
    x = layers.MaxPooling2D(2, name="pool")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = classifier(classes, seed)(x)
    return keras.Model(inputs, outputs, name=f"seed_cnn_{norm}")


# --8<-- [end:seed_cnn]


# --8<-- [start:two_block_cnn]
def two_block_cnn(
    norm: str = "none",
    seed: int = 0,
    dense_norm: bool = True,
    dropout: float = 0.0,
    input_shape=(28, 28, 1),
    classes: int = 10,
):
    """Two conv blocks (16 and 32 filters of 3x3, "same" padding, 2x2
    max-pooling), a 64-unit dense layer and a softmax classifier.

    `norm` goes between each convolution and its ReLU (the paper's placement);
    "weight" wraps the convolutions in Weight Normalization instead. With
    `norm="batch"` and `dense_norm`, BN also normalizes the dense layer (the
    benefits and inference chapters); the comparisons of normalizations pass
    `dense_norm=False`, since Instance Norm of a dense layer's output would
    normalize single numbers. `dropout` adds dropout before the classifier.
    """
    check_norm(norm, NORMS)
    inputs = keras.Input(shape=input_shape, name="image")
    x = inputs
    for index, filters in ((1, 16), (2, 32)):
        conv = layers.Conv2D(
            filters,
            3,
            padding="same",
            name=f"conv{index}",
            kernel_initializer=seeded(seed, index),
        )
        x = (
            WeightNormalization(conv, name=f"wn{index}")(x)
            if norm == "weight"
            else conv(x)
        )
        if norm not in ("none", "weight"):
            name = f"bn{index}" if norm == "batch" else f"norm{index}"
            x = normalization(norm, name)(x)
        x = layers.ReLU(name=f"relu{index}")(x)
        x = layers.MaxPooling2D(2, name=f"pool{index}")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(64, name="dense", kernel_initializer=seeded(seed, 3))(x)
    if norm == "batch" and dense_norm:
        x = layers.BatchNormalization(name="bn3")(x)
    x = layers.ReLU(name="relu3")(x)
    if dropout:
        x = layers.Dropout(dropout, seed=seed, name="dropout")(x)
    outputs = classifier(classes, seed)(x)
    suffix = "" if dense_norm or norm != "batch" else "_conv_only"
    return keras.Model(inputs, outputs, name=f"two_block_cnn_{norm}{suffix}")


# --8<-- [end:two_block_cnn]


# --8<-- [start:three_block_cnn]
def three_block_cnn(
    norm: str = "batch", seed: int = 0, input_shape=(28, 28, 1), classes=10
):
    """Conv 32 → [BN] → pool, Conv 64 → [BN] → pool, Conv 128 → [BN] → pool,
    Dense 512 → [BN], softmax. The talk used 150×150 colour images and one
    sigmoid output (cats vs dogs); here the input is 28×28×1 and the output 10
    classes; the layers are the talk's."""
    check_norm(norm, ("none", "batch"))
    inputs = keras.Input(shape=input_shape, name="image")
    x = inputs
    for index, filters in enumerate((32, 64, 128), start=1):
        x = layers.Conv2D(
            filters,
            3,
            activation="relu",
            name=f"conv{index}",
            kernel_initializer=seeded(seed, index),
        )(x)
        if norm == "batch":
            x = layers.BatchNormalization(name=f"bn{index}")(x)
        x = layers.MaxPooling2D(2, name=f"pool{index}")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(
        512, activation="relu", name="dense", kernel_initializer=seeded(seed, 4)
    )(x)
    if norm == "batch":
        x = layers.BatchNormalization(name="bn4")(x)
    outputs = classifier(classes, seed)(x)
    return keras.Model(inputs, outputs, name=f"three_block_cnn_{norm}")


# --8<-- [end:three_block_cnn]


def first_block_output(model: keras.Model) -> keras.Model:
    """The feature maps after the first block's normalization (or its ReLU
    without BN)."""
    name = "bn1" if "bn1" in [layer.name for layer in model.layers] else "conv1"
    return keras.Model(model.input, model.get_layer(name).output)
