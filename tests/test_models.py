import numpy as np
import pytest

from bnviz.errors import BnvizError
from bnviz.nn.cnns import seed_cnn


def _describe(model):
    return [(type(layer).__name__, layer.name) for layer in model.layers]


def test_with_and_without_bn_differ_only_by_the_bn_layer():
    with_bn, without = _describe(seed_cnn("batch")), _describe(seed_cnn("none"))
    assert [entry for entry in with_bn if entry[0] != "BatchNormalization"] == without
    assert len(with_bn) == len(without) + 1
    assert ("BatchNormalization", "bn") in with_bn


def test_bn_adds_four_parameters_per_channel_two_trainable():
    with_bn, without = seed_cnn("batch"), seed_cnn("none")
    assert with_bn.count_params() - without.count_params() == 4 * 32
    bn = with_bn.get_layer("bn")
    assert sum(np.prod(w.shape) for w in bn.trainable_weights) == 2 * 32


def test_same_seed_same_initial_weights_in_both_variants():
    with_bn, without = seed_cnn("batch", seed=7), seed_cnn("none", seed=7)
    for name in ("conv", "classifier"):
        pairs = zip(
            with_bn.get_layer(name).get_weights(),
            without.get_layer(name).get_weights(),
            strict=True,
        )
        for a, b in pairs:
            np.testing.assert_array_equal(a, b)
    other = seed_cnn("none", seed=8)
    assert not np.array_equal(
        other.get_layer("conv").get_weights()[0], without.get_layer("conv").get_weights()[0]
    )


def test_unknown_norm():
    with pytest.raises(BnvizError, match="unknown norm 'layer'"):
        seed_cnn("layer")
