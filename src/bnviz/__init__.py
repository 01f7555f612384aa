"""bnviz: the measured experiments behind "Batch Normalization, Visualized".

Names are imported lazily, so `bnviz list` and error messages do not wait for TensorFlow.
"""

from importlib import import_module

from bnviz import quiet

quiet.install()  # TensorFlow's start-up lines off the terminal (`bnviz.quiet`)

__version__ = "0.1.0"
_EXPORTS = {
    "BnvizError": "bnviz.errors",
    "Dataset": "bnviz.data",
    "load_fashion_mnist": "bnviz.data",
    "load_mnist": "bnviz.data",
    "seed_cnn": "bnviz.nn.cnns",
    "TrainSettings": "bnviz.settings",
    "train_model": "bnviz.train",
    "train_seeds": "bnviz.train",
    "train_variants": "bnviz.train",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'bnviz' has no attribute {name!r}")
