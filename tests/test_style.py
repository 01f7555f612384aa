"""Style-transfer building blocks: photos, Gram matrices, the networks' batch dependence."""

import numpy as np
import pytest

from bnviz.errors import BnvizError
from bnviz.nn.style_transfer import (
    STYLE_IMAGE,
    StyleLoss,
    batch_dependence,
    gram,
    random_crops,
    skimage_photo,
    transformer_net,
)


def test_skimage_photo_is_square_and_in_range():
    photo = skimage_photo(STYLE_IMAGE, 48)
    assert photo.shape == (48, 48, 3) and photo.dtype == np.float32
    assert 0.0 <= photo.min() and photo.max() <= 1.0


def test_gram_matches_numpy():
    x = np.random.default_rng(0).normal(size=(2, 4, 5, 3)).astype("float32")
    flat = x.reshape(2, 20, 3)
    expected = np.einsum("bpi,bpj->bij", flat, flat) / (4 * 5 * 3)
    np.testing.assert_allclose(np.asarray(gram(x)), expected, rtol=1e-5, atol=1e-6)


def test_random_crops_are_seeded():
    photos = np.random.default_rng(1).uniform(size=(3, 40, 40, 3)).astype("float32")
    a = random_crops(photos, 16, 4, np.random.default_rng(7))
    b = random_crops(photos, 16, 4, np.random.default_rng(7))
    assert a.shape == (4, 16, 16, 3)
    np.testing.assert_array_equal(a, b)


def test_instance_norm_output_does_not_depend_on_the_batch_but_bn_does():
    rng = np.random.default_rng(2)
    image = rng.uniform(size=(32, 32, 3)).astype("float32")
    others = rng.uniform(size=(2, 32, 32, 3)).astype("float32")
    assert batch_dependence(transformer_net("instance"), image, others) < 1e-5
    assert batch_dependence(transformer_net("batch"), image, others) > 1e-3


def test_offline_loss_network_is_named_for_what_it_is():
    loss = StyleLoss("random", skimage_photo(STYLE_IMAGE, 32))
    assert "random" in loss.description and "not VGG" in loss.description
    photos = np.random.default_rng(3).uniform(size=(2, 32, 32, 3)).astype("float32")
    content, style = loss(photos, photos)
    assert float(content) == 0.0 and float(style) > 0.0


def test_unknown_norm():
    with pytest.raises(BnvizError, match="choose batch or instance"):
        transformer_net("layer")
