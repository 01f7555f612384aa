"""Floating-point operations of a Keras model's forward pass, per sample,
counted from its layers' shapes: a multiply-add counts as two. Convolutions
and dense layers dominate; normalization, pooling and activations count a few
operations per element. Used to estimate how long a profile takes elsewhere
(`bnviz run --max-steps` prints the work a spec plans)."""

from __future__ import annotations

import math

import keras

# operations per output element of layers without weights to multiply
PER_ELEMENT = {
    "BatchNormalization": 4,  # subtract, divide, scale, shift (+2: statistics)
    "GroupNormalization": 6,
    "LayerNormalization": 6,
    "ReLU": 1,
    "Activation": 1,
    "MaxPooling2D": 3,  # a 2×2 window: three comparisons per output
    "AveragePooling2D": 4,
    "GlobalAveragePooling2D": 1,
    "Dropout": 1,
    "Add": 1,
}


def _elements(shape) -> int:
    return math.prod(d for d in shape[1:] if d is not None)


def layer_flops(layer) -> int:
    """Forward operations of one layer for one sample (nested models too)."""
    if isinstance(layer, keras.Model):
        return forward_flops(layer)
    kind = type(layer).__name__
    out = _elements(layer.output.shape) if hasattr(layer, "output") else 0
    if kind in ("Conv2D", "Conv1D", "Conv3D"):
        kernel = math.prod(layer.kernel.shape[:-1])  # k_h·k_w·C_in
        return 2 * kernel * out
    if kind == "DepthwiseConv2D":
        return 2 * math.prod(layer.kernel.shape[:2]) * out
    if kind == "Dense":
        return 2 * layer.kernel.shape[0] * out
    return PER_ELEMENT.get(kind, 0) * out


def forward_flops(model: keras.Model) -> int:
    """Forward operations per sample of a built functional/sequential model."""
    return sum(layer_flops(layer) for layer in model.layers)
