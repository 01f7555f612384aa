"""Networks described from their layers, for captions and the site's table of
models."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
    if kind == "GlobalAveragePooling2D":
        return "global average pool"
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


@dataclass(frozen=True)
class Network:
    """A network the site trains, as captions and the networks table show it."""

    call: str  # as the experiments write it
    build: Callable[..., keras.Model]
    title: str  # how captions name it
    # fixed arguments of this use
    options: dict = field(default_factory=dict)
    # the variant the normalized one is compared with
    other: str = "none"
    # written for its normalization layers when several norms share the network
    marker: str = ""

    def variants(self) -> tuple[keras.Model, keras.Model]:
        """The variant with BN and the one it is compared with."""
        with_bn = self.build(norm="batch", **self.options)
        return with_bn, self.build(norm=self.other, **self.options)

    def layers(self) -> str:
        return architecture(*self.variants(), marker=self.marker)


def networks() -> dict[str, Network]:
    """Every network the experiments train, by name."""
    from bnviz.nn import cnns, deep_cnns, paper_nets, style_transfer

    return {
        "seed_cnn": Network(
            "seed_cnn(norm)", cnns.seed_cnn, "the original talk's small CNN"
        ),
        "two_block_cnn": Network(
            "two_block_cnn(norm)", cnns.two_block_cnn, "the two-block CNN"
        ),
        "two_block_cnn_conv_norm": Network(
            "two_block_cnn(norm, dense_norm=False)",
            cnns.two_block_cnn,
            "the two-block CNN with the normalization in its conv blocks only",
            {"dense_norm": False},
            marker="norm",
        ),
        "three_block_cnn": Network(
            "three_block_cnn(norm)",
            cnns.three_block_cnn,
            "the original talk's three-block CNN, adapted to 28×28×1 inputs",
        ),
        "six_layer_cnn": Network(
            "six_layer_cnn(norm)",
            deep_cnns.six_layer_cnn,
            "the six-layer CNN",
            other="group",
            marker="norm",
        ),
        "plain_cnn": Network(
            "plain_cnn(norm, depth=4)",
            deep_cnns.plain_cnn,
            "a plain stack of 3×3 convolutions, the first two with stride 2 "
            "(shown 4 deep)",
            options={"depth": 4},
        ),
        "ioffe_mlp": Network(
            "ioffe_mlp(norm)", paper_nets.ioffe_mlp, "Ioffe & Szegedy's MLP"
        ),
        "vgg_cnn": Network(
            "vgg_cnn(norm)", paper_nets.vgg_cnn, "a VGG-style CNN"
        ),
        "transformer_net": Network(
            "transformer_net(norm)",
            style_transfer.transformer_net,
            "the image transformation network",
            other="instance",
        ),
    }
