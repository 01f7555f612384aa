"""BN vs dropout vs both vs neither: the same network and data, only the layers differ."""

from bnviz.experiments import spec_for
from bnviz.experiments.dropout_vs_bn import build
from bnviz.figures import COLORS
from bnviz.figures.benefits import dropout_comparison
from bnviz.train import train_variants

SPEC = spec_for("dropout_vs_bn")  # quick profile unless $BNVIZ_PROFILE says otherwise
OUTPUT = "dropout_vs_bn.png"


def main():
    data = SPEC.data_by_seed()  # seed -> that seed's own train/validation split
    # build("neither" | "dropout" | "batch" | "both", seed) -> two_block_cnn(norm, seed, dropout)
    histories = train_variants(build, SPEC.variants, data, SPEC.train, SPEC.seeds)
    for variant, runs in histories.items():
        train = sum(r["train_accuracy"][-1] for r in runs) / len(runs)
        val = sum(r["val_accuracy"][-1] for r in runs) / len(runs)
        print(f"{variant:>8}: train {train:.3f}, validation {val:.3f}, gap {train - val:.3f}")
    dropout_comparison(histories, COLORS).savefig(OUTPUT)
    return histories


if __name__ == "__main__":
    main()
