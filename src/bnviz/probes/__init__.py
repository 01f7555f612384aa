"""Probes: Keras callbacks that record statistics during training without disturbing it.

A probe that needs BN in training mode (batch statistics) saves and restores every
non-trainable variable around its measurement, so the moving averages the model keeps are
exactly what they would have been without the probe.
"""

from __future__ import annotations

from contextlib import contextmanager

import keras
import numpy as np

from bnviz.errors import BnvizError

PERCENTILES = (5, 15, 50, 85, 95)


@contextmanager
def untouched_state(model: keras.Model):
    """Run code that calls `model(..., training=True)` and restore its moving statistics."""
    saved = [v.numpy().copy() for v in model.non_trainable_variables]
    try:
        yield
    finally:
        for variable, value in zip(model.non_trainable_variables, saved, strict=True):
            variable.assign(value)


def layer_input_model(model: keras.Model, layer_name: str) -> keras.Model:
    """A model mapping the inputs to the tensor that feeds `layer_name`."""
    names = [layer.name for layer in model.layers]
    if layer_name not in names:
        raise BnvizError(f"model {model.name} has no layer {layer_name!r}; it has {names}")
    return keras.Model(model.input, model.get_layer(layer_name).input)


def optimizer_step(model: keras.Model) -> int:
    """Optimizer steps taken so far: the step counter every probe reads."""
    return int(model.optimizer.iterations.numpy())


class StepProbe(keras.callbacks.Callback):
    """Base of probes that measure before training and then every `every` optimizer steps;
    `self.step` is the number of steps taken when `_record()` runs."""

    def __init__(self, every: int):
        super().__init__()
        self.every = every

    @property
    def step(self) -> int:
        return optimizer_step(self.model)

    def _record(self) -> None:
        raise NotImplementedError

    def on_train_begin(self, logs=None):
        self._record()

    def on_train_batch_end(self, batch, logs=None):
        if self.step % self.every == 0:
            self._record()


class ActivationPercentiles(StepProbe):
    """Percentiles of the input of one layer, over a fixed probe batch, every `every` steps.

    Measured as training sees it: BN layers use the probe batch's statistics (training mode).
    """

    def __init__(self, model, layer_name: str, probe_x, every: int, percentiles=PERCENTILES):
        super().__init__(every)
        self.feeds = layer_input_model(model, layer_name)
        self.probe_x, self.q = probe_x, percentiles
        self.steps, self.values = [], []

    def _record(self):
        with untouched_state(self.feeds):
            acts = np.asarray(self.feeds(self.probe_x, training=True))
        self.steps.append(self.step)
        self.values.append(np.percentile(acts, self.q).tolist())

    def result(self) -> dict:
        return {"probe_steps": self.steps, "percentiles": self.values, "quantiles": list(self.q)}


class ModeGap(keras.callbacks.Callback):
    """Accuracy on a fixed batch in training mode (batch statistics) and in inference mode
    (moving averages), at the given global steps."""

    def __init__(self, x, y, at_steps):
        super().__init__()
        self.x, self.y, self.at = x, np.asarray(y), set(at_steps)
        self.steps, self.train_mode, self.inference_mode = [], [], []

    def _accuracy(self, training: bool) -> float:
        with untouched_state(self.model):
            probs = np.asarray(self.model(self.x, training=training))
        return float(np.mean(probs.argmax(axis=1) == self.y))

    def on_train_batch_end(self, batch, logs=None):
        step = optimizer_step(self.model)
        if step in self.at:
            self.steps.append(step)
            self.train_mode.append(self._accuracy(True))
            self.inference_mode.append(self._accuracy(False))

    def result(self) -> dict:
        return {
            "gap_steps": self.steps,
            "train_mode_accuracy": self.train_mode,
            "inference_mode_accuracy": self.inference_mode,
        }


class InitialGradients(keras.callbacks.Callback):
    """Before the first step: the norm of the loss gradient with respect to every convolution
    kernel, first layer to last, on a fixed batch (training mode, as the first step sees it)."""

    def __init__(self, x, y):
        super().__init__()
        self.x, self.y, self.norms = x, np.asarray(y), []

    def on_train_begin(self, logs=None):
        import tensorflow as tf

        kernels = [
            layer.kernel for layer in self.model.layers if isinstance(layer, keras.layers.Conv2D)
        ]
        with untouched_state(self.model), tf.GradientTape() as tape:
            probs = self.model(self.x, training=True)
            loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(self.y, probs))
        self.norms = [float(tf.norm(g)) for g in tape.gradient(loss, kernels)]

    def result(self) -> dict:
        return {"initial_gradient_norms": self.norms}
