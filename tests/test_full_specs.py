"""Every `full` spec starts: `bnviz run NAME --profile full --max-steps 2` builds the full
data path, the models and the probes, trains at most 2 steps per training and stores nothing.

The full profile's data needs downloads that do not happen here (MNIST's `mnist.npz`,
Fashion-MNIST's gzipped IDX files, CIFAR-10's python tarball, VGG19's ImageNet weights). The
test writes small files in the same formats into a temporary `KERAS_HOME`, where Keras' own
loaders (`keras.datasets.*.load_data`, `keras.applications.VGG19(weights="imagenet")`) find
them as if they had been downloaded. Keras checks a cached file against its published hash
(`keras.src.utils.file_utils.validate_file`) and would re-download a file that does not match;
generated files cannot match, so the one thing the trial process patches is that function, to
accept them. Nothing else is patched: the experiments run their real code.

Fashion-MNIST's `auto` source prefers Debian's package when it is installed (as on this
project's CI machine); the trial passes `--data fashion-keras` so that the Keras download path,
the one a GPU runner without that package takes, is the one tried.

Each trial runs in its own process (as `bnviz run` does), with `BNVIZ_RESULTS` pointing at an
empty directory that must stay empty, and trains the spec's first seed only. Trials whose spec
trains dozens of models (sweeps over variants × settings) or runs VGG on large images take
minutes even at a few steps each; they are marked `slow` and still run in the README's test
command (`pytest -m "not slow"` leaves them out). Santurkar's optimization probe measures one
layer's ICS and one step length under a trial (in full, 12 layers and 8 step lengths: 22
passes of VGG16 at batch 128 per measurement).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from keras_files import write_cifar10, write_fashion, write_mnist, write_vgg19_weights

from bnviz.experiments import catalog

MAX_STEPS = 2
# the spec trains dozens of models, or runs VGG on 256² to 512² images (minutes on a CPU)
SLOW = {
    "depth",
    "lr_sweep",
    "batch_size_sweep",
    "norm_comparison",
    "style_transfer",
    "santurkar",
}
# experiments whose full data is Fashion-MNIST from `auto` (Debian's package, else Keras)
FASHION_AUTO = {"fashion_cnn", "norm_comparison", "batch_size_sweep", "test_shift"}
TRIAL = (
    "import keras.src.utils.file_utils as f; f.validate_file = lambda *a, **k: True; "
    "from bnviz.cli import main; raise SystemExit(main(sys.argv[1:]))"
)


@pytest.fixture(scope="session")
def keras_home(tmp_path_factory) -> Path:
    """A KERAS_HOME whose cache holds small generated files in the formats of the downloads."""
    home = tmp_path_factory.mktemp("keras-home")
    datasets, models = home / "datasets", home / "models"
    datasets.mkdir()
    models.mkdir()
    rng = np.random.default_rng(0)
    write_mnist(datasets, rng)
    write_fashion(datasets, rng)
    write_cifar10(datasets, rng)
    write_vgg19_weights(models)
    return home


def trial(name: str, keras_home: Path, results: Path) -> subprocess.CompletedProcess:
    args = ["run", name, "--profile", "full", "--max-steps", str(MAX_STEPS)]
    if name in FASHION_AUTO:
        args += ["--data", "fashion-keras"]
    env = {
        **os.environ,
        "KERAS_HOME": str(keras_home),
        "BNVIZ_RESULTS": str(results),
        "CI": "true",
    }
    env.pop("BNVIZ_OFFLINE", None)
    return subprocess.run(
        [sys.executable, "-c", f"import sys; {TRIAL}", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=5400 if name in SLOW else 900,
    )


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=[pytest.mark.slow] if n in SLOW else []) for n in catalog.MODULES],
)
def test_full_spec_starts(name, keras_home, tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    start = time.perf_counter()
    proc = trial(name, keras_home, results)
    seconds = time.perf_counter() - start
    print(f"{name}: {seconds:.1f} s")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    assert f"{name} (full, seed " in proc.stdout
    assert f"at most {MAX_STEPS} steps per training)" in proc.stdout
    assert "nothing stored" in proc.stdout
    assert list(results.iterdir()) == []


def test_every_experiment_is_tried():
    """The catalog's names are the modules' experiment names (so the trial list is complete)."""
    assert list(catalog.registry()) == list(catalog.MODULES)


def test_max_steps_caps_every_training(monkeypatch):
    import keras

    from bnviz import train
    from bnviz.data import Dataset
    from bnviz.settings import TrainSettings

    rng = np.random.default_rng(0)
    x, y = rng.random((256, 28, 28, 1), dtype=np.float32), rng.integers(0, 10, 256)
    data = Dataset(x, y, x, y, x, y, {})
    model = keras.Sequential(
        [keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)]
    )
    monkeypatch.setattr(train, "MAX_STEPS", 3)
    history = train.train_model(model, data, TrainSettings(epochs=2, batch_size=8), seed=0)
    assert int(model.optimizer.iterations) == 3 and len(history["val_loss"]) == 1
    assert (train.capped_steps(200), train.capped_steps(2)) == (3, 2)
    monkeypatch.setattr(train, "MAX_STEPS", None)
    assert train.capped_steps(200) == 200
