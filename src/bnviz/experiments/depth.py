"""Depth: plain stacks of 3×3 convolutions of increasing depth, with and without
BN, trained with the same optimizer and learning rate; the stacks without BN
also at lower learning rates (a deep plain stack may only need a smaller step),
and a residual stack without BN whose branches start at zero (SkipInit), which
asks whether what BN fixes in a deep stack is its depth. Records the training
curves and, before the first step, the gradient norm of every layer."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bnviz.experiments import JUDGING_SEEDS, Experiment, RunSpec
from bnviz.settings import TrainSettings

TITLE = (
    "Training plain convolutional stacks of increasing depth, "
    "with and without BN"
)


@dataclass(frozen=True)
class DepthSpec(RunSpec):
    depths: tuple[int, ...] = (4, 8, 16, 32)
    width: int = 16  # channels of every convolution
    gradient_batch: int = 256  # images the initial gradients are measured on
    # the stacks without BN are trained at these rates too (best rate per
    # depth); added on 2026-12-07, before the runs that judge the claims
    plain_lrs: tuple[float, ...] = (0.01, 0.03)
    variants: tuple[str, ...] = ("none", "batch", "residual")


# lr and epochs chosen so the shallowest network without BN trains well (a fair
# baseline), in two pilot runs, before any claim about depth was written
SGD = TrainSettings(epochs=10, optimizer="sgd", learning_rate=0.1)
SPECS = {
    "smoke": DepthSpec(
        seeds=(0,),
        max_train=256,
        depths=(2, 4),
        gradient_batch=32,
        plain_lrs=(0.01,),
        train=TrainSettings(epochs=1, optimizer="sgd", learning_rate=0.1),
    ),
    "quick": DepthSpec(seeds=JUDGING_SEEDS[:3], max_train=3500, train=SGD),
    "full": DepthSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        data="mnist-full",
        depths=(4, 8, 16, 32, 64),
        train=SGD,
    ),
}


# --8<-- [start:code]
def run(spec: DepthSpec, data_source: str | None = None) -> dict:
    from bnviz.experiments.training import train_spec
    from bnviz.nn.deep_cnns import plain_cnn
    from bnviz.probes import InitialGradients

    def at_init(model, seed_data):
        n = spec.gradient_batch
        return [InitialGradients(seed_data.x_train[:n], seed_data.y_train[:n])]

    data = spec.load_data(data_source)
    plain = replace(spec, variants=("none",))
    runs = {}
    for depth in spec.depths:

        def build(variant, seed, depth=depth):
            norm = "batch" if variant == "batch" else "none"
            residual = variant == "residual"  # no BN, SkipInit shortcuts
            return plain_cnn(norm, seed, depth, spec.width, residual=residual)

        # the same seeds, data order and learning rate at every depth
        runs[str(depth)] = train_spec(build, spec, data_source, at_init)
        for lr in spec.plain_lrs:  # without BN, smaller steps too
            runs[str(depth)][f"none_lr{lr:g}"] = train_spec(
                build, plain, data_source, at_init, learning_rate=lr
            )["none"]
    return {"data": data.record, "depths": runs}


# --8<-- [end:code]


EXPERIMENT = Experiment(
    name="depth", title=TITLE, specs=SPECS, run=run, module=__name__
)
