"""Slide 13: BN's dependence on batch statistics under a shift at test time.
Networks trained on Fashion-MNIST are tested on the same test images with
reduced contrast. BN in inference mode normalizes with statistics of the
*training* distribution; with the test batch's own statistics (training-mode
normalization at test time) it adapts; Group Norm normalizes every image by
itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.experiments import Experiment, FashionSpec
from bnviz.settings import TrainSettings


@dataclass(frozen=True)
class ShiftSpec(FashionSpec):
    # x -> c·x + (1 − c)·mean pixel
    contrasts: tuple[float, ...] = (1.0, 0.5, 0.25, 0.1)
    test_batch: int = 500  # images per batch when BN uses test-batch statistics


SPECS = {
    "smoke": ShiftSpec(
        seeds=(0,),
        max_train=256,
        variants=("batch", "group"),
        contrasts=(1.0, 0.25),
        train=TrainSettings(epochs=1),
    ),
    # 3 seeds: 5 would take well over 10 minutes on a 2-core CPU
    # (see the judging page)
    "quick": ShiftSpec(
        seeds=(0, 1, 2),
        max_train=10000,
        variants=("batch", "group"),
        train=TrainSettings(epochs=3),
    ),
    "full": ShiftSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        variants=("batch", "group"),
        train=TrainSettings(epochs=10),
    ),
}


# --8<-- [start:code]
def reduce_contrast(x: np.ndarray, contrast: float, mean: float) -> np.ndarray:
    return (contrast * x + (1 - contrast) * mean).astype(np.float32)


def accuracy(model, x, y, batch: int, training: bool) -> float:
    from bnviz.probes import untouched_state

    correct = 0
    with untouched_state(model):
        for start in range(0, len(y), batch):
            probs = np.asarray(
                model(x[start : start + batch], training=training)
            )
            correct += int(
                (probs.argmax(axis=1) == y[start : start + batch]).sum()
            )
    return correct / len(y)


def run(spec: ShiftSpec, data_source: str | None = None) -> dict:
    from bnviz.workers import per_variant_and_seed

    def train_one(norm: str, seed: int) -> dict[str, list[float]]:
        import keras

        from bnviz.nn.cnns import two_block_cnn
        from bnviz.train import train_model

        data = spec.load_data(data_source, seed)
        mean = float(data.x_train.mean())
        keras.utils.set_random_seed(seed)
        model = two_block_cnn(norm, seed, dense_norm=False)
        train_model(model, data, spec.train, seed)
        shifted = [
            reduce_contrast(data.x_test, c, mean) for c in spec.contrasts
        ]

        def accuracies(training: bool) -> list[float]:
            batch = spec.test_batch
            return [
                accuracy(model, x, data.y_test, batch, training)
                for x in shifted
            ]

        if norm != "batch":
            return {norm: accuracies(False)}
        return {norm: accuracies(False), "batch_test_stats": accuracies(True)}

    # every norm on every seed, shared among worker processes
    runs = per_variant_and_seed(train_one, spec.variants, spec.seeds)
    results = {
        key: [run[key] for run in runs[norm]]
        for norm in spec.variants
        for key in runs[norm][0]
    }
    data = spec.load_data(data_source)
    return {"data": data.record, "test_accuracy": results}


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="test_shift", title="Test accuracy under a contrast shift: BN vs BN "
        "with test statistics vs GN (slide 13)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
