"""Folding BN into the layer before it: the folded model computes what the original computes
in inference mode, on every network of the site that has BN; BN that cannot fold is named."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from bnviz.errors import BnvizError
from bnviz.nn.cnns import seed_cnn
from bnviz.nn.describe import networks
from bnviz.nn.fold import fold_batchnorm

# BN after a nonlinearity: stays (seed_cnn: Conv → ReLU → BN; three_block_cnn: Conv(relu) → BN)
UNFOLDABLE = {"seed_cnn", "three_block_cnn"}


def randomized(model, seed=0):
    """Give every BN non-trivial statistics and parameters, as after training."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            shape = layer.moving_mean.shape
            layer.moving_mean.assign(rng.normal(size=shape))
            layer.moving_variance.assign(rng.uniform(0.05, 3.0, size=shape))
            layer.gamma.assign(rng.normal(1.0, 0.5, size=shape))
            layer.beta.assign(rng.normal(size=shape))
    return model


def bn_count(model):
    layers = [x for x in model.layers if isinstance(x, keras.layers.BatchNormalization)]
    return len(layers), sum(x.moving_mean.shape[0] for x in layers)


def inputs(model):
    shape = [d or 32 for d in model.input.shape[1:]]  # the style network is fully convolutional
    return np.random.default_rng(1).uniform(size=(4, *shape)).astype("float32")


@pytest.mark.parametrize("name", sorted(networks()))
def test_folded_model_matches_inference_mode(name):
    network = networks()[name]
    keras.utils.set_random_seed(0)  # the same kernels in every session, whatever ran before
    model = randomized(network.build(norm="batch", **network.options))
    layers, channels = bn_count(model)
    if not layers:
        pytest.skip(f"{name} has no BN layer")
    if name in UNFOLDABLE:
        with pytest.raises(BnvizError, match="cannot fold"):
            fold_batchnorm(model)
        folded, kept = fold_batchnorm(model, keep_unfoldable=True)
        assert len(kept) == layers and folded.count_params() == model.count_params()
    else:
        folded, kept = fold_batchnorm(model)
        assert kept == {} and bn_count(folded) == (0, 0)
        # γ, β, μ, σ² per channel are gone; a bias is added where the layer had none
        added = sum(
            layer.kernel.shape[-1]
            for layer in model.layers
            if getattr(layer, "use_bias", True) is False and folded.get_layer(layer.name).use_bias
        )
        assert folded.count_params() == model.count_params() - 4 * channels + added
    x = inputs(model)
    expected = np.asarray(model(x, training=False))
    # float32 sums in another order through up to ~20 layers (the style network): agreement to
    # about 1e-5 of the output's scale; an unseeded run once differed by 1.2e-5 (3.4e-5 relative)
    np.testing.assert_allclose(
        np.asarray(folded(x, training=False)), expected, rtol=1e-4, atol=1e-5
    )


def test_bn_before_the_relu_folds_and_after_it_is_named():
    folded, kept = fold_batchnorm(randomized(seed_cnn("batch_pre")))
    assert kept == {} and "bn" in [x.name for x in folded.layers]  # a pass-through now
    with pytest.raises(BnvizError, match=r"bn follows ReLU 'relu'"):
        fold_batchnorm(seed_cnn("batch"))


def test_the_original_model_is_unchanged():
    model = randomized(seed_cnn("batch_pre"))
    before = [w.copy() for w in model.get_weights()]
    fold_batchnorm(model)
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("kind", ["functional", "sequential"])
def test_a_readers_model_with_an_unnamed_input_folds(kind):
    """Keras names an unnamed input differently in the clone; folding must not look it up."""
    conv, bn = keras.layers.Conv2D(4, 3), keras.layers.BatchNormalization()
    if kind == "functional":
        image = keras.Input((8, 8, 1))
        model = keras.Model(image, keras.layers.ReLU()(bn(conv(image))))
    else:
        model = keras.Sequential([keras.Input((8, 8, 1)), conv, bn, keras.layers.ReLU()])
    folded, kept = fold_batchnorm(randomized(model))
    assert kept == {} and bn_count(folded) == (0, 0)
    x = np.random.default_rng(1).uniform(size=(4, 8, 8, 1)).astype("float32")
    expected = np.asarray(model(x, training=False))
    np.testing.assert_allclose(np.asarray(folded(x, training=False)), expected, atol=1e-5)
