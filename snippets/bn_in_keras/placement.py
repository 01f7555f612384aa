"""Where to put BN: after the ReLU (the original talk) or before it (the BN paper)?"""

from bnviz.experiments import spec_for
from bnviz.figures import COLORS, training_curves
from bnviz.nn.cnns import seed_cnn
from bnviz.train import train_variants

SPEC = spec_for("bn_placement")  # quick profile unless $BNVIZ_PROFILE says otherwise
OUTPUT = "bn_placement.png"


def main():
    data = SPEC.data_by_seed()  # seed -> that seed's own train/validation split
    # "none": no BN; "batch": Conv+ReLU -> BN; "batch_pre": Conv -> BN -> ReLU
    histories = train_variants(seed_cnn, SPEC.variants, data, SPEC.train, SPEC.seeds)
    for variant, runs in histories.items():
        final = sum(r["val_accuracy"][-1] for r in runs) / len(runs)
        print(f"{variant:>9}: mean final validation accuracy {final:.3f}")
    training_curves(histories, COLORS).savefig(OUTPUT)
    return histories


if __name__ == "__main__":
    main()
