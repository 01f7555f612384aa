"""Slide 8: the fine-tuning pitfall. In Keras 3, `layer.trainable = False` on a
BatchNormalization layer also makes it run in inference mode: it normalizes with
its frozen moving averages and never updates them. Measured on a domain shift: a
CNN trained on MNIST is fine-tuned on inverted digits (1 − pixel), once with its
BN layers frozen and once with them trainable."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from bnviz.experiments import Experiment, RunSpec
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
        seeds=(0, 1, 2, 3, 4),
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


def run(spec: FinetuneSpec, data_source: str | None = None) -> dict:
    import keras

    from bnviz.nn.cnns import two_block_cnn
    from bnviz.probes.precise_bn import PreciseEvaluation
    from bnviz.train import train_model

    runs = {setting: [] for setting in spec.variants}
    for seed in spec.seeds:
        data = spec.load_data(data_source, seed)
        shifted = inverted(data)
        keras.utils.set_random_seed(seed)
        pretrained = two_block_cnn("batch", seed)
        train_model(pretrained, data, spec.train, seed)
        for setting in spec.variants:
            model = two_block_cnn("batch", seed)
            model.set_weights(pretrained.get_weights())
            for layer in model.layers:
                if isinstance(layer, keras.layers.BatchNormalization):
                    layer.trainable = setting == "bn_trainable"
            before = moving_means(model)
            # validation also with BN's statistics re-estimated on the
            # shifted training images (for frozen layers this is AdaBN)
            precise = PreciseEvaluation(
                shifted, spec.precise_samples, spec.finetune.batch_size
            )
            history = train_model(
                model, shifted, spec.finetune, seed, [precise]
            )
            history["max_moving_mean_change"] = float(
                np.abs(moving_means(model) - before).max()
            )
            runs[setting].append(history)
    return {"data": shifted.record, "histories": runs}


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="finetune_pitfall", title="Fine-tuning with frozen vs trainable BN "
        "layers on a domain shift (slide 8)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
