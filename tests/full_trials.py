"""The full-spec trials of `test_full_specs.py`, run in the background.

`python tests/full_trials.py OUT MAX_STEPS NAME...` writes small files in the formats of the
downloads into `OUT/keras-home` (its `KERAS_HOME`), then starts `WORKERS` processes that take
the NAMEs in turn: a worker claims a trial (by creating `OUT/NAME.claim`, which fails if the
other worker did), runs `bnviz run NAME --profile full --max-steps MAX_STEPS` through
`bnviz.cli.main` as the console script does, and writes what it printed and returned to
`OUT/NAME.json` (written whole, by rename). A worker imports TensorFlow once for all its
trials instead of once per trial. `start()` launches the trials (`background.py`) when the
session collects them, heaviest first, so that they train while the tests before them run
and the last, short ones keep both cores busy at the session's end.

Keras checks a cached file against its published hash (`keras.src.utils.file_utils.
validate_file`) and would re-download a file that does not match; generated files cannot
match, so that one function is patched, to accept them. Nothing else is patched.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import time
import traceback
from pathlib import Path

import background
from background import Job

MAX_STEPS = 2  # per training
WORKERS = 2
# seconds each trial took alone on the 2-core CI machine: only to start the heaviest first
SECONDS = {"santurkar": 157, "depth": 60, "dropout_vs_bn": 58, "batch_size_sweep": 55}
SECONDS |= {"style_transfer": 46, "ioffe_fig1": 24, "lr_sweep": 18, "norm_comparison": 15}

# experiments whose full data is Fashion-MNIST from `auto` (Debian's package, else Keras):
# the trial passes `--data fashion-keras`, the path a GPU runner without that package takes
FASHION_AUTO = {"fashion_cnn", "norm_comparison", "batch_size_sweep", "test_shift"}


def start(max_steps: int, names: list[str]) -> Job:
    """Launch the trials in the background (`background.start`); `wait()` reads each one's
    outcome."""

    def argv(out: Path) -> list[str]:
        (out / "results").mkdir()
        heaviest_first = sorted(names, key=lambda name: -SECONDS.get(name, 0))
        return [sys.executable, __file__, str(out), str(max_steps), *heaviest_first]

    def env(out: Path) -> dict[str, str]:
        return {
            "KERAS_HOME": str(out / "keras-home"),
            "BNVIZ_RESULTS": str(out / "results"),  # must stay empty: trials store nothing
            "CI": "true",
            "BNVIZ_OFFLINE": "",  # the download paths are the ones tried
        }

    return background.start("trials", argv, env)


def wait(job: Job, name: str, timeout: float) -> dict:
    """The outcome of trial `name`, once written; fails if the process ends without it."""
    path, deadline = job.out / f"{name}.json", time.monotonic() + timeout
    while not path.exists():
        if job.process.poll() is not None and not path.exists():
            raise AssertionError(f"the trial process ended before {name}:\n{job.log()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}: no outcome after {timeout:.0f} s")
        time.sleep(0.5)
    return json.loads(path.read_text())


def _write_keras_home(home: Path) -> None:
    import numpy as np
    from keras_files import write_cifar10, write_fashion, write_mnist, write_vgg19_weights

    datasets, models = home / "datasets", home / "models"
    datasets.mkdir(parents=True)
    models.mkdir()
    rng = np.random.default_rng(0)
    write_mnist(datasets, rng)
    write_fashion(datasets, rng)
    write_cifar10(datasets, rng)
    write_vgg19_weights(models)


def _trial(name: str, max_steps: str) -> dict:
    from bnviz.cli import main

    args = ["run", name, "--profile", "full", "--max-steps", max_steps]
    if name in FASHION_AUTO:
        args += ["--data", "fashion-keras"]
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except BaseException:  # a bug in the trial: report it, go on with the next one
            traceback.print_exc()
            code = 1
    seconds = time.perf_counter() - start
    return {"returncode": code, "stdout": out.getvalue(), "stderr": err.getvalue(), "s": seconds}


def _main(out: Path, max_steps: str, names: list[str]) -> int:
    _write_keras_home(out / "keras-home")
    argv = [sys.executable, __file__, "--worker", str(out), max_steps, *names]
    workers = [subprocess.Popen(argv) for _ in range(WORKERS)]
    return max(worker.wait() for worker in workers)


def _work(out: Path, max_steps: str, names: list[str]) -> None:
    import keras.src.utils.file_utils as file_utils

    file_utils.validate_file = lambda *args, **kwargs: True
    for name in names:
        try:
            (out / f"{name}.claim").open("x").close()
        except FileExistsError:  # the other worker has it
            continue
        outcome = _trial(name, max_steps)
        print(f"{name}: returned {outcome['returncode']} in {outcome['s']:.1f} s", flush=True)
        partial = out / f"{name}.json.tmp"
        partial.write_text(json.dumps(outcome))
        partial.rename(out / f"{name}.json")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))  # keras_files
    if sys.argv[1] == "--worker":
        _work(Path(sys.argv[2]), sys.argv[3], sys.argv[4:])
    else:
        sys.exit(_main(Path(sys.argv[1]), sys.argv[2], sys.argv[3:]))
