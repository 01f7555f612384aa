"""BN's cost per step, decomposed, in one run: training with no BN, Keras' BN and a BN layer on
TensorFlow's fused kernel (`bnviz.nn.fused`, exact against Keras); inference with no BN, BN and
BN folded into the preceding layer (`bnviz.nn.fold`).

Networks whose BN can fold: the seed CNN with BN before the ReLU and the two-block CNN. For each
network and batch size, every model runs the same compiled path (`train_on_batch` or
`predict_on_batch`), warm-up calls first, then `--repeats` repeats of `--calls` calls, the
models taking turns within each repeat. Prints
the median time per call, its spread over repeats (min–max) and the ratio to no BN.

Training also times "one-pass" (BN with Σx and Σx² in one pass and a hand-written backward
pass, `bnviz.nn.onepass`) and "affine" (a per-channel scale and shift at BN's places: BN's
per-element work without statistics), and prints "8 passes": the floor from memory traffic,
the time to stream every BN input of the step through memory 8 times, and no BN + that floor
as a ratio.

    .venv/bin/python bench/bn_overhead.py [--batch 32 128] [--repeats 7] [--calls 30]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from bnviz.experiments.bn_overhead import bn_passes_s
from bnviz.nn.cnns import seed_cnn, two_block_cnn
from bnviz.nn.fold import fold_batchnorm
from bnviz.nn.fused import with_fused_bn
from bnviz.nn.onepass import ChannelAffine, OnePassBatchNormalization

NETWORKS = {
    "seed CNN (BN before ReLU)": (seed_cnn, "batch_pre"),
    "two-block CNN": (two_block_cnn, "batch"),
}


def timed(calls: dict, steps: int, repeats: int, warmup: int = 10) -> dict[str, list[float]]:
    """Seconds per call for each of `calls` (name -> function): warm-up first, then the calls
    take turns within every repeat, so a slow spell of the machine hits them all alike."""
    for call in calls.values():
        for _ in range(warmup):
            call()
    times = {name: [] for name in calls}
    for _ in range(repeats):
        for name, call in calls.items():
            start = time.perf_counter()
            for _ in range(steps):
                call()
            times[name].append((time.perf_counter() - start) / steps)
    return times


def report(label, batch, kind, models, call, args):
    calls = {name: (lambda m=model: call(m)) for name, model in models.items()}
    times = timed(calls, args.calls, args.repeats)
    base = statistics.median(times[next(iter(times))])
    for name, t in times.items():
        median = statistics.median(t)
        spread = f"{1000 * min(t):.2f}–{1000 * max(t):.2f}"
        print(
            f"{label:26} {batch:>5} {kind:9} {name:10} {1000 * median:>8.2f} {spread:>13} "
            f"{median / base:>7.2f}"
        )
    return base


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--calls", type=int, default=30)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    header = ("network", "batch", "step", "model", "ms", "spread", "÷ no BN")
    print("{:26} {:>5} {:9} {:10} {:>8} {:>13} {:>7}".format(*header))
    for label, (build, norm) in NETWORKS.items():
        with_bn = build(norm, 0)
        training = {
            "no BN": build("none", 0),
            "Keras BN": with_bn,
            "fused BN": with_fused_bn(with_bn),
            "one-pass": with_fused_bn(with_bn, OnePassBatchNormalization),
            "affine": with_fused_bn(with_bn, ChannelAffine),
        }
        for model in training.values():
            model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
        inference = {
            "no BN": training["no BN"],
            "BN": with_bn,
            "folded": fold_batchnorm(with_bn)[0],
        }
        for batch in args.batch:
            x = rng.uniform(size=(batch, 28, 28, 1)).astype("float32")
            y = rng.integers(0, 10, size=batch)

            def step(model, x=x, y=y):
                return model.train_on_batch(x, y)

            def predict(model, x=x):
                return model.predict_on_batch(x)

            base = report(label, batch, "training", training, step, args)
            floor = bn_passes_s(with_bn, batch, args.repeats)
            print(
                f"{label:26} {batch:>5} {'training':9} {'8 passes':10} "
                f"{1000 * floor:>8.2f} {'':>13} {(base + floor) / base:>7.2f}"
            )
            report(label, batch, "inference", inference, predict, args)


if __name__ == "__main__":
    main()
