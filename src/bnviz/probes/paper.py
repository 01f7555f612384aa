"""Probes for the paper reproductions, which count in training steps, not epochs.

`StepTestAccuracy` evaluates test accuracy every `every` steps (Ioffe & Szegedy, Fig. 1a);
`UnitPercentiles` records, for every unit of a layer's input, the 15th/50th/85th percentiles over
a fixed batch (Fig. 1b, c); `StopAtStep` ends training after an exact number of steps.
"""

from __future__ import annotations

import keras
import numpy as np

from bnviz.probes import StepProbe, layer_input_model, optimizer_step, untouched_state


class StopAtStep(keras.callbacks.Callback):
    """Stop `fit` after `steps` optimizer steps (Keras 3 checks `stop_training` every batch).
    `every = steps`: compiled calls may run many steps, as long as one ends at `steps`."""

    def __init__(self, steps: int):
        super().__init__()
        self.steps = self.every = steps

    def on_train_batch_end(self, batch, logs=None):
        if optimizer_step(self.model) >= self.steps:
            self.model.stop_training = True


class StepTestAccuracy(StepProbe):
    """Accuracy on the test images in inference mode, at step 0 and every `every` steps."""

    def __init__(self, x, y, every: int, batch_size: int = 1000):
        super().__init__(every)
        self.x, self.y, self.batch_size = x, np.asarray(y), batch_size
        self.steps, self.accuracy = [], []

    def _record(self):
        predicted = [
            np.asarray(self.model(self.x[i : i + self.batch_size], training=False)).argmax(axis=1)
            for i in range(0, len(self.y), self.batch_size)
        ]
        self.steps.append(self.step)
        self.accuracy.append(float(np.mean(np.concatenate(predicted) == self.y)))

    def result(self) -> dict:
        return {"test_steps": self.steps, "test_accuracy": self.accuracy}


class UnitPercentiles(StepProbe):
    """Per-unit percentiles of the input of `layer_name` over `probe_x`, every `every` steps.

    Measured as training sees it (BN uses the probe batch's statistics), with the model's
    moving averages and random-generator state restored afterwards. `result()["unit_percentiles"]`
    has shape (measurements, len(percentiles), units).
    """

    def __init__(self, model, layer_name: str, probe_x, every: int, percentiles=(15, 50, 85)):
        super().__init__(every)
        self.feeds = layer_input_model(model, layer_name)
        self.probe_x, self.q = probe_x, tuple(percentiles)
        self.steps, self.values = [], []

    def _record(self):
        with untouched_state(self.feeds):
            acts = np.asarray(self.feeds(self.probe_x, training=True))
        acts = acts.reshape(len(acts), -1)
        self.steps.append(self.step)
        self.values.append(np.percentile(acts, self.q, axis=0))

    def result(self) -> dict:
        return {
            "percentile_steps": self.steps,
            "quantiles": list(self.q),
            "unit_percentiles": np.asarray(self.values, dtype=np.float32),
        }
