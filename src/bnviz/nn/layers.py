"""Layers: the normalizations by name (`normalization`), the hand-written ones —
the original talk's `SimpleBatchNorm` (slide 8) and `WeightNormalization`
(slide 14), both fixed — and the noise Santurkar et al. inject after BN
(`NonStationaryNoise`).

`SimpleBatchNorm`:
The talk's version had scalar γ, β and moving statistics (shape (1,)) whatever
the input, and normalized over the batch axis only. This one keeps one value per
feature/channel (the last axis), normalizes over every other axis, and updates
its moving statistics with Keras' convention:
moving = momentum · moving + (1 − momentum) · batch.

`WeightNormalization` (Salimans & Kingma 2016, arXiv:1602.07868) wraps a Conv2D
or Dense layer: the wrapped layer's kernel becomes the direction v, the wrapper
adds one scale g per output unit, and the layer computes with w = g · v / ‖v‖.
The talk's version reassigned `layer.kernel` inside `call`, which Keras 3 does
not allow, and had no data-dependent initialization; here `initialize(x)` sets g
and the bias so that on the batch x every output unit's pre-activation has
mean 0 and standard deviation 1, as in the paper.
"""

from __future__ import annotations

import keras
from keras import layers, ops

from bnviz.errors import BnvizError

# Group Norm's groups: 16 and 32 channels give groups of 4 and 8 channels
GROUPS = 4


def check_norm(norm: str, allowed: tuple[str, ...]) -> None:
    """One clear error for a normalization name a network does not offer."""
    if norm not in allowed:
        raise BnvizError(
            f"unknown norm {norm!r}; choose one of {', '.join(allowed)}"
        )


def normalization(norm: str, name: str):
    """The Keras 3 layer for `norm`. Keras 3 has no InstanceNormalization: it is
    Group Norm with one group per channel (groups=-1); Layer Norm over (H, W, C)
    is Group Norm with one group."""
    if norm == "batch":
        return layers.BatchNormalization(name=name)
    if norm == "layer":
        return layers.GroupNormalization(groups=1, name=name)
    if norm == "instance":
        return layers.GroupNormalization(groups=-1, name=name)
    if norm == "group":
        return layers.GroupNormalization(groups=GROUPS, name=name)
    raise BnvizError(f"no normalization layer for {norm!r}")


# --8<-- [start:SimpleBatchNorm]
# --8<-- [start:simple_batch_norm]
class SimpleBatchNorm(keras.layers.Layer):
    def __init__(self, momentum: float = 0.99, epsilon: float = 1e-3, **kwargs):
        super().__init__(**kwargs)
        self.momentum, self.epsilon = momentum, epsilon

    def build(self, input_shape):
        shape = (input_shape[-1],)
        self.gamma = self.add_weight(
            shape=shape, initializer="ones", name="gamma"
        )
        self.beta = self.add_weight(
            shape=shape, initializer="zeros", name="beta"
        )
        self.moving_mean = self.add_weight(
            shape=shape,
            initializer="zeros",
            trainable=False,
            name="moving_mean",
        )
        self.moving_variance = self.add_weight(
            shape=shape,
            initializer="ones",
            trainable=False,
            name="moving_variance",
        )

    def call(self, inputs, training=False):
        if training:
            axes = list(range(len(inputs.shape) - 1))
            mean, variance = ops.moments(inputs, axes=axes)
            m = self.momentum
            self.moving_mean.assign(m * self.moving_mean + (1 - m) * mean)
            self.moving_variance.assign(
                m * self.moving_variance + (1 - m) * variance
            )
        else:
            mean, variance = self.moving_mean, self.moving_variance
        x_hat = (inputs - mean) / ops.sqrt(variance + self.epsilon)
        return self.gamma * x_hat + self.beta
        # --8<-- [end:simple_batch_norm]

    def get_config(self):
        return {
            **super().get_config(),
            "momentum": self.momentum,
            "epsilon": self.epsilon,
        }


# --8<-- [end:SimpleBatchNorm]


