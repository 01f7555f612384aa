"""Deeper CNNs, for the experiments where the number of normalization layers and
the size of the last feature maps matter.

- `six_layer_cnn`: three stages of two 3×3 convolutions (28×28, 14×14, 7×7),
  six normalization layers: the batch-size sweep's network (Wu & He 2018).
- `plain_cnn`: a stack of `depth` 3×3 convolutions at a fixed width, without
  shortcuts: the depth experiment's network; with `residual=True`, the same
  stack with identity shortcuts whose branches start switched off (SkipInit).
"""

from __future__ import annotations

import keras
from keras import layers

from bnviz.errors import BnvizError
from bnviz.nn.layers import normalization

STAGES = (16, 32, 64)  # channels per stage; each stage halves the map size


def he_normal(seed: int, offset: int) -> keras.initializers.Initializer:
    """He-normal weights (the usual choice before a ReLU) for the layer
    numbered `offset` of the network of run `seed`: the variants of one seed
    start from the same weights."""
    return keras.initializers.HeNormal(seed=seed * 100 + offset)


# --8<-- [start:gap_softmax]
def gap_softmax(x, classes: int, initializer):
    """The head of both networks: global average pooling over the last
    feature maps, then a softmax layer."""
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    return layers.Dense(
        classes,
        activation="softmax",
        name="classifier",
        kernel_initializer=initializer,
    )(x)


# --8<-- [end:gap_softmax]


# --8<-- [start:six_layer_cnn]
def six_layer_cnn(
    norm: str = "batch",
    seed: int = 0,
    input_shape=(28, 28, 1),
    classes: int = 10,
):
    """Three stages of two 3x3 convolutions (16, 32, 64 channels at 28x28,
    14x14 and 7x7), each convolution followed by `norm` and a ReLU, 2x2
    max-pooling between stages, global average pooling and a softmax.

    In the last stage a BN statistic over a batch of 2 averages 2 x 7 x 7 = 98
    values per channel, as in ResNet-50's last stage at Wu & He's smallest
    batch; six BN layers let the noise of small batches compound."""
    if norm not in ("batch", "group", "layer"):
        raise BnvizError(f"unknown norm {norm!r}; choose batch, group or layer")
    inputs = keras.Input(shape=input_shape, name="image")
    x, index = inputs, 0
    for stage, filters in enumerate(STAGES):
        if stage:
            x = layers.MaxPooling2D(2, name=f"pool{stage}")(x)
        for _ in range(2):
            index += 1
            x = layers.Conv2D(
                filters,
                3,
                padding="same",
                use_bias=False,  # the normalization's β is the bias
                name=f"conv{index}",
                kernel_initializer=he_normal(seed, index),
            )(x)
            name = f"bn{index}" if norm == "batch" else f"norm{index}"
            x = normalization(norm, name)(x)
            x = layers.ReLU(name=f"relu{index}")(x)
    outputs = gap_softmax(x, classes, he_normal(seed, 9))
    return keras.Model(inputs, outputs, name=f"six_layer_cnn_{norm}")


# --8<-- [end:six_layer_cnn]


# --8<-- [start:plain_cnn]
class SkipInit(layers.Layer):
    """A learned scalar α, starting at 0, that multiplies a residual branch
    (De & Smith 2020, arXiv:2002.10444): at initialization every block is the
    identity, so a deep stack without normalization starts out shallow."""

    def build(self, input_shape):
        self.alpha = self.add_weight(
            shape=(), initializer="zeros", name="alpha"
        )

    def call(self, x):
        return x * self.alpha


# --8<-- [start:plain_stack]
def plain_cnn(
    norm: str = "none",
    seed: int = 0,
    depth: int = 8,
    width: int = 16,
    input_shape=(28, 28, 1),
    classes: int = 10,
    residual: bool = False,
):
    """`depth` 3x3 convolutions of `width` channels, each followed by [BN] and
    a ReLU; the first two have stride 2 (28x28 -> 7x7), the others keep the
    size. No shortcuts, no pooling inside the stack: global average pooling and
    a softmax at the end. He-normal initial weights, the usual choice for ReLU
    stacks, so the network without BN starts from a sensible initialization.
    With `residual`, each same-size layer becomes x + α·layer(x), α from 0."""
    if norm not in ("none", "batch"):
        raise BnvizError(f"unknown norm {norm!r}; choose none or batch")
    inputs = keras.Input(shape=input_shape, name="image")
    x = inputs
    for index in range(1, depth + 1):
        shortcut = x
        x = layers.Conv2D(
            width,
            3,
            strides=2 if index <= 2 else 1,
            padding="same",
            use_bias=norm == "none",  # with BN, its β is the bias
            name=f"conv{index}",
            kernel_initializer=he_normal(seed, index),
        )(x)
        if norm == "batch":
            x = layers.BatchNormalization(name=f"bn{index}")(x)
        x = layers.ReLU(name=f"relu{index}")(x)
        if residual and index > 2:  # same size in and out: a shortcut fits
            x = layers.Add()([shortcut, SkipInit(name=f"alpha{index}")(x)])
    outputs = gap_softmax(x, classes, he_normal(seed, 0))
    kind = "residual" if residual else "plain"
    return keras.Model(inputs, outputs, name=f"{kind}_cnn_{depth}_{norm}")


# --8<-- [end:plain_stack]
# --8<-- [end:plain_cnn]
