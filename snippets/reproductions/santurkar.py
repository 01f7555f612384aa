"""Santurkar et al. (2018): standard, BN and noisy-BN training, ICS and the
loss landscape. Run the reproduction above and draw its three figures."""

from bnviz.experiments import spec_for
from bnviz.experiments.santurkar import run
from bnviz.figures import COLORS
from bnviz.figures.santurkar import (
    santurkar_ics,
    santurkar_landscape,
    santurkar_noisy,
)

import numpy as np

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("santurkar")


def main():
    # "none", "batch", "noisy_batch" x seeds, with both probes
    result = run(SPEC)
    histories = result["histories"]
    for norm, runs in histories.items():
        for seed, history in zip(SPEC.seeds, runs, strict=True):
            cos, change = (
                np.mean(history["opt_ics_cos"]),
                np.mean(history["opt_grad_change"]),
            )
            print(
                f"{norm:>11} seed {seed}: train accuracy "
                f"{history['train_accuracy'][-1]:.3f}, "
                f"mean cos(G, G') {cos:.3f}, mean gradient change {change:.2f}"
            )
    santurkar_noisy(histories, COLORS).savefig("santurkar_noisy.png")
    santurkar_ics(histories, COLORS).savefig("santurkar_ics.png")
    santurkar_landscape(histories, COLORS).savefig("santurkar_landscape.png")
    return result


if __name__ == "__main__":
    main()
