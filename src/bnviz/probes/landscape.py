"""Santurkar et al. (2018): internal covariate shift as a gradient change, and the smoothness of
the loss along the gradient — measured on the batch the optimizer is about to use.

- ICS (their Definition 2.1): for weighted layer i, G = ∇_{W_i} L before the step and
  G' = ∇_{W_i} L after every earlier layer took its SGD step on the same batch; we record
  ‖G − G'‖₂ and cos(G, G').
- Landscape (their §3.1, Fig. 4): move all weights by −k·η·∇L for k in `multipliers`; record the
  range of the loss, the largest gradient change ‖∇L(W) − ∇L(W − kη∇L)‖₂ ("gradient
  predictiveness") and the largest ratio of gradient change to step length ("effective
  β-smoothness").

All measurements run the model in training mode and restore every weight, moving average and
random-generator state afterwards, so training continues exactly as without the probe.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

import bnviz.train
from bnviz.probes import optimizer_step, untouched_state

MULTIPLIERS = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)


def weighted_layers(model: keras.Model) -> list[keras.layers.Layer]:
    """Conv and dense layers, in order: the layers whose kernel W_i the ICS measure is about."""
    return [
        layer
        for layer in model.layers
        if isinstance(layer, keras.layers.Conv2D | keras.layers.Dense)
    ]


class OptimizationProbe(keras.callbacks.Callback):
    """Every `every` steps, before the update, measure ICS per layer and the loss landscape
    along the gradient on the batch that step trains on (`x_train[order[step]]`)."""

    def __init__(
        self, model, x_train, y_train, order, learning_rate, every, multipliers=MULTIPLIERS
    ):
        super().__init__()
        self.net, self.x, self.y, self.order = model, x_train, y_train, order
        self.lr, self.every, self.multipliers = learning_rate, every, tuple(multipliers)
        if bnviz.train.MAX_STEPS is not None:  # `bnviz run --max-steps`: one of each measurement
            self.multipliers = self.multipliers[:1]
        self.loss_fn = keras.losses.SparseCategoricalCrossentropy()
        self.variables = list(model.trainable_variables)
        kernels = [layer.kernel for layer in weighted_layers(model)]
        self.kernel_index = [self._position(k) for k in kernels]
        self.layer_names = [layer.name for layer in weighted_layers(model)]
        if bnviz.train.MAX_STEPS is not None:
            self.kernel_index, self.layer_names = self.kernel_index[:2], self.layer_names[:2]
        keys = ("steps", "ics_l2", "ics_rel", "ics_cos", "loss")
        self.records: dict[str, list] = {k: [] for k in keys}
        self.records.update(loss_min=[], loss_max=[], grad_change=[], beta=[])

    def _position(self, variable) -> int:
        return next(i for i, v in enumerate(self.variables) if v is variable)

    @tf.function(reduce_retracing=True)
    def _loss_and_grads(self, x, y):
        with tf.GradientTape() as tape:
            loss = self.loss_fn(y, self.net(x, training=True))
        return loss, tape.gradient(loss, self.variables)

    def _evaluate(self, x, y):
        """Loss and gradients, each time from the same random state (noisy BN draws its noise
        afresh on every call; G and G' must see the same draw, the one training uses)."""
        for variable, value in zip(self.net.non_trainable_variables, self.state, strict=True):
            variable.assign(value)
        return self._loss_and_grads(x, y)

    def _set(self, values) -> None:
        for variable, value in zip(self.variables, values, strict=True):
            variable.assign(value)

    def _measure(self, x, y) -> None:
        weights = [v.numpy() for v in self.variables]
        self.state = [v.numpy() for v in self.net.non_trainable_variables]
        loss, grads = self._evaluate(x, y)
        grads = [g.numpy() for g in grads]
        l2, rel, cos = [], [], []
        for position in self.kernel_index[1:]:  # the first layer has no earlier layers
            moved = [
                w - self.lr * g if i < position else w
                for i, (w, g) in enumerate(zip(weights, grads, strict=True))
            ]
            self._set(moved)
            g_after = self._evaluate(x, y)[1][position].numpy().ravel()
            g_before = grads[position].ravel()
            l2.append(float(np.linalg.norm(g_before - g_after)))
            rel.append(l2[-1] / (float(np.linalg.norm(g_before)) + 1e-30))
            cos.append(
                float(
                    g_before
                    @ g_after
                    / (np.linalg.norm(g_before) * np.linalg.norm(g_after) + 1e-30)
                )
            )
        flat = np.concatenate([g.ravel() for g in grads])
        losses, changes, betas = [], [], []
        for k in self.multipliers:
            self._set([w - k * self.lr * g for w, g in zip(weights, grads, strict=True)])
            moved_loss, moved_grads = self._evaluate(x, y)
            change = np.linalg.norm(np.concatenate([g.numpy().ravel() for g in moved_grads]) - flat)
            losses.append(float(moved_loss))
            changes.append(float(change))
            betas.append(float(change / (k * self.lr * np.linalg.norm(flat) + 1e-30)))
        self._set(weights)
        r = self.records
        r["steps"].append(self.step)
        r["ics_l2"].append(l2)
        r["ics_rel"].append(rel)
        r["ics_cos"].append(cos)
        r["loss"].append(float(loss))
        r["loss_min"].append(min(losses))
        r["loss_max"].append(max(losses))
        r["grad_change"].append(max(changes))
        r["beta"].append(max(betas))

    def on_train_batch_begin(self, batch, logs=None):
        self.step = optimizer_step(self.net)
        if self.step % self.every == 0 and self.step < len(self.order):
            idx = self.order[self.step]
            with untouched_state(self.net):
                self._measure(tf.constant(self.x[idx]), tf.constant(self.y[idx]))

    def result(self) -> dict:
        return {
            "probe_layers": self.layer_names[1:],
            **{f"opt_{k}": v for k, v in self.records.items()},
        }
