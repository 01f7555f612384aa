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
empty directory that must stay empty. Trials whose spec trains dozens of models (sweeps over
seeds × variants × settings) take minutes even at one step each; they are marked `slow` and
still run in the README's test command (`pytest -m "not slow"` leaves them out). The slowest is
`santurkar`: each of its 15 runs (3 variants × 5 seeds) starts with the optimization probe's
step-0 measurement, 22 forward and backward passes of VGG16 on a batch of 128 CIFAR-10 images,
some 3 minutes each on a busy 2-core CPU.
"""

from __future__ import annotations

import gzip
import io
import os
import pickle
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import numpy as np
import pytest

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


def _images(rng, labels: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """uint8 images whose mean brightness depends on the label (something to learn),
    drawn as coarse blocks so that the archives compress well."""
    blocks = rng.integers(0, 64, size=(len(labels), *(s // 4 for s in shape[:2]), *shape[2:]))
    images = blocks + 19 * labels.reshape(-1, *[1] * len(shape))
    return np.repeat(np.repeat(images, 4, axis=1), 4, axis=2).astype(np.uint8)


def _labels(rng, n: int) -> np.ndarray:
    return rng.permutation(np.arange(n) % 10).astype(np.uint8)


def write_mnist(datasets: Path, rng, n_train=1000, n_test=200) -> None:
    """`mnist.npz` as Keras caches it: uint8 x_train (N, 28, 28), y_train, x_test, y_test."""
    y_train, y_test = _labels(rng, n_train), _labels(rng, n_test)
    np.savez(
        datasets / "mnist.npz",
        x_train=_images(rng, y_train, (28, 28)),
        y_train=y_train,
        x_test=_images(rng, y_test, (28, 28)),
        y_test=y_test,
    )


def _idx(array: np.ndarray) -> bytes:
    """The IDX format: two zero bytes, type 0x08 (uint8), ndim, big-endian sizes, data."""
    header = bytes([0, 0, 8, array.ndim])
    header += b"".join(int(s).to_bytes(4, "big") for s in array.shape)
    return header + array.tobytes()


def write_fashion(datasets: Path, rng, n_train=1000, n_test=200) -> None:
    """Fashion-MNIST's four gzipped IDX files under `datasets/fashion-mnist/`."""
    folder = datasets / "fashion-mnist"
    folder.mkdir()
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        labels = _labels(rng, n)
        for kind, array in (
            ("images-idx3", _images(rng, labels, (28, 28))),
            ("labels-idx1", labels),
        ):
            with gzip.open(folder / f"{prefix}-{kind}-ubyte.gz", "wb", compresslevel=1) as f:
                f.write(_idx(array))


def write_cifar10(datasets: Path, rng, n_test=200) -> None:
    """CIFAR-10's python tarball (`cifar-10-batches-py/data_batch_1..5`, `test_batch`: pickled
    dicts of uint8 rows of 3×32×32 and a label list) where Keras caches it. Keras' loader
    fills a fixed (50000, 3, 32, 32) array, so each training batch has its 10,000 images;
    the test batch may be small."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as tar:
        names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
        for name in names:
            labels = _labels(rng, n_test if name == "test_batch" else 10_000)
            images = _images(rng, labels, (32, 32, 3)).transpose(0, 3, 1, 2)
            batch = {b"data": images.reshape(len(labels), -1), b"labels": labels.tolist()}
            raw = pickle.dumps(batch)
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    (datasets / "cifar-10-batches-py-target_archive").write_bytes(buffer.getvalue())


def write_vgg19_weights(models: Path) -> None:
    """VGG19's no-top weights file, in the legacy HDF5 layout `load_weights` reads from a
    `.h5` path (random weights: the layers and shapes are VGG19's)."""
    script = (
        "import sys, h5py, keras\n"
        "from keras.src.legacy.saving.legacy_h5_format import save_weights_to_hdf5_group\n"
        "vgg = keras.applications.VGG19(weights=None, include_top=False)\n"
        "with h5py.File(sys.argv[1], 'w') as f:\n"
        "    save_weights_to_hdf5_group(f, vgg)\n"
    )
    path = models / "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5"
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=300)


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
    assert f"{name} (full, at most {MAX_STEPS} steps per training)" in proc.stdout
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
