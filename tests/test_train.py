import numpy as np
import pytest

from bnviz.data import load_mnist
from bnviz.errors import BnvizError
from bnviz.nn.cnns import seed_cnn
from bnviz.settings import TrainSettings
from bnviz.train import batch_order, train_variants


def test_batch_order_is_a_fresh_permutation_each_epoch_and_fixed_by_seed():
    order = batch_order(100, 32, epochs=3, seed=5)
    assert order.shape == (9, 32)  # 3 full batches per epoch, the remainder dropped
    epochs = order.reshape(3, -1)
    for epoch in epochs:
        assert len(set(epoch.tolist())) == 96
    assert not np.array_equal(epochs[0], epochs[1])
    np.testing.assert_array_equal(order, batch_order(100, 32, epochs=3, seed=5))
    assert not np.array_equal(order, batch_order(100, 32, epochs=3, seed=6))


def test_batch_larger_than_data():
    with pytest.raises(BnvizError, match="larger than the 10 training samples"):
        batch_order(10, 32, 1, 0)


def test_train_variants_returns_histories_per_variant_and_seed():
    data = load_mnist("mnist-5k").subset(300)
    settings = TrainSettings(epochs=2, batch_size=50)
    histories = train_variants(seed_cnn, ("none", "batch"), data, settings, seeds=(0, 1))
    assert set(histories) == {"none", "batch"}
    for runs in histories.values():
        assert len(runs) == 2
        for run in runs:
            assert set(run) >= {"train_loss", "train_accuracy", "val_loss", "val_accuracy"}
            assert all(len(v) == 2 for v in run.values())
            assert all(0.0 <= a <= 1.0 for a in run["val_accuracy"])
    # real training: loss falls from the first to the second epoch
    assert all(r["train_loss"][1] < r["train_loss"][0] for r in histories["batch"])
