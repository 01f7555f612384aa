"""Training what a comparison spec describes: each variant, on each seed.

Kept apart from `bnviz.experiments`, which every experiment imports, so that
only the experiments that call it are staled by a change here.
"""

from __future__ import annotations

from dataclasses import replace


# --8<-- [start:train_spec]
def train_spec(build, spec, data_source=None, probes=None, **train):
    """`train_variants` with everything from `spec`: its variants, its seeds
    (each drawing its own data split) and its training settings, of which
    keyword arguments replace some (`learning_rate=0.1`)."""
    from bnviz.workers import train_variants

    return train_variants(
        build,
        spec.variants,
        spec.data_by_seed(data_source),
        replace(spec.train, **train),
        spec.seeds,
        probes,
    )


# --8<-- [end:train_spec]
