"""Validation error against batch size for Batch, Group and Layer Norm (Wu & He 2018, Fig. 1)."""

from dataclasses import replace
from functools import partial

from bnviz.experiments import spec_for
from bnviz.figures import COLORS
from bnviz.figures.alternatives import batch_size_sweep
from bnviz.nn.cnns import two_block_cnn
from bnviz.train import train_variants

SPEC = spec_for("batch_size_sweep")  # quick profile unless $BNVIZ_PROFILE says otherwise
OUTPUT = "batch_size_sweep.png"


def main():
    build = partial(two_block_cnn, dense_norm=False)
    data = SPEC.data_by_seed()  # seed -> that seed's own train/validation split
    sweep = {}
    for batch_size in SPEC.batch_sizes:
        settings = replace(SPEC.train, batch_size=batch_size)  # only the batch size changes
        sweep[str(batch_size)] = train_variants(build, SPEC.variants, data, settings, SPEC.seeds)
        for norm, runs in sweep[str(batch_size)].items():
            error = 1 - sum(r["val_accuracy"][-1] for r in runs) / len(runs)
            print(f"batch {batch_size:>3} {norm:>6}: validation error {error:.3f}")
    batch_size_sweep(sweep, COLORS).savefig(OUTPUT)
    return sweep


if __name__ == "__main__":
    main()
