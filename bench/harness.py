"""Samples per second of plain `model.fit` and of bnviz's training harness, one run.

Same model (the seed CNN with BN), same data (3,500 digits), same batch size; a fresh model
for every measurement, compile and tracing included, as in an experiment. Prints samples/s
and the ratio harness / plain fit.

    .venv/bin/python bench/harness.py [--batch 32 128] [--epochs 3] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import keras

from bnviz.data import load_mnist
from bnviz.nn.cnns import seed_cnn
from bnviz.settings import TrainSettings
from bnviz.train import train_model


def plain_fit(data, settings, seed):
    model = seed_cnn("batch", seed)
    model.compile(
        optimizer=settings.make_optimizer(),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(
        data.x_train,
        data.y_train,
        batch_size=settings.batch_size,
        epochs=settings.epochs,
        validation_data=(data.x_val, data.y_val),
        verbose=0,
    )


def harness(data, settings, seed):
    train_model(seed_cnn("batch", seed), data, settings, seed)


def samples_per_second(fit, data, settings, repeats):
    rates = []
    for seed in range(repeats):
        keras.utils.set_random_seed(seed)
        start = time.perf_counter()
        fit(data, settings, seed)
        elapsed = time.perf_counter() - start
        n = (len(data.y_train) // settings.batch_size) * settings.batch_size
        rates.append(n * settings.epochs / elapsed)
    return statistics.median(rates), min(rates), max(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    data = load_mnist("auto", 0).subset(3500, 0)
    print(
        f"seed CNN with BN, {len(data.y_train)} digits, {args.epochs} epochs, median of "
        f"{args.repeats} fresh models each (compile and tracing included)"
    )
    harness(data, TrainSettings(epochs=1), 99)  # warm-up: TensorFlow's first graph
    for batch in args.batch:
        settings = TrainSettings(epochs=args.epochs, batch_size=batch)
        rows = {}
        for name, fit in (("plain model.fit", plain_fit), ("bnviz harness", harness)):
            rows[name] = samples_per_second(fit, data, settings, args.repeats)
            median, low, high = rows[name]
            print(f"batch {batch:>3} {name:>16}: {median:6.0f} samples/s ({low:.0f}-{high:.0f})")
        ratio = rows["bnviz harness"][0] / rows["plain model.fit"][0]
        print(f"batch {batch:>3} harness / plain fit: {ratio:.2f}x")


if __name__ == "__main__":
    main()
