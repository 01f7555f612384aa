"""Slide 8: the fine-tuning pitfall. In Keras 3, `layer.trainable = False` on a
BatchNormalization layer also makes it run in inference mode: it normalizes with
its frozen moving averages and never updates them. Measured on a domain shift: a
CNN trained on MNIST is fine-tuned on inverted digits (1 − pixel), once with its
BN layers frozen and once with them trainable."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import numpy as np

from bnviz.experiments import JUDGING_SEEDS, Experiment, RunSpec
from bnviz.settings import TrainSettings

SETTINGS = ("bn_frozen", "bn_trainable")


@dataclass(frozen=True)
class FinetuneSpec(RunSpec):
    # several epochs, so the frozen and trainable choices are compared at
    # equal steps after the moving averages have had time to catch up
    finetune: TrainSettings = field(
        default_factory=lambda: TrainSettings(epochs=6)
    )
    # training images BN's statistics are re-estimated over after each epoch
    precise_samples: int = 2000


SPECS = {
    "smoke": FinetuneSpec(
        seeds=(0,),
        max_train=256,
        variants=SETTINGS,
        precise_samples=64,
        train=TrainSettings(epochs=1),
        finetune=TrainSettings(epochs=2),
    ),
    "quick": FinetuneSpec(
        seeds=JUDGING_SEEDS,
        max_train=3500,
        variants=SETTINGS,
        train=TrainSettings(epochs=3),
    ),
    "full": FinetuneSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        data="mnist-full",
        variants=SETTINGS,
        train=TrainSettings(epochs=3),
    ),
}


# --8<-- [start:code]
def inverted(data):
    """The same digits with inverted intensities:
    a simple, real shift of the input statistics."""
    record = dict(
        data.record, name=f"{data.record['name']}, inverted (1 − pixel)"
    )
    return replace(
        data,
        x_train=1 - data.x_train,
        x_val=1 - data.x_val,
        x_test=1 - data.x_test,
        record=record,
    )


def moving_means(model) -> np.ndarray:
    layers = [layer for layer in model.layers if "bn" in layer.name]
    return np.concatenate([np.asarray(layer.moving_mean) for layer in layers])


@contextmanager
def unfrozen_bn(model):
    """Keras 3 runs a BN layer with `trainable = False` in inference mode even
    when called with `training=True`. Re-estimating its statistics needs batch
    statistics, so every BN layer is trainable for the duration."""
    from bnviz.probes.precise_bn import bn_layers

    layers = bn_layers(model)
    saved = [layer.trainable for layer in layers]
    for layer in layers:
        layer.trainable = True
    try:
        yield model
    finally:
        for layer, trainable in zip(layers, saved, strict=True):
            layer.trainable = trainable


def precise_evaluation(data, samples: int, batch_size: int):
    """`PreciseEvaluation` that re-estimates frozen BN layers too."""
    from bnviz.probes.precise_bn import PreciseEvaluation

    class EveryLayer(PreciseEvaluation):
        def on_epoch_end(self, epoch, logs=None):
            with unfrozen_bn(self.model):
                super().on_epoch_end(epoch, logs)

    return EveryLayer(data, samples, batch_size)


def before_finetuning(model, shifted, samples: int, batch_size: int):
    """Validation accuracy on the shifted images of the upright-trained network,
    as it is and with its BN statistics re-estimated on the shifted images and
    no training at all (AdaBN, Li et al. 2016)."""
    from bnviz.probes.precise_bn import evaluate, reestimated

    x, y = shifted.x_val, shifted.y_val
    as_is = evaluate(model, x, y)[1]
    with reestimated(model, shifted.x_train[:samples], batch_size):
        adabn = evaluate(model, x, y)[1]
    return as_is, adabn


# --8<-- [start:finetune_run]
def run(spec: FinetuneSpec, data_source: str | None = None) -> dict:
    from bnviz.workers import in_workers

    def pretrain_and_finetune(seed: int) -> dict:
        import keras

        from bnviz.nn.cnns import two_block_cnn
        from bnviz.train import train_model

        data = spec.load_data(data_source, seed)
        shifted = inverted(data)
        keras.utils.set_random_seed(seed)
        pretrained = two_block_cnn("batch", seed)
        train_model(pretrained, data, spec.train, seed)
        batch = spec.finetune.batch_size
        as_is, adabn = before_finetuning(
            pretrained, shifted, spec.precise_samples, batch
        )
        runs = {"as_is": as_is, "adabn": adabn}
        for setting in spec.variants:
            model = two_block_cnn("batch", seed)
            model.set_weights(pretrained.get_weights())
            for layer in model.layers:
                if isinstance(layer, keras.layers.BatchNormalization):
                    layer.trainable = setting == "bn_trainable"
            before = moving_means(model)
            # validation also with every BN layer's statistics re-estimated
            # on the shifted training images
            precise = precise_evaluation(shifted, spec.precise_samples, batch)
            history = train_model(
                model, shifted, spec.finetune, seed, [precise]
            )
            history["max_moving_mean_change"] = float(
                np.abs(moving_means(model) - before).max()
            )
            runs[setting] = history
        return runs
        # --8<-- [end:finetune_run]

    # one job per seed, shared among worker processes
    runs = in_workers(pretrain_and_finetune, [(seed,) for seed in spec.seeds])
    return {
        "data": inverted(spec.load_data(data_source)).record,
        "histories": {s: [run[s] for run in runs] for s in spec.variants},
        "before_finetuning": {
            key: [run[key] for run in runs] for key in ("as_is", "adabn")
        },
    }


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="finetune_pitfall", title="Fine-tuning with frozen vs trainable BN "
        "layers on a domain shift (slide 8)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
