"""BN vs dropout vs both vs neither:
the same network and data, only the layers differ."""

from bnviz.analysis import final_values
from bnviz.claims.benefits import GAP_KEYS
from bnviz.experiments import spec_for
from bnviz.experiments.dropout_vs_bn import run
from bnviz.figures import COLORS
from bnviz.figures.benefits import dropout_comparison

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("dropout_vs_bn")
OUTPUT = "dropout_vs_bn.png"


def main():
    result = run(SPEC)  # build(variant, seed) above decides the layers
    # after training, in inference mode with re-estimated BN statistics
    for key in GAP_KEYS:  # accuracy on the training and validation images
        print(final_values(result["histories"], key))
    dropout_comparison(result["histories"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
