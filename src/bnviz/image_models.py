"""The original talk's real-life classifier (slide 9), adapted to 28×28 grey images."""

from __future__ import annotations

import keras
from keras import layers

from bnviz.errors import BnvizError


def three_block_cnn(norm: str = "batch", seed: int = 0, input_shape=(28, 28, 1), classes=10):
    """Conv 32 → [BN] → pool, Conv 64 → [BN] → pool, Conv 128 → [BN] → pool, Dense 512 → [BN],
    softmax. The talk used 150×150 colour images and one sigmoid output (cats vs dogs); here
    the input is 28×28×1 and the output 10 classes; the layers are the talk's."""
    if norm not in ("none", "batch"):
        raise BnvizError(f"unknown norm {norm!r}; choose none or batch")
    inputs = keras.Input(shape=input_shape, name="image")
    x = inputs
    for index, filters in enumerate((32, 64, 128), start=1):
        x = layers.Conv2D(
            filters,
            3,
            activation="relu",
            name=f"conv{index}",
            kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + index),
        )(x)
        if norm == "batch":
            x = layers.BatchNormalization(name=f"bn{index}")(x)
        x = layers.MaxPooling2D(2, name=f"pool{index}")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(
        512,
        activation="relu",
        name="dense",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + 4),
    )(x)
    if norm == "batch":
        x = layers.BatchNormalization(name="bn4")(x)
    outputs = layers.Dense(
        classes,
        activation="softmax",
        name="classifier",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + 9),
    )(x)
    return keras.Model(inputs, outputs, name=f"three_block_cnn_{norm}")


def first_block_output(model: keras.Model) -> keras.Model:
    """The feature maps after the first block's normalization (or its ReLU without BN)."""
    name = "bn1" if "bn1" in [layer.name for layer in model.layers] else "conv1"
    return keras.Model(model.input, model.get_layer(name).output)


def cats_and_dogs(image_size=(150, 150), batch_size=20, directory=None):
    """The original talk's data, loaded the Keras 3 way: `cats_and_dogs_filtered` downloaded
    with `keras.utils.get_file` (or an existing folder), read with
    `keras.utils.image_dataset_from_directory` — `ImageDataGenerator` is deprecated.
    Returns (train, validation) datasets of (images in [0, 1], binary labels)."""
    from pathlib import Path

    if directory is None:
        archive = keras.utils.get_file(
            "cats_and_dogs_filtered.zip",
            "https://storage.googleapis.com/mledu-datasets/cats_and_dogs_filtered.zip",
            extract=True,
        )
        candidates = [Path(archive), *Path(archive).parent.glob("cats_and_dogs_filtered*")]
        directory = next(
            (p / "cats_and_dogs_filtered" if (p / "cats_and_dogs_filtered").is_dir() else p)
            for p in candidates
            if p.is_dir()
        )
    directory = Path(directory)
    splits = []
    for split in ("train", "validation"):
        if not (directory / split).is_dir():
            raise BnvizError(f"{directory / split} is missing: expected train/ and validation/")
        dataset = keras.utils.image_dataset_from_directory(
            directory / split,
            image_size=image_size,
            batch_size=batch_size,
            label_mode="binary",
            seed=0,
        )
        splits.append(dataset.map(lambda x, y: (x / 255.0, y)))
    return tuple(splits)
