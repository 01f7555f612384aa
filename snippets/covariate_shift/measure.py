"""Record the distribution of one hidden layer's input while a CNN trains,
with and without BN: run the experiment above and draw its percentiles."""

from bnviz.experiments import spec_for
from bnviz.experiments.activation_shift import run
from bnviz.figures import COLORS
from bnviz.figures.activations import activation_shift

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("activation_shift")
OUTPUT = "activation_shift.png"


def main():
    # percentiles of the input of SPEC.layer every SPEC.every steps
    result = run(SPEC)
    for variant, runs in result["histories"].items():
        first, last = runs[0]["percentiles"][0], runs[0]["percentiles"][-1]
        print(
            f"{variant:>5}: 5th-95th percentile "
            f"{first[0]:.2f}..{first[-1]:.2f} at the start, "
            f"{last[0]:.2f}..{last[-1]:.2f} at the end"
        )
    activation_shift(result["histories"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
