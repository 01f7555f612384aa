"""Networks described from their layers, for captions and the site's table of
models."""

from __future__ import annotations

import keras

ACTIVATIONS = {"relu": "ReLU", "sigmoid": "sigmoid", "softmax": "softmax"}
SKIPPED = ("InputLayer", "Flatten")


def _activation(layer) -> str | None:
    name = getattr(getattr(layer, "activation", None), "__name__", "linear")
    return ACTIVATIONS.get(name)


def layer_text(layer) -> str | None:
    """One layer in a few characters ("Conv 16", "BN", "GN 4", "pool"); None:
    not shown."""
    kind = type(layer).__name__
    if kind in SKIPPED:
        return None
    if kind == "Conv2D":
        return f"Conv {layer.filters}"
    if kind == "Dense":
        return f"Dense {layer.units}" + ("" if layer.use_bias else " (no bias)")
    if kind == "WeightNormalization":
        return f"WN(Conv {layer.layer.filters})"
    if kind == "BatchNormalization":
        return "BN"
    if kind == "GroupNormalization":
        return {1: "LN", -1: "IN"}.get(layer.groups, f"GN {layer.groups}")
    if kind == "MaxPooling2D":
        return "pool"
    if kind == "Dropout":
        return f"dropout {layer.rate:g}"
    if kind in ("ReLU", "Activation"):
        return _activation(layer) or "ReLU"
    if kind == "NonStationaryNoise":
        return "noise"
    return kind


def architecture(
    model: keras.Model, baseline: keras.Model | None = None, marker: str = ""
) -> str:
    """The layers of `model` in order, "Conv 16 → [BN] → ReLU → …". Layers that
    `baseline` (the variant without normalization) lacks are in brackets,
    written as `marker` if given."""
    plain = (
        {layer.name for layer in baseline.layers}
        if baseline is not None
        else None
    )
    parts = []
    for layer in model.layers:
        text = layer_text(layer)
        if text is None:
            continue
        if plain is not None and layer.name not in plain:
            text = marker or f"[{text}]"
        elif plain is not None and getattr(layer, "use_bias", True) is False:
            text = text.replace("(no bias)", "(no bias with BN)")
        parts.append(text)
        if type(layer).__name__ in ("Conv2D", "Dense") and _activation(layer):
            parts.append(_activation(layer))
    return " → ".join(parts)
