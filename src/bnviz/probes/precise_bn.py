"""Precise BN (Wu & Johnson 2021, arXiv:2105.07576): population statistics
re-estimated with the weights frozen, instead of Keras' moving averages.

Keras' BN keeps moving averages with momentum 0.99 and starts the moving
variance at 1. In a short run they lag far behind the statistics the network's
weights actually produce, so inference mode evaluates a network that training
never saw. `reestimate_bn` replaces them with the exact mean and variance of
every BN layer's input over a set of training batches: what the moving averages
would converge to if the weights stopped changing.
"""

from __future__ import annotations

import weakref
from contextlib import contextmanager

import keras
import numpy as np
import tensorflow as tf

from bnviz.probes import untouched_state


def bn_layers(model: keras.Model) -> list[keras.layers.BatchNormalization]:
    return [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]


def batches(x: np.ndarray, batch_size: int):
    """Consecutive batches of `batch_size` (a smaller last batch is dropped,
    as training drops it)."""
    for start in range(0, len(x) - batch_size + 1, batch_size):
        yield x[start : start + batch_size]


# compiled functions per model, so per-epoch evaluations trace once per model;
# keyed by the BN layers' `trainable` flags, which decide how they are traced
_COMPILED = weakref.WeakKeyDictionary()


def compiled(model: keras.Model, kind: str, build):
    """`build()` compiled with tf.function, cached for `model`."""
    flags = tuple(layer.trainable for layer in bn_layers(model))
    cache = _COMPILED.setdefault(model, {})
    if (kind, flags) not in cache:
        cache[kind, flags] = tf.function(build())
    return cache[kind, flags]


def _bn_inputs(model: keras.Model):
    feeds = keras.Model(model.input, [layer.input for layer in bn_layers(model)])
    return lambda batch: feeds(batch, training=True)


# --8<-- [start:reestimate_bn]
def reestimate_bn(model: keras.Model, x: np.ndarray, batch_size: int) -> None:
    """Overwrite every BN layer's moving mean and variance with the mean and
    (biased) variance of its inputs over all batches of `x`.

    The batches run through the network in training mode, as in training:
    each BN layer normalizes with its batch's statistics, so every layer's
    inputs are what it saw while it learned. Weights do not change.

    A BN layer with `trainable = False` runs in inference mode in Keras 3 even
    when called with `training=True`: its statistics are measured but later
    layers see its moving-average output. To re-estimate frozen layers as if
    they were training, make them trainable for the call (the fine-tuning
    experiment's `unfrozen_bn` does)."""
    layers = bn_layers(model)
    if not layers:
        return
    forward = compiled(model, "bn_inputs", lambda: _bn_inputs(model))
    counts = [0] * len(layers)
    sums = [np.zeros(layer.moving_mean.shape) for layer in layers]
    squares = [np.zeros(layer.moving_mean.shape) for layer in layers]
    for batch in batches(x, batch_size):
        inputs = forward(batch)
        if len(layers) == 1:  # a one-output model returns a tensor
            inputs = [inputs]
        for i, values in enumerate(inputs):
            # every axis but the channels (the last) is averaged over
            values = np.asarray(values, dtype=np.float64)
            values = values.reshape(-1, values.shape[-1])
            sums[i] += values.sum(axis=0)
            squares[i] += (values**2).sum(axis=0)
            counts[i] += len(values)
    for layer, n, total, square in zip(layers, counts, sums, squares, strict=True):
        mean = total / n
        layer.moving_mean.assign(mean)
        layer.moving_variance.assign(np.maximum(square / n - mean**2, 0))


# --8<-- [end:reestimate_bn]


@contextmanager
def reestimated(model: keras.Model, x: np.ndarray, batch_size: int):
    """Inside the block the model's BN layers use re-estimated statistics;
    afterwards the moving averages are back, exactly as they were."""
    with untouched_state(model):
        reestimate_bn(model, x, batch_size)
        yield model


def evaluate_images(model, x, y, batch_size: int = 256) -> tuple[float, np.ndarray]:
    """Inference-mode cross-entropy of a softmax classifier, and per image whether it is
    classified correctly (the outcomes its accuracy averages)."""
    loss, correct = 0.0, []
    predict = compiled(model, "predict", lambda: lambda batch: model(batch, training=False))
    for start in range(0, len(x), batch_size):
        probs = np.asarray(predict(x[start : start + batch_size]), np.float64)
        labels = np.asarray(y[start : start + batch_size])
        picked = probs[np.arange(len(labels)), labels]
        loss -= np.log(np.clip(picked, 1e-7, 1.0)).sum()
        correct.append(probs.argmax(axis=1) == labels)
    return loss / len(x), np.concatenate(correct)


