"""Slide 13 (and Wu & He 2018, Fig. 1): validation error against batch size for
Batch and Group Norm, designed like Wu & He's sweep: the same number of epochs
(so the same samples) at every batch size, the learning rate scaled linearly
with the batch size, BN evaluated with re-estimated population statistics, on a
network with six normalization layers and 7×7 feature maps in its last stage."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bnviz.experiments import JUDGING_SEEDS, Experiment, FashionSpec
from bnviz.settings import TrainSettings

TITLE = (
    "Validation error vs batch size for BN and GN, equal epochs, "
    "scaled learning rate (slide 13, Wu & He Fig. 1)"
)

VARIANTS = ("batch", "group")


@dataclass(frozen=True)
class BatchSweepSpec(FashionSpec):
    batch_sizes: tuple[int, ...] = (2, 4, 8, 16, 32)
    # cap on validation images (evaluated after every epoch)
    max_val: int | None = None
    # linear scaling (Goyal et al. 2017, as Wu & He): lr = base_lr * b / base
    base_batch: int = 32
    # training images BN's statistics are re-estimated over (precise BN)
    precise_samples: int = 2000

    def load_data(self, data_source: str | None = None, seed: int = 0):
        data = super().load_data(data_source, seed)
        if self.max_val is None or self.max_val >= len(data.y_val):
            return data
        record = dict(data.record, n_val=self.max_val)
        return replace(
            data,
            x_val=data.x_val[: self.max_val],
            y_val=data.y_val[: self.max_val],
            record=record,
        )


SGD = TrainSettings(epochs=2, optimizer="sgd", learning_rate=0.1)
SPECS = {
    "smoke": BatchSweepSpec(
        seeds=(0,),
        max_train=128,
        variants=VARIANTS,
        batch_sizes=(2, 32),
        max_val=256,
        precise_samples=64,
        train=replace(SGD, epochs=1),
    ),
    # 6,000 images x 2 epochs per run: 30 runs in about ten CPU minutes
    "quick": BatchSweepSpec(
        seeds=JUDGING_SEEDS[:3],
        max_train=6000,
        max_val=2000,
        variants=VARIANTS,
        train=SGD,
    ),
    # all 60,000 training images; Layer Norm too
    "full": BatchSweepSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        variants=(*VARIANTS, "layer"),
        batch_sizes=(2, 4, 8, 16, 32, 64),
        precise_samples=10_000,
        train=replace(SGD, epochs=10),
    ),
}


# --8<-- [start:code]
def run(spec: BatchSweepSpec, data_source: str | None = None) -> dict:
    from bnviz.experiments.training import train_spec
    from bnviz.nn.deep_cnns import six_layer_cnn
    from bnviz.probes.precise_bn import PreciseEvaluation

    data = spec.load_data(data_source)
    sweep = {}
    for b in spec.batch_sizes:
        # the same epochs at every size; the learning rate grows with b
        lr = spec.train.learning_rate * b / spec.base_batch

        def precise(model, seed_data, b=b):
            # BN's statistics re-estimated with batches of the training size
            return [PreciseEvaluation(seed_data, spec.precise_samples, b)]

        sweep[str(b)] = train_spec(
            six_layer_cnn,
            spec,
            data_source,
            precise,
            batch_size=b,
            learning_rate=lr,
        )
    return {"data": data.record, "sweep": sweep}


# --8<-- [end:code]


EXPERIMENT = Experiment(
    name="batch_size_sweep", title=TITLE, specs=SPECS, run=run, module=__name__
)
