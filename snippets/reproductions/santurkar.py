"""Santurkar et al. (2018): standard, BN and noisy-BN training, ICS and the loss landscape."""

import keras
import numpy as np

from bnviz.experiments import spec_for
from bnviz.figures import COLORS
from bnviz.figures.reproductions import santurkar_ics, santurkar_landscape, santurkar_noisy
from bnviz.nn.paper_nets import vgg_cnn
from bnviz.probes import ActivationPercentiles
from bnviz.probes.landscape import OptimizationProbe
from bnviz.train import batch_order, train_model

SPEC = spec_for("santurkar")  # quick profile unless $BNVIZ_PROFILE says otherwise


def main():
    data = SPEC.load_data()
    histories = {}
    for norm in SPEC.variants:  # "none", "batch", "noisy_batch"
        histories[norm] = []
        for seed in SPEC.seeds:
            keras.utils.set_random_seed(seed)
            model = vgg_cnn(norm, seed, SPEC.config, SPEC.dense, data.x_train.shape[1:])
            # the batches train_model will use, so the probe measures on the very same batch
            order = batch_order(len(data.y_train), SPEC.train.batch_size, SPEC.train.epochs, seed)
            probes = [  # (b, c): ICS and landscape; (a): one layer's input distribution
                OptimizationProbe(
                    model, data.x_train, data.y_train, order, SPEC.train.learning_rate, SPEC.every
                ),
                ActivationPercentiles(
                    model, SPEC.shift_layer, data.x_val[: SPEC.probe_size], SPEC.every
                ),
            ]
            history = train_model(model, data, SPEC.train, seed, probes)
            histories[norm].append(history)
            cos, change = np.mean(history["opt_ics_cos"]), np.mean(history["opt_grad_change"])
            print(
                f"{norm:>11} seed {seed}: train accuracy {history['train_accuracy'][-1]:.3f}, "
                f"mean cos(G, G') {cos:.3f}, mean gradient change {change:.2f}"
            )
    santurkar_noisy(histories, COLORS).savefig("santurkar_noisy.png")
    santurkar_ics(histories, COLORS).savefig("santurkar_ics.png")
    santurkar_landscape(histories, COLORS).savefig("santurkar_landscape.png")
    return histories


if __name__ == "__main__":
    main()
