"""Slide 7: "BN regularizes" and "BN can replace dropout" — BN vs dropout vs
both vs neither, everything else fixed (two-block CNN, Adam, same seeds and
batches)."""

from __future__ import annotations

from bnviz.experiments import Experiment, RunSpec
from bnviz.settings import TrainSettings

VARIANTS = ("neither", "dropout", "batch", "both")
DROPOUT = 0.5  # before the classifier, the classic rate


# --8<-- [start:build]
def build(variant: str, seed: int):
    from bnviz.nn.cnns import two_block_cnn

    norm = "batch" if variant in ("batch", "both") else "none"
    dropout = DROPOUT if variant in ("dropout", "both") else 0.0
    return two_block_cnn(norm, seed, dropout=dropout)


# --8<-- [end:build]


SPECS = {
    "smoke": RunSpec(
        seeds=(0,),
        max_train=256,
        variants=VARIANTS,
        train=TrainSettings(epochs=1),
    ),
    # 3 seeds: 5 would take well over 10 minutes on a 2-core CPU
    # (see the judging page)
    "quick": RunSpec(
        seeds=(0, 1, 2),
        max_train=3500,
        variants=VARIANTS,
        train=TrainSettings(epochs=10),
    ),
    "full": RunSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        data="mnist-full",
        variants=VARIANTS,
        train=TrainSettings(epochs=10),
    ),
}


# --8<-- [start:code]
def run(spec: RunSpec, data_source: str | None = None) -> dict:
    from bnviz.train import train_variants

    data = spec.load_data(data_source)
    return {
        "data": data.record,
        "histories": train_variants(
            build,
            spec.variants,
            spec.data_by_seed(data_source),
            spec.train,
            spec.seeds,
        ),
    }


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="dropout_vs_bn", title="BN vs dropout vs both vs neither (slide 7)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
