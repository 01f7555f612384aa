"""Ioffe & Szegedy (2015), Fig. 1: a sigmoid MLP on MNIST with and without BN."""

from dataclasses import replace

import keras
import numpy as np

from bnviz.experiments import spec_for
from bnviz.experiments.ioffe_fig1 import best_learning_rate, select_learning_rate
from bnviz.figures import COLORS
from bnviz.figures.reproductions import ioffe_fig1
from bnviz.nn.paper_nets import ioffe_mlp
from bnviz.probes.paper import StepTestAccuracy, StopAtStep, UnitPercentiles
from bnviz.train import train_model

SPEC = spec_for("ioffe_fig1")  # quick profile unless $BNVIZ_PROFILE says otherwise
OUTPUT = "ioffe_fig1.png"


def main():
    data = SPEC.load_data()
    scores = select_learning_rate(SPEC, data)  # the best rate for the network WITHOUT BN
    lr = best_learning_rate(scores)
    print(f"validation accuracy without BN by learning rate: {scores}; using {lr:g}")
    settings = replace(SPEC.train, learning_rate=lr, epochs=SPEC.epochs(len(data.y_train)))
    histories, arrays = {}, {}
    for norm in ("none", "batch"):
        runs, percentiles = [], []
        for seed in SPEC.seeds:
            keras.utils.set_random_seed(seed)
            model = ioffe_mlp(norm, seed, init_std=SPEC.init_std)
            probes = [
                StepTestAccuracy(data.x_test, data.y_test, SPEC.every),  # panel (a)
                UnitPercentiles(model, "sigmoid3", data.x_test[: SPEC.probe_size], SPEC.every),
                StopAtStep(SPEC.steps),
            ]
            history = train_model(model, data, settings, seed, probes)
            percentiles.append(history.pop("unit_percentiles"))  # (steps, 3, 100 units)
            runs.append(history)
            print(f"{norm:>5} seed {seed}: test accuracy {history['test_accuracy'][-1]:.3f}")
        histories[norm] = runs
        arrays[f"{norm}_percentiles"] = np.stack(percentiles)
    ioffe_fig1(histories, arrays, COLORS).savefig(OUTPUT)
    return histories


if __name__ == "__main__":
    main()
