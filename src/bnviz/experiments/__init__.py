"""The experiment registry: a spec per profile and a run function for each.

Profiles (see DESIGN.md): `smoke` proves code paths run (tests), `quick` makes
the committed results on a 2-core CPU, `full` is paper-sized for a GPU runner.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from bnviz.errors import BnvizError
from bnviz.settings import TrainSettings

PROFILES = ("smoke", "quick", "full")
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


@dataclass(frozen=True)
class RunSpec:
    """Settings shared by the comparison experiments:
    what varies, over which seeds and data."""

    seeds: tuple[int, ...]  # one training run per seed and variant
    max_train: int | None  # cap on training samples (stratified); None = all
    train: TrainSettings = field(default_factory=TrainSettings)
    variants: tuple[str, ...] = ("none", "batch")  # without BN, with BN
    data: str = "auto"  # MNIST source: auto | mnist-full | mnist-5k

    def load_data(self, data_source: str | None = None, seed: int = 0):
        """The data of the run with `seed`: the train/validation split and the
        training subset are drawn with the run's own seed, so the spread over
        seeds includes data sampling."""
        from bnviz.data import load_mnist

        return per_seed(
            load_mnist(data_source or self.data, seed).subset(
                self.max_train, seed
            )
        )

    def data_by_seed(self, data_source: str | None = None):
        """`seed -> Dataset`, for `train_variants`
        (each seed trains on its own split)."""
        return lambda seed: self.load_data(data_source, seed)


@dataclass(frozen=True)
class Experiment:
    name: str
    title: str
    specs: dict[str, Any]  # profile -> frozen dataclass of settings
    run: Callable[[Any, str], dict]  # (spec, data_source) -> JSON-ready payload
    # where it is defined; its imports decide what stales it (bnviz.codehash)
    module: str


def registry() -> dict[str, Experiment]:
    experiments = [
        import_module(f"bnviz.experiments.{m}").EXPERIMENT for m in MODULES
    ]
    return {e.name: e for e in experiments}


def get(name: str) -> Experiment:
    experiments = registry()
    if name not in experiments:
        raise BnvizError(
            f"unknown experiment {name!r}; "
            f"`bnviz list` shows: {', '.join(experiments)}"
        )
    return experiments[name]


def default_profile() -> str:
    """The profile code blocks and snippets use:
    $BNVIZ_PROFILE, else `quick`."""
    return check_profile(os.environ.get("BNVIZ_PROFILE", "quick"))


def check_profile(profile: str) -> str:
    if profile not in PROFILES:
        raise BnvizError(
            f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}"
        )
    return profile


def spec_for(name: str, profile: str | None = None):
    """The settings of experiment `name` for `profile`
    (default: $BNVIZ_PROFILE or quick)."""
    return get(name).specs[check_profile(profile or default_profile())]


@dataclass(frozen=True)
class FashionSpec(RunSpec):
    """A comparison on Fashion-MNIST:
    harder than MNIST, so normalization choices show."""

    # Fashion-MNIST source: auto | fashion-keras | fashion-debian
    data: str = "auto"

    def load_data(self, data_source: str | None = None, seed: int = 0):
        from bnviz.data import load_fashion_mnist

        data = load_fashion_mnist(data_source or self.data, seed)
        return per_seed(data.subset(self.max_train, seed))


def per_seed(data):
    """Record that the split (and subset) is drawn with each run's seed."""
    data.record.update(split="drawn with each run's seed")
    return data
