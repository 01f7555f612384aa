"""Every normalization on the same task:
the same CNN, data, seeds and optimizer."""

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
    for norm, runs in result["histories"].items():
        final = sum(r["val_accuracy"][-1] for r in runs) / len(runs)
        print(f"{norm:>8}: mean final validation accuracy {final:.3f}")
    norm_comparison(result["histories"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