# --8<-- [start:WeightNormalization]
class WeightNormalization(keras.layers.Wrapper):
    def __init__(self, layer, **kwargs):
        if not isinstance(layer, keras.layers.Conv2D | keras.layers.Dense):
            raise ValueError(
                "WeightNormalization wraps Conv2D or Dense, "
                f"not {type(layer).__name__}"
            )
        super().__init__(layer, **kwargs)

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        units = self.layer.kernel.shape[-1]
        self.g = self.add_weight(shape=(units,), initializer="ones", name="g")
        self._axes = list(range(len(self.layer.kernel.shape) - 1))
        self.built = True

    # --8<-- [start:wn_kernel]
    def kernel(self):
        v = self.layer.kernel
        return (
            self.g
            * v
            / ops.sqrt(ops.sum(ops.square(v), axis=self._axes, keepdims=True))
        )

    # --8<-- [end:wn_kernel]
    def _linear(self, inputs, kernel):
        if isinstance(self.layer, keras.layers.Dense):
            return ops.matmul(inputs, kernel)
        layer = self.layer
        return ops.conv(
            inputs,
            kernel,
            strides=layer.strides,
            padding=layer.padding,
            data_format=layer.data_format,
            dilation_rate=layer.dilation_rate,
        )

    # --8<-- [start:wn_call]
    def call(self, inputs):
        outputs = self._linear(inputs, self.kernel())
        if self.layer.use_bias:
            outputs = outputs + self.layer.bias
        return (
            self.layer.activation(outputs) if self.layer.activation else outputs
        )

    def initialize(self, x) -> None:
        """Data-dependent init: g = 1/σ and b = −μ/σ of the pre-activations
        t = x * (v/‖v‖)."""
        if not self.built:
            self.build(x.shape)
        self.g.assign(ops.ones_like(self.g))
        t = self._linear(x, self.kernel())
        axes = list(range(len(t.shape) - 1))
        mean, var = ops.moments(t, axes=axes)
        std = ops.sqrt(var + 1e-6)
        self.g.assign(1.0 / std)
        if self.layer.use_bias:
            self.layer.bias.assign(-mean / std)

    # --8<-- [end:wn_call]


# --8<-- [end:WeightNormalization]


def initialize_weight_norm(model: keras.Model, images) -> None:
    """The data-dependent initialization of every WeightNormalization layer, in
    order, on a batch of training images (Salimans & Kingma 2016, §2.2)."""
    for layer in model.layers:
        if isinstance(layer, WeightNormalization):
            feeds = keras.Model(model.input, layer.input)
            layer.initialize(feeds(images))


# --8<-- [start:NonStationaryNoise]
class NonStationaryNoise(layers.Layer):
    """Santurkar et al. (2018), §2.1 and App. A: a distribution shift injected
    on purpose.

    At every training step it draws μ ~ U(−mean_range, mean_range) and
    σ ~ U(1, scale_max); then, for every element a of the batch's activations,
    m ~ U(μ − spread, μ + spread) and s ~ N(σ, scale_std), and outputs s·a + m.
    Inference passes activations through unchanged.
    """

    def __init__(
        self,
        mean_range=0.5,
        scale_max=1.25,
        spread=0.1,
        scale_std=0.1,
        seed=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.mean_range, self.scale_max = mean_range, scale_max
        self.spread, self.scale_std = spread, scale_std
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    # --8<-- [start:noise_call]
    def call(self, x, training=None):
        if not training:
            return x
        rand = keras.random
        mu = rand.uniform(
            (), -self.mean_range, self.mean_range, seed=self.seed_generator
        )
        sigma = rand.uniform((), 1.0, self.scale_max, seed=self.seed_generator)
        shape = keras.ops.shape(x)
        m = mu + rand.uniform(
            shape, -self.spread, self.spread, seed=self.seed_generator
        )
        s = sigma + self.scale_std * rand.normal(
            shape, seed=self.seed_generator
        )
        return s * x + m

    # --8<-- [end:noise_call]

    def get_config(self):
        config = super().get_config()
        config.update(
            mean_range=self.mean_range,
            scale_max=self.scale_max,
            spread=self.spread,
            scale_std=self.scale_std,
            seed=self.seed,
        )
        return config


# --8<-- [end:NonStationaryNoise]
