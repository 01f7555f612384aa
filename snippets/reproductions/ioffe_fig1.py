"""Ioffe & Szegedy (2015), Fig. 1: a sigmoid MLP on MNIST with and without BN.
Run the reproduction above and draw the three panels."""

from bnviz.analysis import final_values
from bnviz.experiments import spec_for
from bnviz.experiments.ioffe_fig1 import run
from bnviz.figures import COLORS
from bnviz.figures.ioffe import ioffe_drift, ioffe_fig1

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("ioffe_fig1")
OUTPUT = "ioffe_fig1.png"


def main():
    # picks the learning rate for the network WITHOUT BN, then trains both
    result = run(SPEC)
    print(
        f"learning rate {result['learning_rate']:g} "
        f"(scores {result['lr_selection']})"
    )
    print(f"after {SPEC.steps:,} steps:")
    print(final_values(result["histories"], "test_accuracy"))
    ioffe_fig1(result["histories"], result["arrays"], COLORS).savefig(OUTPUT)
    ioffe_drift(result["arrays"], COLORS).savefig("ioffe_drift.png")
    return result


if __name__ == "__main__":
    main()
