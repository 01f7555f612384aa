"""Slide 7: "BN regularizes" and "BN can replace dropout" — BN vs dropout vs
both vs neither, everything else fixed (two-block CNN, Adam, same seeds and
batches), on full Fashion-MNIST, where the network cannot simply memorize its
training set. The train − validation gap is measured in inference mode on both
sets after training, with BN's moving averages and with re-estimated
statistics."""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.experiments import JUDGING_SEEDS, Experiment, FashionSpec
from bnviz.settings import TrainSettings

TITLE = "BN vs dropout vs both vs neither (slide 7)"

VARIANTS = ("neither", "dropout", "batch", "both")
DROPOUT = 0.5  # before the classifier, the classic rate


# --8<-- [start:build]
def build(variant: str, seed: int):
    from bnviz.nn.cnns import two_block_cnn

    norm = "batch" if variant in ("batch", "both") else "none"
    dropout = DROPOUT if variant in ("dropout", "both") else 0.0
    return two_block_cnn(norm, seed, dropout=dropout)


# --8<-- [end:build]


@dataclass(frozen=True)
class DropoutSpec(FashionSpec):
    gap_samples: int = 6000  # training images the inference-mode gap uses
    precise_samples: int = 2000  # images BN statistics are re-estimated on


# Redesigned on 2026-11-26 (earlier: 3,500 MNIST digits, which the network
# memorizes): all 54,000 Fashion-MNIST training images, batch 128; 5 epochs
# since 2026-12-07 (6 took 21 minutes here, over the 20-minute quick budget)
SPECS = {
    "smoke": DropoutSpec(
        seeds=(0,),
        max_train=256,
        variants=VARIANTS,
        gap_samples=128,
        precise_samples=128,
        train=TrainSettings(epochs=1, batch_size=64),
    ),
    # 3 seeds: 5 would take over 20 minutes on a 2-core CPU
    "quick": DropoutSpec(
        seeds=JUDGING_SEEDS[:3],
        max_train=None,
        variants=VARIANTS,
        train=TrainSettings(epochs=5, batch_size=128),
    ),
    "full": DropoutSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        variants=VARIANTS,
        train=TrainSettings(epochs=20, batch_size=128),
    ),
}


# --8<-- [start:code]
def run(spec: DropoutSpec, data_source: str | None = None) -> dict:
    from bnviz.experiments.training import train_spec
    from bnviz.probes.precise_bn import PreciseEvaluation, SetsEvaluation

    def evaluations(model, seed_data):
        batch = spec.train.batch_size
        return [
            PreciseEvaluation(seed_data, spec.precise_samples, batch),
            SetsEvaluation(
                seed_data, spec.gap_samples, spec.precise_samples, batch
            ),
        ]

    data = spec.load_data(data_source)
    histories = train_spec(build, spec, data_source, evaluations)
    return {"data": data.record, "histories": histories}


# --8<-- [end:code]


EXPERIMENT = Experiment(
    name="dropout_vs_bn", title=TITLE, specs=SPECS, run=run, module=__name__
)
