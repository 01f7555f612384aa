"""Validation error against batch size for Batch, Group and Layer Norm
(Wu & He 2018, Fig. 1): run the sweep above and draw it."""

from bnviz.experiments import spec_for
from bnviz.experiments.batch_size_sweep import run
from bnviz.figures import COLORS
from bnviz.figures.alternatives import batch_size_sweep

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("batch_size_sweep")
OUTPUT = "batch_size_sweep.png"


def main():
    # every batch size x norm x seed; only the batch size changes
    result = run(SPEC)
    for batch_size, norms in result["sweep"].items():
        for norm, runs in norms.items():
            error = 1 - sum(r["val_accuracy"][-1] for r in runs) / len(runs)
            print(
                f"batch {batch_size:>3} {norm:>6}: validation error {error:.3f}"
            )
    batch_size_sweep(result["sweep"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
