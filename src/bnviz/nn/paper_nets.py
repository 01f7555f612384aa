"""The networks of the reproduced papers, built the way the papers describe
them.

- `ioffe_mlp`: Ioffe & Szegedy (2015, §4.1): three fully connected layers of 100
  sigmoid units, small Gaussian initial weights, BN between each linear layer
  and its sigmoid.
- `vgg_cnn`: a VGG-style stack of 3×3 convolutions (Simonyan & Zisserman 2014),
  as trained by Santurkar et al. (2018), optionally with BN and with their
  "noisy BN". Their noise layer is `bnviz.nn.layers.NonStationaryNoise`.
"""

from __future__ import annotations

import keras
from keras import layers

from bnviz.nn.init import seeded
from bnviz.nn.layers import NonStationaryNoise, check_norm

MLP_NORMS = ("none", "batch")
VGG_NORMS = ("none", "batch", "noisy_batch")
# The paper's VGG16 for CIFAR-10: numbers are 3x3 convolutions, "M" a 2x2
# max-pooling.
VGG16 = (
    64,
    64,
    "M",
    128,
    128,
    "M",
    256,
    256,
    256,
    "M",
    512,
    512,
    512,
    "M",
    512,
    512,
    512,
    "M",
)


# --8<-- [start:ioffe_mlp]
def ioffe_mlp(
    norm: str = "none",
    seed: int = 0,
    units: tuple[int, ...] = (100, 100, 100),
    init_std: float = 0.05,
    input_shape=(28, 28, 1),
    classes: int = 10,
) -> keras.Model:
    """784 → 100 → 100 → 100 → 10: sigmoid hidden units, weights drawn from
    N(0, init_std²).

    With `norm="batch"` every hidden layer computes sigmoid(BN(Wu)); the bias is
    dropped because BN's β replaces it (the paper, §3.2). The last hidden
    layer's sigmoid is named `sigmoid3`, so probes can read its input.
    """
    check_norm(norm, MLP_NORMS)
    inputs = keras.Input(shape=input_shape, name="image")
    x = layers.Flatten(name="flatten")(inputs)
    for i, width in enumerate(units, start=1):
        init = keras.initializers.RandomNormal(
            stddev=init_std, seed=seed * 100 + i
        )
        x = layers.Dense(
            width,
            use_bias=norm == "none",
            kernel_initializer=init,
            name=f"dense{i}",
        )(x)
        if norm == "batch":
            x = layers.BatchNormalization(name=f"bn{i}")(x)
        x = layers.Activation("sigmoid", name=f"sigmoid{i}")(x)
    init = keras.initializers.RandomNormal(
        stddev=init_std, seed=seed * 100 + 99
    )
    outputs = layers.Dense(
        classes, activation="softmax", kernel_initializer=init, name="output"
    )(x)
    return keras.Model(inputs, outputs, name=f"ioffe_mlp_{norm}")


# --8<-- [end:ioffe_mlp]


def vgg_cnn(
    norm: str = "none",
    seed: int = 0,
    config: tuple = (16, 16, "M", 32, 32, "M"),
    dense: tuple[int, ...] = (64,),
    input_shape=(28, 28, 1),
    classes: int = 10,
) -> keras.Model:
    """A VGG-style network: 3×3 "same" convolutions and 2×2 max-pooling as
    listed in `config`, then dense layers and a softmax. Each convolution and
    hidden dense layer is followed by [BN → [noise]] → ReLU. Layers are named
    conv1…, dense1…, so probes can find them."""
    check_norm(norm, VGG_NORMS)
    inputs = keras.Input(shape=input_shape, name="image")
    x, index = inputs, 0

    # --8<-- [start:normalize_and_relu]
    def normalize_and_relu(x, suffix):
        if norm != "none":
            x = layers.BatchNormalization(name=f"bn_{suffix}")(x)
        if norm == "noisy_batch":
            x = NonStationaryNoise(
                seed=seed * 1000 + index, name=f"noise_{suffix}"
            )(x)
        return layers.ReLU(name=f"relu_{suffix}")(x)

    # --8<-- [end:normalize_and_relu]

    pools = 0
    for item in config:
        if item == "M":
            pools += 1
            x = layers.MaxPooling2D(2, name=f"pool{pools}")(x)
            continue
        index += 1
        init = seeded(seed, index)
        x = layers.Conv2D(
            item,
            3,
            padding="same",
            kernel_initializer=init,
            name=f"conv{index}",
        )(x)
        x = normalize_and_relu(x, f"conv{index}")
    x = layers.Flatten(name="flatten")(x)
    for i, width in enumerate(dense, start=1):
        index += 1
        init = seeded(seed, index)
        x = layers.Dense(width, kernel_initializer=init, name=f"dense{i}")(x)
        x = normalize_and_relu(x, f"dense{i}")
    init = seeded(seed, 99)
    outputs = layers.Dense(
        classes, activation="softmax", kernel_initializer=init, name="output"
    )(x)
    return keras.Model(inputs, outputs, name=f"vgg_cnn_{norm}")
