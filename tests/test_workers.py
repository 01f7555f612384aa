"""Trainings shared among worker processes give the histories one process gives."""

import numpy as np
import pytest

from bnviz import train, workers
from bnviz.data import load_mnist
from bnviz.errors import BnvizError
from bnviz.nn.cnns import seed_cnn
from bnviz.settings import TrainSettings


@pytest.fixture(scope="module")
def two_workers():
    """Two workers, started once for the module's tests (each start imports TensorFlow);
    the error test, which stops them, comes last."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(workers.WORKERS_ENV, "2")
        yield
    workers.stop_workers()


def _data(seed):
    return load_mnist("mnist-5k", seed).subset(200, seed)


def _assert_same(a, b):
    """Equal histories: the same keys, every float equal, every per-image array equal."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b)
        for key in a:
            _assert_same(a[key], b[key])
    elif isinstance(a, (list, tuple)):
        assert type(a) is type(b) and len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _assert_same(x, y)
    elif isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b)
    else:
        assert a == b


def test_two_workers_give_the_histories_of_one_process_bit_for_bit(two_workers):
    from bnviz.probes.precise_bn import PreciseEvaluation

    settings = TrainSettings(epochs=2, batch_size=50)
    variants, seeds = ("none", "batch"), (0, 1)

    def probes(model, data):  # a closure, as the experiments' probes are
        return [PreciseEvaluation(data, 100, settings.batch_size)]

    shared = workers.train_variants(seed_cnn, variants, _data, settings, seeds, probes)
    alone = train.train_variants(seed_cnn, variants, _data, settings, seeds, probes)
    assert list(shared) == list(variants)
    _assert_same(shared, alone)  # every float of every history, exactly
    first, second = shared["batch"]
    assert first["train_loss"] != second["train_loss"]  # the seeds differ: jobs kept their order
    assert len(workers._POOL) == 2


def test_one_worker_trains_in_this_process(monkeypatch):
    monkeypatch.setenv(workers.WORKERS_ENV, "1")
    calls = []
    monkeypatch.setattr(train, "train_variants", lambda *args: calls.append(args) or "h")
    monkeypatch.setattr(workers, "run_jobs", None)  # calling it would fail
    assert workers.train_variants(seed_cnn, ("none",), _data, None, (0,)) == "h"
    assert calls


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_bad_worker_count_is_one_clear_error(monkeypatch, value):
    monkeypatch.setenv(workers.WORKERS_ENV, value)
    with pytest.raises(BnvizError, match="BNVIZ_WORKERS must be a whole number"):
        workers.workers()


def test_under_max_steps_and_by_default(monkeypatch):
    monkeypatch.delenv(workers.WORKERS_ENV, raising=False)
    monkeypatch.setattr(train, "MAX_STEPS", 2)
    assert workers.workers() == 1  # planned work is counted in this process
    monkeypatch.setenv(workers.WORKERS_ENV, "2")
    assert workers.workers() == 1  # even when more are asked for
    monkeypatch.delenv(workers.WORKERS_ENV)
    monkeypatch.setattr(train, "MAX_STEPS", None)
    assert workers.workers() == min(2, __import__("os").cpu_count())


def test_in_workers_runs_any_function_with_its_closure_in_job_order(two_workers):
    offset = 10

    def job(a, b):  # a local closure: sent by value
        import os
        import time

        time.sleep(1)  # so that a warm worker cannot take every job before the other does
        return a * b + offset, os.getpid()

    results = workers.in_workers(job, [(i, 2) for i in range(5)])
    assert [value for value, _ in results] == [10, 12, 14, 16, 18]
    assert len({pid for _, pid in results} - {__import__("os").getpid()}) == 2


def test_an_error_in_a_worker_is_raised_in_the_caller(two_workers):
    settings = TrainSettings(epochs=1, batch_size=500)  # more than the 200 images
    with pytest.raises(BnvizError, match="batch size 500 is larger than the 200"):
        workers.train_variants(seed_cnn, ("none", "batch"), _data, settings, (0,))
    assert not workers._POOL  # the other worker was stopped too
