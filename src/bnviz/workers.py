"""The same trainings, shared among worker processes: same histories, sooner.

One training of the site's small CNNs keeps only part of a 2-core CPU busy (tracing,
Python between steps, small batches); two trainings at once keep it full (`bench/workers.py`).
`train_variants` here is `bnviz.train.train_variants` with each (variant, seed) training run by
one of `workers()` processes. A worker is a fresh Python process with TensorFlow's default
threads that calls `bnviz.train.train_seeds` for one seed, which sets the seed before building
the model, so every history is the one a single process gives, bit for bit
(`tests/test_workers.py`).

Workers are started with `subprocess`, not `multiprocessing`: nothing of the caller's
`__main__` is imported again, so a plain script or a notebook cell may call this without an
`if __name__ == "__main__"` guard. Jobs travel as cloudpickle (closures included), results
as pickle, over the worker's stdin and stdout.
"""

from __future__ import annotations

import atexit
import json
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from functools import partial

from bnviz.errors import BnvizError

WORKERS_ENV = "BNVIZ_WORKERS"


def workers() -> int:
    """How many trainings run at once: $BNVIZ_WORKERS, else 2 on a CPU with 2 or more
    cores. One (in this process) on a GPU, which one training fills, and always under
    `bnviz run --max-steps`, whose planned work is counted in this process."""
    from bnviz import train

    value = os.environ.get(WORKERS_ENV)
    if value is not None and (not value.isdigit() or int(value) < 1):
        raise BnvizError(f"{WORKERS_ENV} must be a whole number of at least 1, not {value!r}")
    if train.MAX_STEPS is not None:  # even with $BNVIZ_WORKERS: the report counts here
        return 1
    if value is not None:
        return int(value)
    import tensorflow as tf

    if tf.config.list_physical_devices("GPU"):
        return 1
    return min(2, os.cpu_count() or 1)


def in_workers(function: Callable, jobs: Sequence[tuple]) -> list:
    """`[function(*job) for job in jobs]`, the jobs shared among `workers()` processes
    (in this process when there is one). Each job must set its own seeds, as
    `train_seeds` does: which worker runs it, and after which job, is not fixed."""
    n = min(workers(), len(jobs))
    if n <= 1:
        return [function(*job) for job in jobs]
    return run_jobs(function, jobs, n)


def per_variant_and_seed(
    function: Callable, variants: Sequence[str], seeds: Sequence[int]
) -> dict[str, list]:
    """`{variant: [function(variant, seed) for seed in seeds]}`, by `in_workers`."""
    results = iter(in_workers(function, [(v, seed) for v in variants for seed in seeds]))
    return {variant: [next(results) for _ in seeds] for variant in variants}


# --8<-- [start:train_variants]
def train_variants(
    build_model: Callable,
    variants: Sequence[str],
    data,
    settings,
    seeds: Sequence[int],
    probes: Callable | None = None,
) -> dict[str, list[dict[str, list[float]]]]:
    """`bnviz.train.train_variants`: every variant on every seed, histories per variant;
    with more than one worker, each (variant, seed) is one job for a worker process."""
    from bnviz import train

    if workers() == 1:
        return train.train_variants(build_model, variants, data, settings, seeds, probes)

    def train_one(variant, seed):
        build = partial(build_model, variant)
        return train.train_seeds(build, data, settings, [seed], variant, probes)[0]

    return per_variant_and_seed(train_one, variants, seeds)


# --8<-- [end:train_variants]


class _Worker:
    """A Python process that runs every job it is sent: `function(*job)`."""

    BOOT = (
        "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
        "from bnviz.workers import serve; serve()"
    )

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.BOOT, json.dumps(sys.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # TensorFlow's start-up notices were shown once, by this process
            env={"TF_CPP_MIN_LOG_LEVEL": "1", **os.environ},
        )

    def call(self, payload: bytes):
        _send(self.process.stdin, payload)
        reply = _receive(self.process.stdout)
        if reply is None:
            code = self.process.wait()
            raise BnvizError(f"a training worker process ended (exit code {code})")
        try:
            status, value = pickle.loads(reply)
        except Exception as error:
            raise BnvizError(f"a training worker's reply could not be read: {error}") from None
        if status == "error":
            raise value
        return value

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


_POOL: list[_Worker] = []  # started on first use, kept for later calls, stopped at exit


def _pool(n: int) -> list[_Worker]:
    _POOL.extend(_Worker() for _ in range(n - len(_POOL)))
    return _POOL[:n]


def stop_workers() -> None:
    """Stop the worker processes (they also end with this process)."""
    while _POOL:
        _POOL.pop().stop()


atexit.register(stop_workers)


def run_jobs(function: Callable, jobs: Sequence[tuple], n: int) -> list:
    """`function(*job)` for every job, on `n` worker processes; results in job order."""
    import cloudpickle
    from rich.progress import Progress

    from bnviz.train import show_progress

    payloads = [cloudpickle.dumps((function, job)) for job in jobs]
    results = [None] * len(jobs)
    lock = threading.Lock()
    queue = iter(range(len(jobs)))

    def drive(worker):
        while True:
            with lock:
                i = next(queue, None)
            if i is None:
                return
            results[i] = worker.call(payloads[i])
            progress.advance(task)

    pool = _pool(min(n, len(jobs)))
    with (
        Progress(disable=not show_progress(), transient=True) as progress,
        ThreadPoolExecutor(len(pool)) as threads,
    ):
        task = progress.add_task(f"{len(jobs)} jobs on {len(pool)} workers", total=len(jobs))
        futures = [threads.submit(drive, worker) for worker in pool]
        try:
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            for future in done:
                future.result()  # raises the first failure
        except BaseException:
            stop_workers()  # ends the other jobs too
            raise
    return results


def _send(stream, payload: bytes) -> None:
    stream.write(struct.pack("<Q", len(payload)) + payload)
    stream.flush()


def _receive(stream) -> bytes | None:
    head = stream.read(8)
    if len(head) < 8:
        return None
    return stream.read(struct.unpack("<Q", head)[0])


def serve() -> None:
    """A worker's loop: read a job from stdin, run it, write its result (or its error) to
    stdout; anything the job prints goes to stderr."""
    import signal

    import cloudpickle

    from bnviz import train

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the caller, which stops us
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # print() in a training must not mix with the replies
    train.show_progress = lambda: False  # the caller shows progress, not each worker
    jobs = sys.stdin.buffer
    while (payload := _receive(jobs)) is not None:
        try:
            function, job = cloudpickle.loads(payload)
            reply = ("ok", function(*job))
        except Exception as error:  # sent back, raised again in the caller
            reply = ("error", error)
        try:
            data = pickle.dumps(reply)
        except Exception:
            data = pickle.dumps(("error", BnvizError(f"{type(reply[1]).__name__}: {reply[1]}")))
        _send(replies, data)
