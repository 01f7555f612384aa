"""Small files in the formats of Keras' downloads (MNIST's `mnist.npz`, Fashion-MNIST's gzipped
IDX files, CIFAR-10's python tarball, VGG19's no-top weights), for the full-spec trials
(`test_full_specs.py`) and the GPU-time estimate (`bench/gpu_time.py`), which need the real
loaders to find their files without a download."""

from __future__ import annotations

import gzip
import io
import pickle
import subprocess
import sys
import tarfile
from pathlib import Path

import numpy as np


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
