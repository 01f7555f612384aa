"""Slide 7: "BN allows higher learning rates" — a plain-SGD learning-rate sweep,
with and without BN, on the two-block CNN. A run diverges when its loss becomes
NaN/inf or its validation accuracy ends at chance level."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.experiments import JUDGING_SEEDS, Experiment, RunSpec
from bnviz.settings import TrainSettings

TITLE = "Learning-rate sweep with plain SGD, with and without BN (slide 7)"

# at or below this final validation accuracy a 10-class run learned nothing
CHANCE = 0.2


@dataclass(frozen=True)
class SweepSpec(RunSpec):
    learning_rates: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
    # training images BN's statistics are re-estimated over after each epoch
    precise_samples: int = 2000


SPECS = {
    "smoke": SweepSpec(
        seeds=(0,),
        max_train=256,
        learning_rates=(0.1, 3.0),
        precise_samples=64,
        train=TrainSettings(epochs=1, optimizer="sgd"),
    ),
    # 5 seeds: enough to resolve the claims' margins (about 8 minutes)
    "quick": SweepSpec(
        seeds=JUDGING_SEEDS[:5],
        max_train=3500,
        train=TrainSettings(epochs=4, optimizer="sgd"),
    ),
    "full": SweepSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        data="mnist-full",
        train=TrainSettings(epochs=5, optimizer="sgd"),
    ),
}


# --8<-- [start:code]
def diverged(history: dict) -> bool:
    loss = np.asarray(history["train_loss"])
    return bool(
        not np.all(np.isfinite(loss)) or history["val_accuracy"][-1] <= CHANCE
    )


def run(spec: SweepSpec, data_source: str | None = None) -> dict:
    from bnviz.experiments.training import train_spec
    from bnviz.nn.cnns import two_block_cnn
    from bnviz.probes.precise_bn import PreciseEvaluation

    def precise(model, seed_data):
        # validation also with BN's statistics re-estimated (precise BN)
        batch = spec.train.batch_size
        return [PreciseEvaluation(seed_data, spec.precise_samples, batch)]

    data = spec.load_data(data_source)
    sweep = {}
    for lr in spec.learning_rates:
        # only the learning rate changes from one point to the next
        sweep[repr(lr)] = train_spec(
            two_block_cnn, spec, data_source, precise, learning_rate=lr
        )
    return {"data": data.record, "sweep": sweep}


# --8<-- [end:code]


EXPERIMENT = Experiment(
    name="lr_sweep", title=TITLE, specs=SPECS, run=run, module=__name__
)
