"""bnviz: the measured experiments behind "Batch Normalization, Visualized"."""

from bnviz.data import Dataset, load_fashion_mnist, load_mnist
from bnviz.errors import BnvizError
from bnviz.models import seed_cnn
from bnviz.train import TrainSettings, train_model, train_seeds, train_variants

__version__ = "0.1.0"
__all__ = [
    "BnvizError",
    "Dataset",
    "TrainSettings",
    "load_fashion_mnist",
    "load_mnist",
    "seed_cnn",
    "train_model",
    "train_seeds",
    "train_variants",
]
