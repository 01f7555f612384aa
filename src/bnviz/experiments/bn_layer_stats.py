"""Slides 3-4: what a real, trained BN layer does to its input, per channel.

Trains the original talk's CNN with BN, then passes a batch of validation images
through it and records, per channel, the mean and standard deviation of the BN
layer's input, of the normalized values x̂, and of its output in training mode
(batch statistics) and inference mode (moving averages). Also captures
`model.summary()` of the model, as printed by Keras.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.experiments import JUDGING_SEEDS, Experiment, RunSpec
from bnviz.settings import TrainSettings


@dataclass(frozen=True)
class LayerStatsSpec(RunSpec):
    batch_size: int = 256  # validation images in the measured batch


SPECS = {
    "smoke": LayerStatsSpec(
        seeds=(0,),
        max_train=256,
        variants=("batch",),
        train=TrainSettings(epochs=1),
    ),
    "quick": LayerStatsSpec(
        seeds=JUDGING_SEEDS[:5],
        max_train=3500,
        variants=("batch",),
        train=TrainSettings(epochs=3),
    ),
    "full": LayerStatsSpec(
        seeds=(0, 1, 2, 3, 4),
        max_train=None,
        data="mnist-full",
        variants=("batch",),
        train=TrainSettings(epochs=3),
    ),
}


# --8<-- [start:code]
def channel_stats(model, x) -> dict[str, np.ndarray]:
    """Per-channel mean and std (over N, H, W) around the layer named "bn"."""
    import keras

    from bnviz.reference.bn import batch_norm_forward

    bn = model.get_layer("bn")
    before = np.asarray(keras.Model(model.input, bn.input)(x), dtype=np.float64)
    gamma, beta = np.asarray(bn.gamma), np.asarray(bn.beta)
    after_train, (x_hat, *_) = batch_norm_forward(
        before, gamma, beta, bn.epsilon
    )
    after_infer = np.asarray(bn(before.astype("float32"), training=False))
    axes = (0, 1, 2)
    stats = {}
    for name, values in [
        ("input", before),
        ("normalized", x_hat),
        ("output_train", after_train),
        ("output_inference", after_infer),
    ]:
        stats[f"{name}_mean"] = values.mean(axis=axes)
        stats[f"{name}_std"] = values.std(axis=axes)
    stats["gamma"], stats["beta"] = gamma, beta
    return stats


def summary_text(model) -> str:
    lines: list[str] = []
    model.summary(
        print_fn=lambda line, **kwargs: lines.append(line), line_length=80
    )
    return "\n".join(lines)


def run(spec: LayerStatsSpec, data_source: str | None = None) -> dict:
    import keras

    from bnviz.nn.cnns import seed_cnn
    from bnviz.train import train_model

    arrays: dict[str, np.ndarray] = {}
    for seed in spec.seeds:
        data = spec.load_data(data_source, seed)
        x = data.x_val[: spec.batch_size]
        keras.utils.set_random_seed(seed)
        model = seed_cnn("batch", seed)
        train_model(model, data, spec.train, seed)
        for key, value in channel_stats(model, x).items():
            arrays.setdefault(key, []).append(value)
    with_bn, without_bn = seed_cnn("batch"), seed_cnn("none")
    return {
        "data": data.record,
        "summary": summary_text(with_bn),
        "params": {
            "with_bn": with_bn.count_params(),
            "without_bn": without_bn.count_params(),
            "bn_trainable": sum(
                int(np.prod(w.shape))
                for w in with_bn.get_layer("bn").trainable_weights
            ),
            "bn_channels": int(with_bn.get_layer("bn").gamma.shape[0]),
        },
        # (seeds, channels)
        "arrays": {k: np.stack(v) for k, v in arrays.items()},
    }


# --8<-- [end:code]


# fmt: off
EXPERIMENT = Experiment(
    name="bn_layer_stats", title="Per-channel statistics around a trained BN "
        "layer (slides 3-4)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
