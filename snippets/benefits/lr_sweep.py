"""Does BN allow higher learning rates? A plain-SGD sweep with and without BN."""

from dataclasses import replace

from bnviz.experiments import spec_for
from bnviz.experiments.lr_sweep import diverged
from bnviz.figures import COLORS
from bnviz.figures.benefits import lr_sweep
from bnviz.nn.cnns import two_block_cnn
from bnviz.train import train_variants

SPEC = spec_for("lr_sweep")  # quick profile unless $BNVIZ_PROFILE says otherwise
OUTPUT = "lr_sweep.png"


def main():
    data = SPEC.data_by_seed()  # seed -> that seed's own train/validation split
    sweep = {}
    for lr in SPEC.learning_rates:
        settings = replace(SPEC.train, learning_rate=lr)  # only the learning rate changes
        sweep[repr(lr)] = train_variants(
            two_block_cnn, ("none", "batch"), data, settings, SPEC.seeds
        )
        for variant, runs in sweep[repr(lr)].items():
            accuracy = sum(r["val_accuracy"][-1] for r in runs) / len(runs)
            failed = sum(diverged(r) for r in runs)
            print(f"lr {lr:<5g} {variant:>5}: accuracy {accuracy:.3f}, {failed} diverged")
    lr_sweep(sweep, COLORS, chance=0.2).savefig(OUTPUT)
    return sweep


if __name__ == "__main__":
    main()
