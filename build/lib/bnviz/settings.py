"""Training settings: a plain dataclass, stored next to the results it produced."""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.errors import BnvizError

OPTIMIZERS = ("adam", "sgd")


@dataclass(frozen=True)
class TrainSettings:
    epochs: int = 8  # enough for the curves with and without BN to separate
    batch_size: int = 32  # Keras' default, as in the original talk
    optimizer: str = "adam"  # the original talk compiles with Adam (slide 11)
    learning_rate: float = 1e-3  # Adam's default

    def make_optimizer(self):
        import keras

        if self.optimizer == "adam":
            return keras.optimizers.Adam(learning_rate=self.learning_rate)
        if self.optimizer == "sgd":
            return keras.optimizers.SGD(learning_rate=self.learning_rate)
        raise BnvizError(f"unknown optimizer {self.optimizer!r}; choose one of {OPTIMIZERS}")
