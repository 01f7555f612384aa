"""Every normalization on the same task:
the same CNN, data, seeds and optimizer."""

from bnviz.analysis import final_values
from bnviz.experiments import spec_for
from bnviz.experiments.norm_comparison import run
from bnviz.figures import COLORS
from bnviz.figures.alternatives import norm_comparison

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("norm_comparison")
OUTPUT = "norm_comparison.png"


def main():
    # Fashion-MNIST: Keras' download, or Debian's package offline
    result = run(SPEC)
    print(final_values(result["histories"], "val_accuracy"))
    norm_comparison(result["histories"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
