"""Layer, Instance, Group and Weight Normalization as Keras 3 layers,
checked against NumPy."""

from bnviz.nn.layers import WeightNormalization
from bnviz.reference.norms import group_norm, instance_norm, layer_norm

import keras
import numpy as np

LAYERS = {
    # Keras 3 has no InstanceNormalization:
    # one group per channel is exactly that.
    "instance": keras.layers.GroupNormalization(groups=-1),
    # Layer Norm over (H, W, C) per image, with one gamma/beta per channel,
    # as in Wu & He. (keras.layers.LayerNormalization() would normalize
    # over the channels at each position.)
    "layer": keras.layers.GroupNormalization(groups=1),
    "group": keras.layers.GroupNormalization(groups=4),
}


def main():
    x = (
        np.random.default_rng(0)
        .normal(2.0, 3.0, size=(8, 6, 6, 16))
        .astype("float32")
    )
    # freshly built layers: gamma 1, beta 0
    ones, zeros = np.ones(16), np.zeros(16)
    ours = {
        "instance": instance_norm(x, ones, zeros),
        "layer": layer_norm(x, ones, zeros),
        "group": group_norm(x, 4, ones, zeros),
    }
    for name, layer in LAYERS.items():
        difference = np.abs(np.asarray(layer(x)) - ours[name]).max()
        print(f"{name:>8} norm: largest difference from NumPy {difference:.1e}")

    # Weight Normalization wraps a layer: w = g * v / ||v||,
    # with data-dependent init
    conv = WeightNormalization(keras.layers.Conv2D(8, 3, padding="same"))
    # g and bias so that outputs on x have mean 0 and std 1 per channel
    conv.initialize(x)
    out = np.asarray(conv(x))
    print(
        "weight norm after init: channel means within "
        f"{np.abs(out.mean((0, 1, 2))).max():.1e} of 0, stds "
        f"{out.std((0, 1, 2)).min():.3f}-{out.std((0, 1, 2)).max():.3f}"
    )
    return {"outputs": ours, "weight_norm": out}


if __name__ == "__main__":
    main()
