"""Every normalization on the same task: the same CNN, data, seeds and optimizer."""

from bnviz.experiments import spec_for
from bnviz.experiments.norm_comparison import builder
from bnviz.figures import COLORS
from bnviz.figures.alternatives import norm_comparison
from bnviz.train import train_variants

SPEC = spec_for("norm_comparison")  # quick profile unless $BNVIZ_PROFILE says otherwise
OUTPUT = "norm_comparison.png"


def main():
    data = SPEC.load_data()  # Fashion-MNIST: Keras' download, or Debian's package offline
    # builder(data)(norm, seed) -> norm_cnn(norm, seed), Weight Norm initialized on data
    histories = train_variants(builder(data), SPEC.variants, data, SPEC.train, SPEC.seeds)
    for norm, runs in histories.items():
        final = sum(r["val_accuracy"][-1] for r in runs) / len(runs)
        print(f"{norm:>8}: mean final validation accuracy {final:.3f}")
    norm_comparison(histories, COLORS).savefig(OUTPUT)
    return histories


if __name__ == "__main__":
    main()
