"""Every figure of the site by name, collected from the modules that draw them (each module
defines its figures' drawing functions and captions side by side, in `FIGURES`)."""

from __future__ import annotations

from dataclasses import replace

from bnviz.figures import (
    activations,
    alternatives,
    benefits,
    cost,
    depth,
    images,
    inference,
    ioffe,
    santurkar,
    static,
    stylization,
    training_curves,
    wu_he,
)

MODULES = (
    static,
    activations,
    training_curves,
    depth,
    benefits,
    inference,
    images,
    stylization,
    alternatives,
    cost,
    ioffe,
    santurkar,
    wu_he,
)
FIGURES = {
    spec.name: replace(spec, module=module.__name__)
    for module in MODULES
    for spec in module.FIGURES
}
