"""Slide 13: the computational overhead of BN — wall time of a training step and
of an inference batch, with and without BN, on this machine; and what two
remedies buy: BN on TensorFlow's fused kernel (training) and BN folded into the
preceding layers (inference)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
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
    # timing repeats, each pairing every variant: 20 resolve the claims' margins
    repeats: int = 20
    # no BN, Keras' BN, BN on the fused kernel and BN with one-pass statistics
    # (both exact against Keras'), a per-channel scale and shift at BN's places
    # (BN's per-element work without statistics: the floor), and BN folded
    # into the preceding layers (inference only: nothing left to train)
    variants: tuple[str, ...] = (
        "none",
        "batch",
        "batch_fused",
        "batch_onepass",
        "affine",
        "batch_folded",
    )
    # MNIST source (the pixels do not matter for timing, but they are real)
    data: str = "auto"


SPECS = {
    "smoke": OverheadSpec(steps=3, warmup=1, repeats=1),
    "quick": OverheadSpec(),
    "full": OverheadSpec(batch_size=256, steps=200),
}


# --8<-- [start:code]
def _timed(call, steps: int) -> float:
    """Seconds per call, the mean over `steps` calls."""
    start = time.perf_counter()
    for _ in range(steps):
        call()
    return (time.perf_counter() - start) / steps


# --8<-- [start:build]
def build(variant: str, seed: int):
    from bnviz.nn.cnns import two_block_cnn
    from bnviz.nn.fold import fold_batchnorm
    from bnviz.nn.fused import with_fused_bn
    from bnviz.nn.onepass import ChannelAffine, OnePassBatchNormalization

    if variant == "none":
        return two_block_cnn("none", seed)
    model = two_block_cnn("batch", seed)
    if variant == "batch_folded":
        return fold_batchnorm(model)[0]
    replacement = {
        "batch_fused": with_fused_bn,
        "batch_onepass": partial(
            with_fused_bn, layer_class=OnePassBatchNormalization
        ),
        "affine": partial(with_fused_bn, layer_class=ChannelAffine),
    }
    return replacement.get(variant, lambda m: m)(model)


# --8<-- [end:build]


def bn_passes_s(model, batch_size: int, repeats: int) -> float:
    """The floor of BN's cost from memory traffic: seconds this machine takes
    to stream every BN input of one training step through memory 8 times
    (the fewest full-size reads and writes of a training step's BN: forward
    Σx, Σx² and y = a·x + b; backward Σdy, Σdy·x and dx = a·dy + b·x + c),
    timed with NumPy's multiply (one read and one write per pass)."""
    import keras

    total = 0.0
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            shape = (batch_size, *layer.input.shape[1:])
            x = np.ones(shape, "float32")
            out = np.empty_like(x)
            one_pass = min(
                _timed(partial(np.multiply, x, 1.5, out=out), 20)
                for _ in range(repeats)
            )
            total += 8 * one_pass / 2  # a timed pass reads and writes
    return total


# --8<-- [start:timing]
def run(spec: OverheadSpec, data_source: str | None = None) -> dict:
    import keras

    from bnviz.data import load_mnist
    from bnviz.train import capped_steps

    # `bnviz run --max-steps N`: at most N calls of each kind
    spec = replace(
        spec,
        steps=capped_steps(spec.steps),
        warmup=capped_steps(spec.warmup),
        repeats=capped_steps(spec.repeats),
    )
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
    # --8<-- [end:timing]
    return {
        "data": data.record,
        "timings": timings,
        "memory_floor_s": bn_passes_s(
            build("batch", spec.seeds[0]), spec.batch_size, spec.repeats
        ),
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
