"""Slide 8: the same network evaluated in training mode (batch statistics) and
inference mode (moving averages), early and late in training."""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.experiments import JUDGING_SEEDS, Experiment, RunSpec
from bnviz.settings import TrainSettings

TITLE = "Training-mode vs inference-mode accuracy over training (slide 8)"


@dataclass(frozen=True)
class GapSpec(RunSpec):
    at_steps: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
    probe_size: int = 500  # validation images, evaluated as one batch
    # training images BN's statistics are re-estimated over at each step
    precise_samples: int = 1000


SGD = TrainSettings(epochs=10, optimizer="sgd", learning_rate=0.1)
SPECS = {
    "smoke": GapSpec(
        seeds=(0,),
        max_train=256,
        variants=("batch",),
        at_steps=(1, 5),
        precise_samples=64,
        train=TrainSettings(epochs=1, optimizer="sgd", learning_rate=0.1),
    ),
    "quick": GapSpec(
        seeds=JUDGING_SEEDS, max_train=3500, variants=("batch",), train=SGD
    ),
    "full": GapSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        data="mnist-full",
        variants=("batch",),
        at_steps=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000),
        train=SGD,
    ),
}


# --8<-- [start:code]
def run(spec: GapSpec, data_source: str | None = None) -> dict:
    from bnviz.experiments.training import train_spec
    from bnviz.nn.cnns import two_block_cnn
    from bnviz.probes import ModeGap
    from bnviz.probes.precise_bn import StatisticsAtSteps

    data = spec.load_data(data_source)

    def probes(model, seed_data):
        x, y = (
            seed_data.x_val[: spec.probe_size],
            seed_data.y_val[: spec.probe_size],
        )
        # moving vs re-estimated statistics of every BN layer, and the
        # accuracy inference mode has with the re-estimated ones
        statistics = StatisticsAtSteps(
            seed_data,
            x,
            y,
            spec.at_steps,
            spec.precise_samples,
            spec.train.batch_size,
        )
        return [ModeGap(x, y, spec.at_steps), statistics]

    histories = train_spec(two_block_cnn, spec, data_source, probes)
    return {"data": data.record, "histories": histories}


# --8<-- [end:code]


EXPERIMENT = Experiment(
    name="mode_gap", title=TITLE, specs=SPECS, run=run, module=__name__
)
