"""Slide 13: the computational overhead of BN — wall time of a training step and
of an inference batch, with and without BN, on this machine; and what two
remedies buy: BN on TensorFlow's fused kernel (training) and BN folded into the
preceding layers (inference)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial

import numpy as np

from bnviz.experiments import Experiment


@dataclass(frozen=True)
class OverheadSpec:
    # timing does not need several initializations
    seeds: tuple[int, ...] = (0,)
    batch_size: int = 64  # images per step
    steps: int = 50  # timed steps per repeat
    warmup: int = 10  # untimed steps first (tracing, caches)
    repeats: int = 5  # the median over repeats is reported
    # no BN, Keras' BN, BN on the fused kernel (exact against Keras'), and BN
    # folded into the preceding layers (inference only: nothing left to train)
    variants: tuple[str, ...] = ("none", "batch", "batch_fused", "batch_folded")
    # MNIST source (the pixels do not matter for timing, but they are real)
    data: str = "auto"


SPECS = {
    "smoke": OverheadSpec(steps=3, warmup=1, repeats=1),
    "quick": OverheadSpec(),
    "full": OverheadSpec(batch_size=256, steps=200, repeats=7),
}


# --8<-- [start:code]
def _timed(call, steps: int) -> float:
    """Seconds per call, the mean over `steps` calls."""
    start = time.perf_counter()
    for _ in range(steps):
        call()
    return (time.perf_counter() - start) / steps


def build(variant: str, seed: int):
    from bnviz.nn.cnns import two_block_cnn
    from bnviz.nn.fold import fold_batchnorm
    from bnviz.nn.fused import with_fused_bn

    if variant == "batch_fused":
        return with_fused_bn(two_block_cnn("batch", seed))
    if variant == "batch_folded":
        return fold_batchnorm(two_block_cnn("batch", seed))[0]
    return two_block_cnn(variant, seed)


def run(spec: OverheadSpec, data_source: str | None = None) -> dict:
    import keras

    from bnviz.data import load_mnist

    data = load_mnist(data_source or spec.data)
    x, y = data.x_train[: spec.batch_size], data.y_train[: spec.batch_size]
    calls = {}  # (variant, kind) -> the call to time
    for variant in spec.variants:
        keras.utils.set_random_seed(spec.seeds[0])
        model = build(variant, spec.seeds[0])
        model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
        calls[variant, "inference_s"] = partial(model.predict_on_batch, x)
        if variant != "batch_folded":  # a folded network is for inference
            calls[variant, "train_step_s"] = partial(model.train_on_batch, x, y)
    for call in calls.values():
        for _ in range(spec.warmup):
            call()
    # the variants take turns within each repeat, so a slow spell of the
    # machine hits all of them alike and repeats pair the timings
    timings = {variant: {} for variant in spec.variants}
    for _ in range(spec.repeats):
        for (variant, kind), call in calls.items():
            timings[variant].setdefault(kind, []).append(
                _timed(call, spec.steps)
            )
    return {
        "data": data.record,
        "timings": timings,
        "median": {
            v: {k: float(np.median(t)) for k, t in d.items()}
            for v, d in timings.items()
        },
    }


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="bn_overhead", title="Time per training step and per inference "
        "batch, with and without BN (slide 13)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
