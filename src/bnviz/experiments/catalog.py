"""The catalog of experiments: one module per experiment, in page order.

Kept apart from `bnviz.experiments` (which every experiment imports), so that
adding an experiment here changes no other experiment's code hash.
"""

from __future__ import annotations

from importlib import import_module

from bnviz.errors import BnvizError
from bnviz.experiments import Experiment, check_profile, default_profile

MODULES = (  # one module per experiment, in page order
    "activation_shift",
    "bn_layer_stats",
    "bn_placement",
    "training_curves",
    "depth",
    "lr_sweep",
    "dropout_vs_bn",
    "mode_gap",
    "finetune_pitfall",
    "fashion_cnn",
    "style_transfer",
    "norm_comparison",
    "batch_size_sweep",
    "bn_overhead",
    "test_shift",
    "ioffe_fig1",
    "santurkar",
)


def registry() -> dict[str, Experiment]:
    experiments = [
        import_module(f"bnviz.experiments.{m}").EXPERIMENT for m in MODULES
    ]
    return {e.name: e for e in experiments}


def get(name: str) -> Experiment:
    """Experiment `name` (its module's name), importing only its module: an
    unknown name fails at once, before TensorFlow is loaded."""
    if name not in MODULES:
        raise BnvizError(
            f"unknown experiment {name!r}; "
            f"`bnviz list` shows: {', '.join(MODULES)}"
        )
    return import_module(f"bnviz.experiments.{name}").EXPERIMENT


def spec_for(name: str, profile: str | None = None):
    """The settings of experiment `name` for `profile`
    (default: $BNVIZ_PROFILE or quick)."""
    return get(name).specs[check_profile(profile or default_profile())]
