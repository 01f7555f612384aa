"""Validation error against batch size for Batch and Group Norm (Wu & He
2018, Fig. 1): run the sweep above and draw it. BN is evaluated with its
statistics re-estimated (precise BN) and with Keras' moving averages."""

from bnviz.analysis import final_values
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
        print(f"batch size {batch_size}, BN's statistics re-estimated:")
        print(final_values(norms, "val_accuracy_precise"))
    batch_size_sweep(result["sweep"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
