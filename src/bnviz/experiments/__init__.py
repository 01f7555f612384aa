"""The experiment registry: each experiment has a spec per profile and a run function.

Profiles (see DESIGN.md): `smoke` proves code paths run (tests), `quick` makes the committed
results on a 2-core CPU, `full` is paper-sized for a GPU runner.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from bnviz.errors import BnvizError

PROFILES = ("smoke", "quick", "full")
MODULES = ("training_curves",)  # one module per experiment, in page order


@dataclass(frozen=True)
class Experiment:
    name: str
    title: str
    specs: dict[str, Any]  # profile -> frozen dataclass of settings
    run: Callable[[Any, str], dict]  # (spec, data_source) -> JSON-ready payload
    code: tuple[str, ...]  # modules whose source is hashed into the result


def registry() -> dict[str, Experiment]:
    experiments = [import_module(f"bnviz.experiments.{m}").EXPERIMENT for m in MODULES]
    return {e.name: e for e in experiments}


def get(name: str) -> Experiment:
    experiments = registry()
    if name not in experiments:
        raise BnvizError(
            f"unknown experiment {name!r}; `bnviz list` shows: {', '.join(experiments)}"
        )
    return experiments[name]


def default_profile() -> str:
    """The profile code blocks and snippets use: $BNVIZ_PROFILE, else `quick`."""
    return check_profile(os.environ.get("BNVIZ_PROFILE", "quick"))


def check_profile(profile: str) -> str:
    if profile not in PROFILES:
        raise BnvizError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    return profile


def spec_for(name: str, profile: str | None = None):
    """The settings of experiment `name` for `profile` (default: $BNVIZ_PROFILE or quick)."""
    return get(name).specs[check_profile(profile or default_profile())]
