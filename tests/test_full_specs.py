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

The trials run in two background worker processes (`full_trials.py`), started when the
session collects them so that they train while the tests before them run; each calls
`bnviz.cli.main` as the console script does, with `BNVIZ_RESULTS` pointing at an empty
directory that must stay empty, and trains the spec's first seed only. Trials whose spec
trains dozens of models (sweeps over variants × settings) or runs VGG on large images take
minutes even at a few steps each; they are marked `slow` and still run in the README's test
command (`pytest -m "not slow"` leaves them out). Santurkar's optimization probe measures one
layer's ICS and one step length under a trial (in full, 12 layers and 8 step lengths: 22
passes of VGG16 at batch 128 per measurement).
"""

from __future__ import annotations

import numpy as np
import pytest
from full_trials import MAX_STEPS, start, wait

from bnviz.experiments import catalog

# the spec trains dozens of models, or runs VGG on 256² to 512² images (minutes on a CPU)
SLOW = {
    "depth",
    "lr_sweep",
    "batch_size_sweep",
    "norm_comparison",
    "style_transfer",
    "santurkar",
}


@pytest.fixture(scope="session")
def trials():
    """The background trial process, started at collection (`conftest.py`), or now."""
    return start(MAX_STEPS, list(catalog.MODULES))


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=[pytest.mark.slow] if n in SLOW else []) for n in catalog.MODULES],
)
def test_full_spec_starts(name, trials):
    outcome = wait(trials, name, timeout=5400)
    print(f"{name}: {outcome['s']:.1f} s")
    stdout = outcome["stdout"]
    assert outcome["returncode"] == 0, stdout[-3000:] + outcome["stderr"][-5000:]
    assert f"{name} (full, seed " in stdout
    assert f"at most {MAX_STEPS} steps per training)" in stdout
    assert "nothing stored" in stdout
    assert list((trials.out / "results").iterdir()) == []


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
