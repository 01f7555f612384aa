"""Wall time of the same trainings in this process and shared among worker processes, one run.

`bnviz.workers.train_variants` on the two-block CNN without and with BN, 2 seeds each
(4 trainings), 3,500 digits; first with one worker (in this process, as
`bnviz.train.train_variants`), then with two worker processes, their start-up included.
Prints both wall times, their ratio, and whether the histories are equal.

    .venv/bin/python bench/workers.py [--batch 32 128] [--epochs 3]
"""

from __future__ import annotations

import argparse
import os
import time

from bnviz import workers
from bnviz.data import load_mnist
from bnviz.nn.cnns import two_block_cnn
from bnviz.settings import TrainSettings


def data(seed):
    return load_mnist("auto", seed).subset(3500, seed)


def timed(n, settings):
    os.environ[workers.WORKERS_ENV] = str(n)
    workers.stop_workers()  # every measurement starts its own workers
    start = time.perf_counter()
    histories = workers.train_variants(two_block_cnn, ("none", "batch"), data, settings, (0, 1))
    return time.perf_counter() - start, histories


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"two-block CNN without and with BN, 2 seeds, 3,500 digits, {args.epochs} epochs; "
        f"{os.cpu_count()} cores"
    )
    timed(1, TrainSettings(epochs=1))  # warm-up: TensorFlow's first graph
    for batch in args.batch:
        settings = TrainSettings(epochs=args.epochs, batch_size=batch)
        alone, one = timed(1, settings)
        shared, two = timed(2, settings)
        print(
            f"batch {batch:>3}: one process {alone:5.1f} s, two workers {shared:5.1f} s, "
            f"{alone / shared:.2f}x; histories equal: {one == two}"
        )
    workers.stop_workers()


if __name__ == "__main__":
    main()
