"""CIFAR-10, the data of Santurkar et al.'s VGG experiments: the target of the `full` profile.

Keras downloads it on first use; offline (this project's CI machine) it is not available and the
loader says so in one line. Returns the same `Dataset` as the MNIST loaders (32×32×3 in [0, 1]).
"""

from __future__ import annotations

import os

import numpy as np

from bnviz.data import Dataset, DataUnavailable, keras_download, stratified_split
from bnviz.errors import BnvizError


def load_cifar10(seed: int = 0) -> Dataset:
    """CIFAR-10 (50,000 train + 10,000 test): a stratified 90/10 train/validation split."""
    if os.environ.get("BNVIZ_OFFLINE"):
        raise DataUnavailable(
            "CIFAR-10 needs a download (keras.datasets.cifar10) and BNVIZ_OFFLINE is set"
        )
    x_train, y_train, x_test, y_test = keras_download(
        "cifar10", "CIFAR-10", "run the quick profile, which uses Fashion-MNIST"
    )
    y_train, y_test = y_train.ravel().astype(np.int64), y_test.ravel().astype(np.int64)
    train_idx, val_idx = stratified_split(y_train, (0.9, 0.1), seed)
    scale = np.float32(1 / 255)
    record = {
        "id": "cifar10",
        "name": "CIFAR-10",
        "source": "keras.datasets.cifar10.load_data() (50,000 train + 10,000 test images)",
        "split_seed": seed,
        "n_train": len(train_idx),
        "n_val": len(val_idx),
        "n_test": len(y_test),
    }
    return Dataset(
        x_train[train_idx] * scale,
        y_train[train_idx],
        x_train[val_idx] * scale,
        y_train[val_idx],
        x_test * scale,
        y_test,
        record,
    )


# --8<-- [start:cats_and_dogs]
def cats_and_dogs(image_size=(150, 150), batch_size=20, directory=None):
    """The original talk's data, loaded the Keras 3 way: `cats_and_dogs_filtered` downloaded
    with `keras.utils.get_file` (or an existing folder), read with
    `keras.utils.image_dataset_from_directory` — `ImageDataGenerator` is deprecated.
    Returns (train, validation) datasets of (images in [0, 1], binary labels)."""
    from pathlib import Path

    import keras

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


# --8<-- [end:cats_and_dogs]
