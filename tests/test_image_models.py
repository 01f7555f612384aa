"""The talk's cats-vs-dogs loader and model, on a small image folder the test writes."""

import runpy
from pathlib import Path

import numpy as np
import pytest

from bnviz.errors import BnvizError
from bnviz.image_data import cats_and_dogs
from bnviz.nn.cnns import three_block_cnn

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def image_folder(tmp_path):
    """train/ and validation/, each with cats/ and dogs/: real PNG files, random pixels."""
    import keras

    rng = np.random.default_rng(0)
    for split, count in (("train", 6), ("validation", 4)):
        for label in ("cats", "dogs"):
            folder = tmp_path / split / label
            folder.mkdir(parents=True)
            for i in range(count):
                pixels = rng.integers(0, 256, size=(40, 50, 3)).astype("uint8")
                keras.utils.save_img(folder / f"{label}.{i}.png", pixels)
    return tmp_path


def test_cats_and_dogs_loader_reads_a_folder(image_folder):
    train, validation = cats_and_dogs(image_size=(32, 32), batch_size=4, directory=image_folder)
    images, labels = next(iter(train))
    assert images.shape == (4, 32, 32, 3) and labels.shape == (4, 1)
    assert float(images.numpy().max()) <= 1.0
    assert sum(int(y.shape[0]) for _, y in validation) == 8


def test_cats_and_dogs_loader_says_what_is_missing(tmp_path):
    with pytest.raises(BnvizError, match="train is missing"):
        cats_and_dogs(directory=tmp_path)


def test_cats_and_dogs_snippet_trains_on_the_folder(image_folder):
    module = runpy.run_path(str(ROOT / "snippets/real_images/cats_and_dogs.py"), run_name="t")
    module["main"].__globals__.update(DIRECTORY=image_folder, EPOCHS=1, STEPS=2)
    history = module["main"]()
    assert len(history["loss"]) == 1 and np.isfinite(history["loss"][0])


def test_three_block_variants_differ_only_by_bn():
    with_bn, without = three_block_cnn("batch"), three_block_cnn("none")
    kept = [
        type(layer).__name__ for layer in with_bn.layers if "BatchNorm" not in type(layer).__name__
    ]
    assert kept == [type(layer).__name__ for layer in without.layers]
    assert with_bn.output_shape == (None, 10)
