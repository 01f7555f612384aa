"""Original talk, slide 6: the small CNN trained with and without BN on MNIST,
curves compared."""

from __future__ import annotations

from bnviz.experiments import Experiment, RunSpec
from bnviz.settings import TrainSettings

SPECS = {
    "smoke": RunSpec(seeds=(0,), max_train=256, train=TrainSettings(epochs=1)),
    # 3,500 digits: all of the offline subset's training split,
    # the same size online
    "quick": RunSpec(
        seeds=(0, 1, 2, 3, 4), max_train=3500, train=TrainSettings(epochs=10)
    ),
    # the original talk's run: full MNIST, 10 epochs; 5 seeds for the band
    "full": RunSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        data="mnist-full",
        train=TrainSettings(epochs=10),
    ),
}


# --8<-- [start:code]
def run(spec: RunSpec, data_source: str | None = None) -> dict:
    from bnviz.nn.cnns import seed_cnn
    from bnviz.train import train_variants

    data = spec.load_data(data_source)
    histories = train_variants(
        seed_cnn,
        spec.variants,
        spec.data_by_seed(data_source),
        spec.train,
        spec.seeds,
    )
    return {"data": data.record, "histories": histories}


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="training_curves", title="Learning curves of the small CNN with and "
        "without BN (slide 6)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
