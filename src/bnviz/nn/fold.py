"""Folding BN into the layer before it, for inference.

In inference mode BN is a fixed affine map per channel,

    y = γ · (x − μ) / √(σ² + ε) + β,

so when x is the output of a convolution or dense layer with weights w and bias
b (and no activation in between), the two collapse into one layer with

    w′ = w · γ / √(σ² + ε),    b′ = (b − μ) · γ / √(σ² + ε) + β

(the scale multiplies each output channel's weights). A BN that follows a
nonlinearity (ReLU, or a convolution with a built-in activation) cannot fold
into the layer before it: `fold_batchnorm` names those layers and, unless asked
to keep them, refuses.
"""

from __future__ import annotations

import keras
import numpy as np

from bnviz.errors import BnvizError

LINEAR = (keras.layers.Conv2D, keras.layers.Dense)


@keras.saving.register_keras_serializable(package="bnviz")
class FoldedAway(keras.layers.Layer):
    """Where a BN layer was before it was folded: passes its input through."""

    def call(self, inputs, mask=None, training=None):
        return inputs


def _producer(layer) -> keras.layers.Layer:
    """The layer whose output feeds `layer`."""
    return layer.input._keras_history.operation


def _consumers(model: keras.Model, tensor) -> list:
    return [
        layer
        for layer in model.layers
        if any(t is tensor for t in keras.tree.flatten(layer.input))
    ]


def foldable(model: keras.Model) -> tuple[dict[str, str], dict[str, str]]:
    """BN name -> the layer it folds into; and BN name -> why it cannot."""
    folds, kept = {}, {}
    for layer in model.layers:
        if not isinstance(layer, keras.layers.BatchNormalization):
            continue
        before = _producer(layer)
        if not isinstance(before, LINEAR):
            kept[layer.name] = (
                f"follows {type(before).__name__} {before.name!r}"
            )
        elif before.activation is not keras.activations.linear:
            kept[layer.name] = (
                f"follows {before.name!r}, whose {before.activation.__name__} "
                "activation comes before the BN"
            )
        elif len(_consumers(model, before.output)) > 1:
            kept[layer.name] = f"{before.name!r} also feeds other layers"
        elif layer.axis not in (-1, len(layer.input.shape) - 1):
            kept[layer.name] = "normalizes an axis other than the channels"
        else:
            folds[layer.name] = before.name
    return folds, kept


# --8<-- [start:folded_weights]
def folded_weights(linear, bn) -> tuple[np.ndarray, np.ndarray]:
    """Kernel and bias of `linear` with `bn` (inference mode) folded in."""
    kernel = np.asarray(linear.kernel, np.float64)
    bias = (
        np.asarray(linear.bias, np.float64)
        if linear.use_bias
        else np.zeros(kernel.shape[-1])
    )
    gamma = np.asarray(bn.gamma) if bn.scale else 1.0
    beta = np.asarray(bn.beta) if bn.center else 0.0
    mean = np.asarray(bn.moving_mean, np.float64)
    variance = np.asarray(bn.moving_variance, np.float64)
    scale = gamma / np.sqrt(variance + bn.epsilon)  # one per output channel
    return kernel * scale, (bias - mean) * scale + beta


# --8<-- [end:folded_weights]


def fold_batchnorm(model: keras.Model, keep_unfoldable: bool = False):
    """A copy of `model` with every foldable BN folded into the convolution or
    dense layer before it (and removed). Returns `(model, kept)`, where `kept`
    maps each BN layer left in place to the reason. Raises BnvizError when a BN
    cannot fold, unless `keep_unfoldable`."""
    folds, kept = foldable(model)
    if kept and not keep_unfoldable:
        reasons = "; ".join(f"{name} {why}" for name, why in kept.items())
        raise BnvizError(
            f"cannot fold every BN layer of {model.name}: {reasons}"
        )
    targets = set(folds.values())

    def clone(layer):
        if layer.name in folds:
            return FoldedAway(name=layer.name)
        config = layer.get_config()
        if layer.name in targets:
            config["use_bias"] = True
        return type(layer).from_config(config)

    folded = keras.models.clone_model(model, clone_function=clone)
    for layer in model.layers:
        # inputs hold no weights, and a clone may rename an unnamed one
        if layer.name in folds or isinstance(layer, keras.layers.InputLayer):
            continue
        new = folded.get_layer(layer.name)
        if layer.name in targets:
            bn = model.get_layer(
                next(b for b, t in folds.items() if t == layer.name)
            )
            kernel, bias = folded_weights(layer, bn)
            new.set_weights([kernel.astype("float32"), bias.astype("float32")])
        else:
            new.set_weights(layer.get_weights())
    return folded, kept
