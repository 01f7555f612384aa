"""Samples per second of `model.fit` without and with XLA (`jit_compile=True`), one run.

The harness compiles without XLA. This measures what XLA would give on this machine, on the
networks of the site (the seed CNN with BN, the two-block CNN with BN and with Group Norm),
same data, same seed, a fresh model each time (compile and tracing included), and how far
apart the two histories end: XLA fuses operations, so its floats are rounded differently.

    .venv/bin/python bench/xla.py [--batch 32] [--epochs 3]
"""

from __future__ import annotations

import argparse
import time

import keras
import numpy as np

from bnviz.data import load_mnist
from bnviz.nn.cnns import seed_cnn, two_block_cnn

NETWORKS = {
    "seed CNN, BN": lambda seed: seed_cnn("batch", seed),
    "two-block CNN, BN": lambda seed: two_block_cnn("batch", seed, dense_norm=False),
    "two-block CNN, Group Norm": lambda seed: two_block_cnn("group", seed, dense_norm=False),
}


def fit(build, data, batch, epochs, jit):
    keras.utils.set_random_seed(0)
    model = build(0)
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        jit_compile=jit,
    )
    start = time.perf_counter()
    history = model.fit(
        data.x_train,
        data.y_train,
        batch_size=batch,
        epochs=epochs,
        validation_data=(data.x_val, data.y_val),
        shuffle=False,
        verbose=0,
    ).history
    elapsed = time.perf_counter() - start
    n = (len(data.y_train) // batch) * batch
    return n * epochs / elapsed, np.array([history[k] for k in sorted(history)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    data = load_mnist("auto", 0).subset(3500, 0)
    print(f"{len(data.y_train)} digits, batch {args.batch}, {args.epochs} epochs, Adam 1e-3")
    fit(NETWORKS["seed CNN, BN"], data, args.batch, 1, False)  # warm-up
    for name, build in NETWORKS.items():
        plain, plain_history = fit(build, data, args.batch, args.epochs, False)
        xla, xla_history = fit(build, data, args.batch, args.epochs, True)
        gap = np.abs(plain_history - xla_history).max()
        print(
            f"{name:>26}: {plain:5.0f} samples/s, with XLA {xla:5.0f} ({xla / plain:.2f}x); "
            f"largest history difference {gap:.2g}"
        )


if __name__ == "__main__":
    main()
