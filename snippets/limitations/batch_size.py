"""Validation error against batch size for Batch and Group Norm (Wu & He
2018, Fig. 1): run the sweep above and draw it. BN is evaluated with its
statistics re-estimated (precise BN) and with Keras' moving averages."""

from bnviz.experiments import spec_for
from bnviz.experiments.batch_size_sweep import run
from bnviz.figures import COLORS
from bnviz.figures.alternatives import batch_size_sweep

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("batch_size_sweep")
OUTPUT = "batch_size_sweep.png"


def main():
    # every batch size x norm x seed; the learning rate scales with the size
    result = run(SPEC)
    for batch_size, norms in result["sweep"].items():
        for norm, runs in norms.items():
            precise = [1 - r["val_accuracy_precise"][-1] for r in runs]
            moving = [1 - r["val_accuracy"][-1] for r in runs]
            print(
                f"batch {batch_size:>3} {norm:>6}: validation error "
                f"{sum(precise) / len(runs):.3f} re-estimated, "
                f"{sum(moving) / len(runs):.3f} moving averages"
            )
    batch_size_sweep(result["sweep"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
