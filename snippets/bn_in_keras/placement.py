"""Where to put BN: after the ReLU (the original talk) or before it (the BN
paper)? The same experiment code as the learning curves, with a third
variant."""

from bnviz.analysis import final_values
from bnviz.experiments import spec_for
from bnviz.experiments.bn_placement import run
from bnviz.figures import COLORS, training_curves

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("bn_placement")
OUTPUT = "bn_placement.png"


def main():
    # "none": no BN; "batch": Conv -> ReLU -> BN;
    # "batch_pre": Conv -> BN -> ReLU
    result = run(SPEC)
    print(final_values(result["histories"], "val_accuracy"))
    training_curves(result["histories"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
