"""Does BN allow higher learning rates?
Run the plain-SGD sweep shown above and draw it."""

from bnviz.experiments import spec_for
from bnviz.experiments.lr_sweep import CHANCE, diverged, run
from bnviz.figures import COLORS
from bnviz.figures.benefits import lr_sweep

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("lr_sweep")
OUTPUT = "lr_sweep.png"


def main():
    result = run(SPEC)  # every learning rate x {without, with BN} x seed
    for lr, variants in result["sweep"].items():
        for variant, runs in variants.items():
            n = len(runs)
            moving = sum(r["val_accuracy"][-1] for r in runs) / n
            precise = sum(r["val_accuracy_precise"][-1] for r in runs) / n
            failed = sum(diverged(r) for r in runs)
            print(
                f"lr {lr:<5} {variant:>5}: accuracy {moving:.3f} "
                f"(re-estimated BN statistics {precise:.3f}), {failed} diverged"
            )
    lr_sweep(result["sweep"], COLORS, chance=CHANCE).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
