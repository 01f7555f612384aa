"""Slide 12: fast style transfer with Batch Norm vs Instance Norm in the
transformation network. Content photos and the style image are scikit-image's
shipped samples; the loss network is VGG19 when its ImageNet weights load, else
a fixed random multi-scale CNN (recorded in the result)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import numpy as np

from bnviz.experiments import JUDGING_SEEDS, Experiment


@dataclass(frozen=True)
class StyleSpec:
    # one transformation network per seed and normalization
    seeds: tuple[int, ...]
    steps: int  # Adam steps
    size: int = 64  # training crops are size×size
    # the content photos are resized to this before cropping
    photo_size: int = 160
    show_size: int = 128  # size of the stylized photos in the figure
    batch_size: int = 4
    learning_rate: float = 2e-3
    content_weight: float = 1.0
    style_weight: float = 5.0
    variants: tuple[str, ...] = ("batch", "instance")
    # loss network: auto (VGG19 if its weights load) | vgg19 | random
    data: str = "auto"


SPECS = {
    "smoke": StyleSpec(
        seeds=(0,), steps=3, size=32, photo_size=48, show_size=32
    ),
    "quick": StyleSpec(seeds=JUDGING_SEEDS[:5], steps=250),
    "full": StyleSpec(
        seeds=(0, 1, 2, 3, 4),
        steps=20000,
        size=256,
        photo_size=512,
        show_size=512,
        data="vgg19",
    ),
}


# --8<-- [start:code]
@functools.cache
def style_loss(source: str, size: int):
    """The loss network and its style targets, built once per process."""
    from bnviz.nn.style_transfer import STYLE_IMAGE, StyleLoss, skimage_photo

    return StyleLoss(source, skimage_photo(STYLE_IMAGE, size * 2))


def run(spec: StyleSpec, data_source: str | None = None) -> dict:
    import keras

    from bnviz.nn.style_transfer import (
        CONTENT_IMAGES,
        HELD_OUT,
        STYLE_IMAGE,
        batch_dependence,
        skimage_photo,
        train_stylizer,
        transformer_net,
    )
    from bnviz.train import capped_steps
    from bnviz.workers import per_variant_and_seed

    # `bnviz run --max-steps N`: at most N steps per network
    spec = replace(spec, steps=capped_steps(spec.steps))
    photos = np.stack(
        [skimage_photo(n, spec.photo_size) for n in CONTENT_IMAGES]
    )
    source = data_source or spec.data
    loss = style_loss(source, spec.size)
    shown = np.stack(
        [
            skimage_photo(HELD_OUT, spec.show_size),
            skimage_photo(CONTENT_IMAGES[1], spec.show_size),
        ]
    )
    others = photos[:2, : spec.show_size, : spec.show_size]

    # --8<-- [start:train_one]
    def train_one(variant, seed):
        keras.utils.set_random_seed(seed)
        model = transformer_net(variant, seed)
        loss = style_loss(source, spec.size)  # a worker builds its own once
        history = train_stylizer(model, loss, photos, spec, seed)
        history["batch_dependence"] = batch_dependence(model, shown[0], others)
        return history, np.asarray(model(shown, training=False))

    # every variant on every seed, shared among worker processes
    runs = per_variant_and_seed(train_one, spec.variants, spec.seeds)
    # --8<-- [end:train_one]
    histories = {v: [h for h, _ in runs[v]] for v in spec.variants}
    outputs = {v: [o for _, o in runs[v]] for v in spec.variants}
    record = {
        "id": "skimage-photos",
        "name": "scikit-image sample photos",
        "source": f"skimage.data: content {', '.join(CONTENT_IMAGES)}; "
        f"style {STYLE_IMAGE}; "
        f"shown: {HELD_OUT} (never trained on) and {CONTENT_IMAGES[1]}",
        "loss_network": loss.description,
        "n_train": len(photos),
        "n_val": 0,
        "n_test": 1,
    }
    arrays = {f"{v}_outputs": np.stack(o) for v, o in outputs.items()}
    arrays.update(shown=shown, style=loss.style_image)
    return {"data": record, "histories": histories, "arrays": arrays}


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="style_transfer", title="Fast style transfer with Batch vs Instance "
        "Norm (slide 12)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
