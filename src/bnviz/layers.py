"""`SimpleBatchNorm`: the original talk's slide-8 layer, fixed.

The talk's version had scalar γ, β and moving statistics (shape (1,)) whatever the input, and
normalized over the batch axis only. This one keeps one value per feature/channel (the last
axis), normalizes over every other axis, and updates its moving statistics with Keras'
convention: moving = momentum · moving + (1 − momentum) · batch.
"""

from __future__ import annotations

import keras
from keras import ops


class SimpleBatchNorm(keras.layers.Layer):
    def __init__(self, momentum: float = 0.99, epsilon: float = 1e-3, **kwargs):
        super().__init__(**kwargs)
        self.momentum, self.epsilon = momentum, epsilon

    def build(self, input_shape):
        shape = (input_shape[-1],)
        self.gamma = self.add_weight(shape=shape, initializer="ones", name="gamma")
        self.beta = self.add_weight(shape=shape, initializer="zeros", name="beta")
        self.moving_mean = self.add_weight(
            shape=shape, initializer="zeros", trainable=False, name="moving_mean"
        )
        self.moving_variance = self.add_weight(
            shape=shape, initializer="ones", trainable=False, name="moving_variance"
        )

    def call(self, inputs, training=False):
        if training:
            axes = list(range(len(inputs.shape) - 1))
            mean, variance = ops.moments(inputs, axes=axes)
            m = self.momentum
            self.moving_mean.assign(m * self.moving_mean + (1 - m) * mean)
            self.moving_variance.assign(m * self.moving_variance + (1 - m) * variance)
        else:
            mean, variance = self.moving_mean, self.moving_variance
        x_hat = (inputs - mean) / ops.sqrt(variance + self.epsilon)
        return self.gamma * x_hat + self.beta

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "epsilon": self.epsilon}
