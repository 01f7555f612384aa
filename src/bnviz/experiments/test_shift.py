"""Slide 13: BN's dependence on batch statistics under a shift at test time.
Networks trained on Fashion-MNIST are tested on the same test images with
reduced contrast. BN in inference mode normalizes with statistics of the
*training* distribution; with the test batch's own statistics (training-mode
normalization at test time) it adapts; Group Norm normalizes every image by
itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.experiments import JUDGING_SEEDS, Experiment, FashionSpec
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
    # 5 seeds: the judging block (about 5-11 minutes on a 2-core CPU)
    "quick": ShiftSpec(
        seeds=JUDGING_SEEDS[:5],
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


# --8<-- [start:correct]
def correct(model, x, y, batch: int, training: bool) -> np.ndarray:
    """Per test image, whether `model` classifies it correctly, in batches
    of `batch` (with `training=True`, BN uses each test batch's statistics)."""
    from bnviz.probes import untouched_state

    outcomes = []
    with untouched_state(model):
        for start in range(0, len(y), batch):
            probs = np.asarray(
                model(x[start : start + batch], training=training)
            )
            outcomes.append(probs.argmax(axis=1) == y[start : start + batch])
    return np.concatenate(outcomes)


# --8<-- [end:correct]


# --8<-- [start:train_one]
def run(spec: ShiftSpec, data_source: str | None = None) -> dict:
    from bnviz.workers import per_variant_and_seed

    def train_one(norm: str, seed: int) -> dict[str, np.ndarray]:
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

        def outcomes(training: bool) -> np.ndarray:  # (contrasts, images)
            y, batch = data.y_test, spec.test_batch
            return np.stack(
                [correct(model, x, y, batch, training) for x in shifted]
            )

        if norm != "batch":
            return {norm: outcomes(False)}
        return {norm: outcomes(False), "batch_test_stats": outcomes(True)}

    # --8<-- [end:train_one]

    # every norm on every seed, shared among worker processes
    runs = per_variant_and_seed(train_one, spec.variants, spec.seeds)
    outcomes = {
        key: [run[key] for run in runs[norm]]
        for norm in spec.variants
        for key in runs[norm][0]
    }
    accuracy = {  # per key, per seed: the accuracy at each contrast
        key: [o.mean(axis=1).tolist() for o in per_seed]
        for key, per_seed in outcomes.items()
    }
    data = spec.load_data(data_source)
    # the same 10,000 test images for every seed: kept per image, to pair
    return {
        "data": data.record,
        "test_accuracy": accuracy,
        "test_correct": outcomes,
    }


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="test_shift", title="Test accuracy under a contrast shift: BN vs BN "
        "with test statistics vs GN (slide 13)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
