"""Slide 5: where to put BN —
after the ReLU (the original talk) or before it (the BN paper)."""

from __future__ import annotations

from dataclasses import replace

from bnviz.experiments import Experiment
from bnviz.experiments.training_curves import SPECS as CURVES_SPECS
from bnviz.experiments.training_curves import run

# no BN, BN after ReLU, BN before ReLU
VARIANTS = ("none", "batch", "batch_pre")
# the same runs as the slide-6 curves, plus the BN-before-ReLU variant
SPECS = {
    profile: replace(spec, variants=VARIANTS)
    for profile, spec in CURVES_SPECS.items()
}

# fmt: off
EXPERIMENT = Experiment(
    name="bn_placement", title="BN before vs after the activation in the "
        "small CNN (slide 5)",
    specs=SPECS, run=run, module=__name__)
# fmt: on