def evaluate(model, x, y, batch_size: int = 256) -> tuple[float, float]:
    """Inference-mode cross-entropy and accuracy of a softmax classifier."""
    loss, correct = evaluate_images(model, x, y, batch_size)
    return loss, float(correct.mean())


class PreciseEvaluation(keras.callbacks.Callback):
    """After every epoch: validation loss and accuracy with re-estimated BN
    statistics (`samples` training images in batches of `batch_size`). The
    moving averages are restored afterwards, so training is unchanged. A model
    without BN is evaluated as it is."""

    def __init__(self, data, samples: int, batch_size: int):
        super().__init__()
        self.x = data.x_train[:samples]
        self.x_val, self.y_val = data.x_val, data.y_val
        self.batch_size = batch_size
        self.loss, self.accuracy, self.correct = [], [], None

    def on_epoch_end(self, epoch, logs=None):
        with reestimated(self.model, self.x, self.batch_size):
            loss, correct = evaluate_images(self.model, self.x_val, self.y_val)
        self.loss.append(loss)
        self.accuracy.append(float(correct.mean()))
        self.correct = correct  # the last epoch's, per image

    def result(self) -> dict:
        return {
            "val_loss_precise": self.loss,
            "val_accuracy_precise": self.accuracy,
            "val_correct_precise": self.correct,
        }


class StatisticsAtSteps(keras.callbacks.Callback):
    """At the given optimizer steps: every BN layer's moving mean and variance,
    the re-estimated ones (what the moving averages should be for the weights
    of that step), and the inference-mode accuracy on `x, y` with the
    re-estimated statistics. Training is unchanged."""

    def __init__(self, data, x, y, at_steps, samples: int, batch_size: int):
        super().__init__()
        self.train_x = data.x_train[:samples]
        self.x, self.y, self.at = x, y, set(at_steps)
        self.batch_size = batch_size
        self.steps, self.accuracy, self.layers = [], [], {}

    def _statistics(self, kind: str) -> None:
        for layer in bn_layers(self.model):
            stats = self.layers.setdefault(layer.name, {})
            for name in ("mean", "variance"):
                value = getattr(layer, f"moving_{name}").numpy().tolist()
                stats.setdefault(f"{kind}_{name}", []).append(value)

    def on_train_batch_end(self, batch, logs=None):
        step = int(self.model.optimizer.iterations.numpy())
        if step not in self.at:
            return
        self.steps.append(step)
        self._statistics("moving")
        with reestimated(self.model, self.train_x, self.batch_size):
            self._statistics("precise")
            self.accuracy.append(evaluate(self.model, self.x, self.y)[1])

    def result(self) -> dict:
        return {
            "precise_inference_mode_accuracy": self.accuracy,
            "bn_statistics": self.layers,
        }


class SetsEvaluation(keras.callbacks.Callback):
    """After training: inference-mode accuracy on `samples` training images and
    on the validation set, with the moving averages and with re-estimated BN
    statistics (over `precise_samples` training images in batches of
    `batch_size`). The train − validation gap of two inference-mode accuracies
    on sets of the same kind is what a regularizer should shrink; Keras'
    training accuracy is an epoch average in training mode (dropout active)."""

    def __init__(self, data, samples: int, precise_samples: int, batch_size: int):
        super().__init__()
        self.sets = {
            "train": (data.x_train[:samples], data.y_train[:samples]),
            "val": (data.x_val, data.y_val),
        }
        self.x_stats = data.x_train[:precise_samples]
        self.batch_size = batch_size
        self.accuracy = {}

    def _evaluate(self, suffix: str) -> None:
        for name, (x, y) in self.sets.items():
            correct = evaluate_images(self.model, x, y)[1]
            self.accuracy[f"{name}_accuracy_inference{suffix}"] = float(correct.mean())
            self.accuracy[f"{name}_correct_inference{suffix}"] = correct

    def on_train_end(self, logs=None):
        self._evaluate("")
        with reestimated(self.model, self.x_stats, self.batch_size):
            self._evaluate("_precise")

    def result(self) -> dict:
        return dict(self.accuracy)
