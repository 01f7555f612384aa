"""Training: Keras `fit` over several seeds, the same data order for every variant of a seed.

`train_seeds` returns one history per seed with explicit keys: `train_loss`, `train_accuracy`,
`val_loss`, `val_accuracy` (one float per epoch). Probes (Keras callbacks recording statistics)
add their own keys through `probe.result()`.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Sequence

import keras
import numpy as np
import tensorflow as tf

from bnviz.data import Dataset
from bnviz.errors import BnvizError
from bnviz.settings import TrainSettings

HISTORY_KEYS = {
    "loss": "train_loss",
    "accuracy": "train_accuracy",
    "val_loss": "val_loss",
    "val_accuracy": "val_accuracy",
}


def batch_order(n: int, batch_size: int, epochs: int, seed: int) -> np.ndarray:
    """Sample indices, shape (epochs * steps, batch_size): a fresh permutation per epoch, fixed
    by `seed`, so with/without-BN runs of one seed see the same batches in the same order."""
    if batch_size > n:
        raise BnvizError(f"batch size {batch_size} is larger than the {n} training samples")
    steps = n // batch_size
    rng = np.random.default_rng(seed)
    orders = [rng.permutation(n)[: steps * batch_size] for _ in range(epochs)]
    return np.concatenate(orders).reshape(epochs * steps, batch_size)


def _batches(data: Dataset, order: np.ndarray) -> tf.data.Dataset:
    x = tf.constant(data.x_train)
    y = tf.constant(data.y_train)
    batches = tf.data.Dataset.from_tensor_slices(order)
    return batches.map(lambda i: (tf.gather(x, i), tf.gather(y, i))).prefetch(2)


def show_progress() -> bool:
    """Progress bars on a terminal and in Jupyter; quiet in CI and when output
    is piped."""
    notebook = "ipykernel" in sys.modules
    return (sys.stderr.isatty() or notebook) and not os.environ.get("CI")


# `bnviz run --max-steps N`: every training stops after N optimizer steps (a
# check that a spec starts: data, model, probes); None = train in full
MAX_STEPS: int | None = None


# under MAX_STEPS: each training's planned work, (optimizer steps, batch size,
# forward FLOPs per sample), for `bnviz run --max-steps` to report
PLANNED: list[tuple[int, int, int]] = []


def _plan(model: keras.Model, steps: int, batch_size: int) -> None:
    if MAX_STEPS is not None:
        from bnviz.nn.flops import forward_flops

        PLANNED.append((steps, batch_size, forward_flops(model)))


def capped_steps(steps: int) -> int:
    """`steps`, or at most MAX_STEPS under `bnviz run --max-steps` (for loops
    that count their own steps)."""
    return steps if MAX_STEPS is None else min(steps, MAX_STEPS)


def _capped(callbacks, steps_per_epoch: int):
    """The callbacks, steps per epoch and validation steps under MAX_STEPS
    (None: the whole validation set)."""
    if MAX_STEPS is None:
        return list(callbacks), steps_per_epoch, None
    from bnviz.probes.paper import StopAtStep

    steps = min(steps_per_epoch, MAX_STEPS)
    return [*callbacks, StopAtStep(MAX_STEPS)], steps, MAX_STEPS


class _ProgressBar(keras.callbacks.Callback):
    def __init__(self, progress, task, label):
        super().__init__()
        self.progress, self.task, self.label = progress, task, label

    def on_epoch_end(self, epoch, logs=None):
        acc = (logs or {}).get("val_accuracy", float("nan"))
        self.progress.update(self.task, advance=1, description=f"{self.label} val acc {acc:.3f}")


_STEP_HOOKS = ("on_train_batch_begin", "on_train_batch_end")
VALIDATION_BATCH = 256  # inference-mode validation: the batch size changes no prediction


def steps_per_execution(callbacks, steps_per_epoch: int) -> int:
    """Steps per compiled call: a whole epoch, unless a callback acts between steps (probes,
    early stops). A probe that measures every `every` steps allows calls of gcd(epoch, every)
    steps, so it still fires after exactly the steps it asks for; any other such callback
    gets one step per call."""
    base = keras.callbacks.Callback
    steps = steps_per_epoch
    for callback in callbacks:
        if any(getattr(type(callback), h) is not getattr(base, h) for h in _STEP_HOOKS):
            steps = math.gcd(steps, getattr(callback, "every", 1))
    return steps


def correct_images(model: keras.Model, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per image, whether the model (inference mode) classifies it correctly: the outcomes
    an accuracy averages, kept so that two accuracies on the same images can be paired
    image by image (`bnviz.judging`). Stored compactly in the result's arrays."""
    n = VALIDATION_BATCH
    probs = [model(x[i : i + n], training=False) for i in range(0, len(x), n)]
    return np.concatenate([np.asarray(p) for p in probs]).argmax(axis=1) == np.asarray(y)


