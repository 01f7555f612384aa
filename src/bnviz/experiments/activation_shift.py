"""Slide 2: the distribution of one hidden layer's input,
measured during real training."""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.experiments import JUDGING_SEEDS, Experiment, RunSpec
from bnviz.settings import TrainSettings

TITLE = (
    "Measured distribution of a hidden layer's input during training (slide 2)"
)

# plain SGD, as Ioffe & Szegedy
SGD = TrainSettings(epochs=5, optimizer="sgd", learning_rate=0.05)


@dataclass(frozen=True)
class ShiftSpec(RunSpec):
    # the probe records the input of this layer (the 2nd block's ReLU)
    layer: str = "relu2"
    every: int = 10  # steps between measurements
    probe_size: int = 256  # validation images the percentiles are taken over


SPECS = {
    "smoke": ShiftSpec(
        seeds=(0,),
        max_train=256,
        train=TrainSettings(epochs=1, optimizer="sgd"),
    ),
    "quick": ShiftSpec(seeds=JUDGING_SEEDS[:5], max_train=3500, train=SGD),
    "full": ShiftSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        data="mnist-full",
        every=100,
        train=TrainSettings(epochs=10, optimizer="sgd", learning_rate=0.05),
    ),
}


# --8<-- [start:code]
def run(spec: ShiftSpec, data_source: str | None = None) -> dict:
    from bnviz.experiments.training import train_spec
    from bnviz.nn.cnns import two_block_cnn
    from bnviz.probes import ActivationPercentiles

    data = spec.load_data(data_source)

    def probes(model, seed_data):
        probe_x = seed_data.x_val[: spec.probe_size]
        return [ActivationPercentiles(model, spec.layer, probe_x, spec.every)]

    histories = train_spec(two_block_cnn, spec, data_source, probes)
    return {"data": data.record, "histories": histories}


# --8<-- [end:code]


EXPERIMENT = Experiment(
    name="activation_shift", title=TITLE, specs=SPECS, run=run, module=__name__
)
