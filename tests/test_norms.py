"""From-scratch NumPy normalizations against the Keras 3 layers; the WeightNormalization wrapper."""

import keras
import numpy as np
import pytest

from bnviz.errors import BnvizError
from bnviz.nn.cnns import NORMS, two_block_cnn
from bnviz.nn.layers import WeightNormalization, initialize_weight_norm
from bnviz.reference.norms import (
    group_norm,
    instance_norm,
    layer_norm,
    layer_norm_last_axis,
    weight_norm,
)

RNG = np.random.default_rng(0)
X = RNG.normal(2.0, 3.0, size=(4, 5, 5, 8)).astype("float32")
GAMMA = RNG.uniform(0.5, 1.5, size=8).astype("float32")
BETA = RNG.normal(size=8).astype("float32")


def _keras(layer, x=X):
    layer.build(x.shape)
    layer.gamma.assign(GAMMA)
    layer.beta.assign(BETA)
    return np.asarray(layer(x))


@pytest.mark.parametrize(
    "ours, layer",
    [
        (lambda x: layer_norm(x, GAMMA, BETA), keras.layers.GroupNormalization(groups=1)),
        (lambda x: instance_norm(x, GAMMA, BETA), keras.layers.GroupNormalization(groups=-1)),
        (lambda x: group_norm(x, 4, GAMMA, BETA), keras.layers.GroupNormalization(groups=4)),
        (lambda x: layer_norm_last_axis(x, GAMMA, BETA), keras.layers.LayerNormalization()),
    ],
    ids=["layer (groups=1)", "instance (groups=-1)", "group (groups=4)", "LayerNormalization"],
)
def test_numpy_matches_keras(ours, layer):
    np.testing.assert_allclose(ours(X.astype("float64")), _keras(layer), atol=1e-4)


def test_what_each_normalizes_over():
    g1 = np.ones(8)
    z = np.zeros(8)
    ln = layer_norm(X.astype("float64"), g1, z, eps=0)
    inorm = instance_norm(X.astype("float64"), g1, z, eps=0)
    np.testing.assert_allclose(ln.mean(axis=(1, 2, 3)), 0, atol=1e-9)  # per image
    np.testing.assert_allclose(ln.std(axis=(1, 2, 3)), 1, atol=1e-9)
    np.testing.assert_allclose(inorm.mean(axis=(1, 2)), 0, atol=1e-9)  # per image and channel
    with pytest.raises(ValueError, match="do not split into 3 groups"):
        group_norm(X, 3, GAMMA, BETA)


def test_weight_norm_layer_computes_with_g_v_over_norm_v():
    conv = keras.layers.Conv2D(6, 3, padding="same")
    wrapped = WeightNormalization(conv)
    out = np.asarray(wrapped(X))
    v = np.asarray(conv.kernel, dtype="float64")
    g = RNG.uniform(0.5, 2.0, size=6)
    wrapped.g.assign(g.astype("float32"))
    reference = keras.layers.Conv2D(6, 3, padding="same")
    reference.build(X.shape)
    reference.set_weights([weight_norm(v, g).astype("float32"), np.asarray(conv.bias)])
    np.testing.assert_allclose(np.asarray(wrapped(X)), np.asarray(reference(X)), atol=1e-4)
    assert out.shape == (4, 5, 5, 6)
    assert len(wrapped.trainable_weights) == 3  # v (the conv kernel), bias, g


def test_weight_norm_data_dependent_init():
    dense = WeightNormalization(keras.layers.Dense(5))
    batch = RNG.normal(3.0, 2.0, size=(256, 7)).astype("float32")
    dense.initialize(batch)
    out = np.asarray(dense(batch))
    np.testing.assert_allclose(out.mean(axis=0), 0, atol=1e-4)
    np.testing.assert_allclose(out.std(axis=0), 1, atol=1e-3)
    with pytest.raises(ValueError, match="wraps Conv2D or Dense"):
        WeightNormalization(keras.layers.ReLU())


@pytest.mark.parametrize("norm", NORMS)
def test_two_block_cnn_variants_share_everything_but_the_normalization(norm):
    model = two_block_cnn(norm, seed=3, dense_norm=False)
    plain = two_block_cnn("none", seed=3, dense_norm=False)
    assert model.output_shape == (None, 10)
    for name in ("dense", "classifier"):
        np.testing.assert_array_equal(
            model.get_layer(name).get_weights()[0], plain.get_layer(name).get_weights()[0]
        )
    if norm == "weight":
        images = RNG.uniform(size=(32, 28, 28, 1)).astype("float32")
        initialize_weight_norm(model, images)
        pre = np.asarray(keras.Model(model.input, model.get_layer("wn2").output)(images))
        np.testing.assert_allclose(pre.mean(axis=(0, 1, 2)), 0, atol=1e-3)
        np.testing.assert_allclose(pre.std(axis=(0, 1, 2)), 1, atol=1e-2)


def test_unknown_norm():
    with pytest.raises(BnvizError, match="unknown norm 'spectral'"):
        two_block_cnn("spectral")