# --8<-- [start:train_model]
def train_model(
    model: keras.Model,
    data: Dataset,
    settings: TrainSettings,
    seed: int,
    callbacks: Sequence[keras.callbacks.Callback] = (),
    epoch_steps: int | None = None,
) -> dict[str, list[float]]:
    """Compile and fit one model; return its history with train_/val_ keys, one
    value per epoch — or per `epoch_steps` steps: the batches are the same,
    in the same order, but Keras ends an "epoch" (validates, calls epoch-end
    callbacks) every `epoch_steps` steps, so step probes measuring every
    `epoch_steps` steps run whole spans in one compiled call."""
    order = batch_order(len(data.y_train), settings.batch_size, settings.epochs, seed)
    steps = epoch_steps or len(order) // settings.epochs
    epochs = len(order) // steps
    _plan(model, epochs * steps, settings.batch_size)
    callbacks, steps, validation_steps = _capped(callbacks, steps)
    model.compile(
        optimizer=settings.make_optimizer(),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=steps_per_execution(callbacks, steps),
    )
    fit = model.fit(
        _batches(data, order),
        epochs=epochs,
        steps_per_epoch=steps,
        validation_data=(data.x_val, data.y_val),
        validation_batch_size=VALIDATION_BATCH,
        validation_steps=validation_steps,
        callbacks=list(callbacks),
        shuffle=False,  # the order is fixed by `batch_order`
        verbose=0,
    )
    history = {HISTORY_KEYS[k]: [float(v) for v in fit.history[k]] for k in HISTORY_KEYS}
    if validation_steps is None:  # which validation images the final model gets right
        history["val_correct"] = correct_images(model, data.x_val, data.y_val)
    for callback in callbacks:
        if hasattr(callback, "result"):
            history.update(callback.result())
    return history


# --8<-- [end:train_model]


def train_seeds(
    build_model: Callable[[int], keras.Model],
    data: Dataset | Callable[[int], Dataset],
    settings: TrainSettings,
    seeds: Sequence[int],
    label: str = "",
    probes: Callable[[keras.Model, Dataset], Sequence[keras.callbacks.Callback]] | None = None,
) -> list[dict[str, list[float]]]:
    """Train `build_model(seed)` once per seed; return one history per seed.

    `data` is one Dataset for every seed, or `seed -> Dataset` when each seed draws its own
    split. `probes(model, data)` may return callbacks that record statistics during training;
    whatever their `result()` returns is merged into that seed's history.
    """
    from rich.progress import Progress

    histories = []
    with Progress(disable=not show_progress(), transient=True) as progress:
        for seed in seeds:
            seed_data = data(seed) if callable(data) else data
            keras.utils.set_random_seed(seed)
            model = build_model(seed)
            task = progress.add_task(label, total=settings.epochs)
            bar = _ProgressBar(progress, task, f"{label} seed {seed}")
            callbacks = [bar, *(probes(model, seed_data) if probes else ())]
            histories.append(train_model(model, seed_data, settings, seed, callbacks))
            progress.remove_task(task)
    return histories


# --8<-- [start:train_variants]
def train_variants(
    build_model: Callable[..., keras.Model],
    variants: Sequence[str],
    data: Dataset | Callable[[int], Dataset],
    settings: TrainSettings,
    seeds: Sequence[int],
    probes: Callable[[keras.Model, Dataset], Sequence[keras.callbacks.Callback]] | None = None,
) -> dict[str, list[dict[str, list[float]]]]:
    """Train `build_model(variant, seed)` for every variant and seed; histories per variant.

    Everything but the variant is held fixed: same seeds, same initial weights per seed, same
    batches in the same order.
    """
    return {
        variant: train_seeds(
            lambda seed, v=variant: build_model(v, seed), data, settings, seeds, variant, probes
        )
        for variant in variants
    }


# --8<-- [end:train_variants]
