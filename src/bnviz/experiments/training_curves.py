"""Original talk, slide 6: the small CNN trained with and without BN on MNIST,
curves compared."""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.experiments import JUDGING_SEEDS, Experiment, RunSpec
from bnviz.settings import TrainSettings

TITLE = "Learning curves of the small CNN with and without BN (slide 6)"


@dataclass(frozen=True)
class CurvesSpec(RunSpec):
    # training images BN's statistics are re-estimated over after each epoch
    precise_samples: int = 2000


SPECS = {
    "smoke": CurvesSpec(
        seeds=(0,),
        max_train=256,
        precise_samples=64,
        train=TrainSettings(epochs=1),
    ),
    # 3,500 digits: all of the offline subset's training split,
    # the same size online
    "quick": CurvesSpec(
        seeds=JUDGING_SEEDS, max_train=3500, train=TrainSettings(epochs=10)
    ),
    # the original talk's run: full MNIST, 10 epochs; 5 seeds for the band
    "full": CurvesSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        data="mnist-full",
        train=TrainSettings(epochs=10),
    ),
}


# --8<-- [start:code]
def run(spec: CurvesSpec, data_source: str | None = None) -> dict:
    from bnviz.experiments.training import train_spec
    from bnviz.nn.cnns import seed_cnn
    from bnviz.probes.precise_bn import PreciseEvaluation

    def precise(model, seed_data):
        # validation also with BN's statistics re-estimated (precise BN)
        batch = spec.train.batch_size
        return [PreciseEvaluation(seed_data, spec.precise_samples, batch)]

    data = spec.load_data(data_source)
    histories = train_spec(seed_cnn, spec, data_source, precise)
    return {"data": data.record, "histories": histories}


# --8<-- [end:code]


EXPERIMENT = Experiment(
    name="training_curves", title=TITLE, specs=SPECS, run=run, module=__name__
)
