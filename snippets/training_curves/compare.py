"""The original talk's small CNN with and without BN on MNIST: run the
experiment that made the figure on this page, print the final accuracies and
draw the learning curves."""

from bnviz.analysis import final_values
from bnviz.experiments import spec_for
from bnviz.experiments.training_curves import run
from bnviz.figures import COLORS, training_curves

# The settings that made the figure on the page: quick profile unless
# $BNVIZ_PROFILE says otherwise (smoke = a few hundred digits and 1 epoch;
# full = all of MNIST, 5 seeds).
SPEC = spec_for("training_curves")
OUTPUT = "training_curves.png"  # where the figure is saved


def main():
    # the code above; each seed draws its own train/validation split
    result = run(SPEC)
    print(
        f"data: {result['data']['name']}, "
        f"{result['data']['n_train']:,} training images"
    )
    print(final_values(result["histories"], "val_accuracy"))
    training_curves(result["histories"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
