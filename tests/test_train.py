from dataclasses import replace

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
            correct = run.pop("val_correct")  # per validation image, for paired judging
            assert correct.shape == data.y_val.shape and correct.dtype == bool
            assert correct.mean() == pytest.approx(run["val_accuracy"][-1], abs=1.5e-3)
            assert all(len(v) == 2 for v in run.values())
            assert all(0.0 <= a <= 1.0 for a in run["val_accuracy"])
    # real training: loss falls from the first to the second epoch
    assert all(r["train_loss"][1] < r["train_loss"][0] for r in histories["batch"])


def test_steps_per_execution_runs_an_epoch_unless_a_callback_acts_between_steps():
    import keras

    from bnviz.probes import ModeGap, StepProbe
    from bnviz.train import steps_per_execution

    class Probe(StepProbe):
        def _record(self):
            pass

    assert steps_per_execution([keras.callbacks.Callback()], 109) == 109
    assert steps_per_execution([Probe(every=4)], 8) == 4  # calls of 4 steps: fires on time
    assert steps_per_execution([Probe(every=10)], 109) == 1
    assert steps_per_execution([ModeGap(None, [], at_steps=(5,))], 100) == 1


def test_longer_compiled_calls_change_neither_history_nor_probe_steps(monkeypatch):
    """The same run with one step per call and with several: equal histories, and the probe
    records at the same optimizer steps with the same values."""
    import keras

    from bnviz import train
    from bnviz.probes import ActivationPercentiles

    data = load_mnist("mnist-5k").subset(128)
    settings = TrainSettings(epochs=2, batch_size=16)  # 8 steps per epoch

    def run():
        keras.utils.set_random_seed(3)
        model = seed_cnn("batch", 3)
        probe = ActivationPercentiles(model, "relu", data.x_val[:32], every=4)
        return train.train_model(model, data, settings, 3, [probe])

    batched = run()  # calls of gcd(8, 4) = 4 steps
    monkeypatch.setattr(train, "steps_per_execution", lambda callbacks, steps: 1)
    stepwise = run()
    assert batched["probe_steps"] == stepwise["probe_steps"] == [0, 4, 8, 12, 16]
    for key in ("train_loss", "val_loss", "val_accuracy", "percentiles"):
        np.testing.assert_allclose(batched[key], stepwise[key], rtol=1e-5, atol=1e-6)


def test_train_spec_passes_the_specs_variants_seeds_and_settings(monkeypatch):
    """`train_spec` is `train_variants` with the spec's variants, seeds, per-seed data and
    training settings; its keyword arguments replace settings and nothing else."""
    from bnviz import train
    from bnviz.experiments.catalog import spec_for
    from bnviz.experiments.training import train_spec

    calls = []
    monkeypatch.setattr(train, "train_variants", lambda *args: calls.append(args) or "h")
    spec = spec_for("lr_sweep", "smoke")

    def build(norm, seed):
        return None

    assert train_spec(build, spec, "mnist-5k", "probes") == "h"
    assert train_spec(build, spec, None, None, learning_rate=3.0, epochs=2) == "h"
    (b1, variants, data, settings, seeds, probes), (*_, changed, _, no_probes) = calls
    assert (b1, variants, seeds) == (build, spec.variants, spec.seeds)
    assert (probes, no_probes) == ("probes", None)
    assert settings == spec.train
    assert changed == replace(spec.train, learning_rate=3.0, epochs=2)
    # each seed trains on its own split
    assert np.array_equal(data(1).y_train, spec.load_data("mnist-5k", 1).y_train)
    assert not np.array_equal(data(1).y_train, data(0).y_train)
