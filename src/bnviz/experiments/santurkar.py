"""Reproduction of Santurkar et al. (2018), "How does batch normalization help
optimization?": (a) standard vs BN vs "noisy" BN training (their Fig. 2),
(b) internal covariate shift measured as the change of a layer's gradient when
earlier layers update (Fig. 5), (c) the loss and its gradient along the
gradient direction (Fig. 4). One run per variant and seed records all three."""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.experiments import JUDGING_SEEDS, Experiment, FashionSpec
from bnviz.nn.paper_nets import VGG16
from bnviz.settings import TrainSettings

# standard, + BatchNorm, + "noisy" BatchNorm
VARIANTS = ("none", "batch", "noisy_batch")


@dataclass(frozen=True)
class SanturkarSpec(FashionSpec):
    # VGG-style: 3x3 convolutions, "M" = max-pool
    config: tuple = (16, 16, "M", 32, 32, "M")
    dense: tuple[int, ...] = (64,)
    every: int = 20  # steps between ICS / landscape / percentile measurements
    # the layer whose input distribution is drawn
    shift_layer: str = "relu_conv3"
    probe_size: int = 256  # validation images the percentiles are taken over

    def load_data(self, data_source: str | None = None, seed: int = 0):
        if (data_source or self.data) == "cifar10":
            from bnviz.image_data import load_cifar10

            return load_cifar10().subset(self.max_train, seed)
        return super().load_data(data_source, seed)


# the paper's lr
SGD = TrainSettings(epochs=4, batch_size=64, optimizer="sgd", learning_rate=0.1)

SPECS = {
    "smoke": SanturkarSpec(
        seeds=(0,),
        max_train=256,
        variants=VARIANTS,
        every=2,
        probe_size=32,
        train=TrainSettings(
            epochs=1, batch_size=64, optimizer="sgd", learning_rate=0.1
        ),
    ),
    # 3 seeds: 5 would take 8-20 minutes on a 2-core CPU
    # (see the judging page)
    "quick": SanturkarSpec(
        seeds=JUDGING_SEEDS[:3], max_train=10_000, variants=VARIANTS, train=SGD
    ),
    # the paper's setup: VGG16 on CIFAR-10, SGD at learning rate 0.1
    "full": SanturkarSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        variants=VARIANTS,
        data="cifar10",
        config=VGG16,
        dense=(),
        every=100,
        shift_layer="relu_conv7",
        train=TrainSettings(
            epochs=40, batch_size=128, optimizer="sgd", learning_rate=0.1
        ),
    ),
}


# --8<-- [start:code]
def run(spec: SanturkarSpec, data_source: str | None = None) -> dict:
    from bnviz.workers import per_variant_and_seed

    def train_one(variant: str, seed: int) -> dict:
        import keras

        from bnviz.nn.paper_nets import vgg_cnn
        from bnviz.probes import ActivationPercentiles
        from bnviz.probes.landscape import OptimizationProbe
        from bnviz.train import batch_order, train_model

        data = spec.load_data(data_source, seed)
        probe_x = data.x_val[: spec.probe_size]
        keras.utils.set_random_seed(seed)
        model = vgg_cnn(
            variant, seed, spec.config, spec.dense, data.x_train.shape[1:]
        )
        order = batch_order(
            len(data.y_train),
            spec.train.batch_size,
            spec.train.epochs,
            seed,
        )
        probes = [
            OptimizationProbe(
                model,
                data.x_train,
                data.y_train,
                order,
                spec.train.learning_rate,
                spec.every,
            ),
            ActivationPercentiles(model, spec.shift_layer, probe_x, spec.every),
        ]
        return train_model(model, data, spec.train, seed, probes)

    # every variant on every seed, shared among worker processes
    histories = per_variant_and_seed(train_one, spec.variants, spec.seeds)
    data = spec.load_data(data_source)
    return {"data": data.record, "histories": histories}


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="santurkar", title="Reproduction: Santurkar et al. (2018) — noisy "
        "BN, ICS and the loss landscape",
    specs=SPECS, run=run, module=__name__)
# fmt: on
