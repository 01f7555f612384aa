"""The reproductions' parts: paper models, noise layer, step probes, ICS and landscape probe."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from bnviz.data import Dataset, DataUnavailable
from bnviz.errors import BnvizError
from bnviz.nn.paper_nets import VGG16, NonStationaryNoise, ioffe_mlp, vgg_cnn
from bnviz.probes.landscape import OptimizationProbe, weighted_layers
from bnviz.probes.paper import StepTestAccuracy, StopAtStep, UnitPercentiles
from bnviz.settings import TrainSettings
from bnviz.train import batch_order, train_model


def _data(n=240, seed=0) -> Dataset:
    rng = np.random.default_rng(seed)
    x = rng.random((n, 28, 28, 1), dtype=np.float32)
    y = rng.integers(0, 10, n)
    return Dataset(x, y, x[:60], y[:60], x[:60], y[:60], {"name": "random", "n_train": n})


def test_ioffe_mlp_matches_the_paper():
    plain, bn = ioffe_mlp("none", 0), ioffe_mlp("batch", 0)
    sizes = [layer.units for layer in plain.layers if isinstance(layer, keras.layers.Dense)]
    assert sizes == [100, 100, 100, 10]
    assert [layer.activation.__name__ for layer in plain.layers if "sigmoid" in layer.name] == [
        "sigmoid"
    ] * 3
    assert bn.get_layer("dense1").bias is None  # BN's beta replaces the bias
    assert len([la for la in bn.layers if isinstance(la, keras.layers.BatchNormalization)]) == 3
    kernel = plain.get_layer("dense2").kernel.numpy()
    assert abs(kernel.std() - 0.05) < 0.005 and abs(kernel.mean()) < 0.005
    np.testing.assert_array_equal(kernel, bn.get_layer("dense2").kernel.numpy())
    with pytest.raises(BnvizError, match="unknown norm"):
        ioffe_mlp("group")


def test_noise_follows_santurkar_appendix():
    noise = NonStationaryNoise(seed=1)
    zeros, ones = np.zeros((64, 32, 32), "float32"), np.ones((64, 32, 32), "float32")
    np.testing.assert_array_equal(noise(ones, training=False), ones)
    m = np.asarray(noise(zeros, training=True))  # s·0 + m = m ~ U(mu - 0.1, mu + 0.1)
    assert np.abs(m).max() <= 0.6 + 1e-6 and np.ptp(m) <= 0.2 + 1e-6
    out = np.asarray(noise(ones, training=True))  # s + m
    assert 0.5 - 1e-6 <= out.mean() <= 1.75 + 1e-6
    assert 0.1 < out.std() < 0.13  # sqrt(0.1^2 + 0.2^2 / 12) = 0.115
    assert not np.array_equal(out, np.asarray(noise(ones, training=True)))  # new draw each step


def test_vgg_cnn_variants_and_the_paper_configuration():
    names = [layer.name for layer in vgg_cnn("noisy_batch", 0).layers]
    assert names.index("bn_conv1") < names.index("noise_conv1") < names.index("relu_conv1")
    assert not any("bn_" in n for n in (la.name for la in vgg_cnn("none", 0).layers))
    vgg16 = vgg_cnn("batch", 0, VGG16, (), input_shape=(32, 32, 3))
    assert len([la for la in vgg16.layers if isinstance(la, keras.layers.Conv2D)]) == 13
    assert vgg16.output_shape == (None, 10)
    with pytest.raises(BnvizError, match="unknown norm"):
        vgg_cnn("layer")


def test_step_probes_count_steps_not_epochs():
    data = _data()
    model = ioffe_mlp("batch", 0)
    probes = [
        StepTestAccuracy(data.x_test, data.y_test, every=2),
        UnitPercentiles(model, "sigmoid3", data.x_test[:30], every=2),
        StopAtStep(5),
    ]
    settings = TrainSettings(epochs=3, batch_size=60, optimizer="sgd", learning_rate=0.1)
    history = train_model(model, data, settings, 0, probes)
    assert history["test_steps"] == [0, 2, 4]
    assert len(history["train_loss"]) == 2  # stopped during the second epoch (4 steps each)
    assert history["unit_percentiles"].shape == (3, 3, 100)
    assert np.all(np.diff(history["unit_percentiles"], axis=1) >= 0)  # 15th <= 50th <= 85th


def _probe(model, data, lr, every=1):
    """The probe on a compiled model, before its first step (the probe reads the step from
    the optimizer's counter, as in training)."""
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="sparse_categorical_crossentropy")
    order = batch_order(len(data.y_train), 32, 1, 0)
    return OptimizationProbe(model, data.x_train, data.y_train, order, lr, every), order


def test_ics_probe_leaves_training_untouched():
    data = _data()
    model = vgg_cnn("noisy_batch", 0)
    probe, _ = _probe(model, data, 0.1)
    before = [v.numpy().copy() for v in model.variables]  # weights, moving stats, noise state
    probe.on_train_batch_begin(0)
    for old, new in zip(before, model.variables, strict=True):
        np.testing.assert_array_equal(old, new.numpy())
    record = probe.result()
    assert record["probe_layers"] == [la.name for la in weighted_layers(model)][1:]
    assert len(record["opt_ics_l2"][0]) == len(record["probe_layers"])


def test_ics_is_zero_without_an_update_and_matches_a_manual_computation():
    data = _data()
    model = vgg_cnn("batch", 0)
    probe, _ = _probe(model, data, 0.0)
    probe.on_train_batch_begin(0)
    r = probe.result()
    np.testing.assert_allclose(r["opt_ics_l2"][0], 0, atol=1e-6)
    np.testing.assert_allclose(r["opt_ics_cos"][0], 1, atol=1e-5)
    assert r["opt_loss_min"][0] == pytest.approx(r["opt_loss_max"][0])

    lr = 0.05
    probe, order = _probe(model, data, lr)
    probe.on_train_batch_begin(0)
    x, y = tf.constant(data.x_train[order[0]]), tf.constant(data.y_train[order[0]])
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    variables = model.trainable_variables
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    grads = tape.gradient(loss, variables)
    conv2 = model.get_layer("conv2").kernel
    position = next(i for i, v in enumerate(variables) if v is conv2)
    saved = [v.numpy() for v in variables]
    for v, g in zip(variables[:position], grads[:position], strict=True):
        v.assign_sub(lr * g)
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    after = tape.gradient(loss, conv2)
    for v, value in zip(variables, saved, strict=True):
        v.assign(value)
    expected = np.linalg.norm(grads[position].numpy() - after.numpy())
    assert probe.result()["opt_ics_l2"][0][0] == pytest.approx(expected, rel=1e-4)
    relative = expected / np.linalg.norm(grads[position].numpy())
    assert probe.result()["opt_ics_rel"][0][0] == pytest.approx(relative, rel=1e-4)


def test_ioffe_input_is_a_binary_image(monkeypatch):
    from bnviz.experiments import spec_for

    monkeypatch.setenv("BNVIZ_OFFLINE", "1")
    data = spec_for("ioffe_fig1", "smoke").load_data()
    for x in (data.x_train, data.x_val, data.x_test):
        assert set(np.unique(x)) == {0.0, 1.0}
    assert data.record["pixels"] == "binarized at 0.5"


def test_cifar10_offline_is_one_clear_error(monkeypatch):
    from bnviz.image_data import load_cifar10

    monkeypatch.setenv("BNVIZ_OFFLINE", "1")
    with pytest.raises(DataUnavailable, match="CIFAR-10 needs a download"):
        load_cifar10()
