"""FLOP counts from layer shapes, checked on layers whose count is known by hand."""

from __future__ import annotations

import keras

from bnviz.nn.flops import forward_flops


def test_conv_dense_and_bn_are_counted_by_hand():
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Conv2D(4, 3, padding="same")(inputs)  # 8·8·4 outputs, 3·3·3 MACs each
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(10)(x)  # 256 inputs
    model = keras.Model(inputs, outputs)
    conv = 2 * (3 * 3 * 3) * (8 * 8 * 4)
    bn = 4 * (8 * 8 * 4)
    dense = 2 * 256 * 10
    assert forward_flops(model) == conv + bn + dense
