"""Slides 9-11: the original talk's three-block image classifier (32/64/128
filters, Dense 512), with and without BN, on full-size Fashion-MNIST: learning
curves (slide 9), feature maps and per-channel statistics of the trained
networks (slide 10), test accuracy and the train-test gap (slide 11)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.experiments import JUDGING_SEEDS, Experiment, FashionSpec
from bnviz.settings import TrainSettings


@dataclass(frozen=True)
class ImageSpec(FashionSpec):
    image_index: int = 0  # the test image whose feature maps are shown
    stats_images: int = 512  # test images for per-channel activation statistics


SPECS = {
    "smoke": ImageSpec(
        seeds=(0,), max_train=256, train=TrainSettings(epochs=1)
    ),
    # 5 seeds: the judging block (about 5-11 minutes on a 2-core CPU)
    "quick": ImageSpec(
        seeds=JUDGING_SEEDS[:5], max_train=None, train=TrainSettings(epochs=2)
    ),
    "full": ImageSpec(
        seeds=(0, 1, 2, 3, 4), max_train=None, train=TrainSettings(epochs=15)
    ),
}


# --8<-- [start:code]
def run(spec: ImageSpec, data_source: str | None = None) -> dict:
    from bnviz.workers import per_variant_and_seed

    def train_one(variant: str, seed: int) -> dict:
        import keras

        from bnviz.nn.cnns import first_block_output, three_block_cnn
        from bnviz.train import correct_images, train_model

        data = spec.load_data(data_source, seed)  # the test set is the same
        keras.utils.set_random_seed(seed)
        model = three_block_cnn(variant, seed)
        history = train_model(model, data, spec.train, seed)
        loss, acc = model.evaluate(
            data.x_test, data.y_test, verbose=0, batch_size=500
        )
        history.update(test_loss=[float(loss)], test_accuracy=[float(acc)])
        # the same 10,000 test images for every seed: kept per image, to pair
        test = (data.x_test, data.y_test)
        history["test_correct"] = correct_images(model, *test)
        block = first_block_output(model)
        batch = data.x_test[: spec.stats_images]
        acts = np.asarray(block(batch, training=False))
        i = spec.image_index
        maps = block(data.x_test[i : i + 1], training=False)
        return {
            "history": history,
            "channel_mean": acts.mean(axis=(0, 1, 2)),
            "channel_std": acts.std(axis=(0, 1, 2)),
            "feature_maps": np.asarray(maps)[0],
        }

    # every variant on every seed, shared among worker processes
    runs = per_variant_and_seed(train_one, spec.variants, spec.seeds)
    data = spec.load_data(data_source)
    image = data.x_test[spec.image_index]
    arrays = {"image": image[:, :, 0]}
    for variant, results in runs.items():
        for key in ("channel_mean", "channel_std", "feature_maps"):
            arrays[f"{variant}_{key}"] = np.stack([r[key] for r in results])
    histories = {v: [r["history"] for r in rs] for v, rs in runs.items()}
    return {"data": data.record, "histories": histories, "arrays": arrays}


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="fashion_cnn", title="The talk's three-block CNN with and without BN"
        " on Fashion-MNIST (slides 9-11)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
