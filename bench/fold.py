"""Inference time without BN, with BN, and with BN folded into the layer before it; one run.

Networks whose BN can fold: the seed CNN with BN before the ReLU (`batch_pre`) and the
two-block CNN. For each network and batch size: the same compiled `predict_on_batch` path for
all three models, warm-up calls first, then `--repeats` repeats of `--calls` calls each.
Prints the median time per batch, the spread (min–max over repeats) and the ratios to the
model without BN.

    .venv/bin/python bench/fold.py [--batch 32 128] [--repeats 7] [--calls 50]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from bnviz.nn.cnns import seed_cnn, two_block_cnn
from bnviz.nn.fold import fold_batchnorm

NETWORKS = {
    "seed CNN (BN before ReLU)": (seed_cnn, "batch_pre"),
    "two-block CNN": (two_block_cnn, "batch"),
}


def per_batch(model, x, calls: int, repeats: int, warmup: int = 20) -> list[float]:
    for _ in range(warmup):
        model.predict_on_batch(x)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            model.predict_on_batch(x)
        times.append((time.perf_counter() - start) / calls)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"{'network':28} {'batch':>5} {'model':8} {'ms/batch':>9} {'spread':>13} {'÷ no BN':>8}")
    for label, (build, norm) in NETWORKS.items():
        with_bn = build(norm, 0)
        models = {
            "no BN": build("none", 0),
            "BN": with_bn,
            "folded": fold_batchnorm(with_bn)[0],
        }
        for batch in args.batch:
            x = rng.uniform(size=(batch, 28, 28, 1)).astype("float32")
            base = None
            for name, model in models.items():
                times = per_batch(model, x, args.calls, args.repeats)
                median = statistics.median(times)
                base = base or median
                spread = f"{1000 * min(times):.3f}–{1000 * max(times):.3f}"
                print(
                    f"{label:28} {batch:>5} {name:8} {1000 * median:>9.3f} {spread:>13} "
                    f"{median / base:>8.2f}"
                )


if __name__ == "__main__":
    main()
