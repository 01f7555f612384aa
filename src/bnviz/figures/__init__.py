"""Figures: one pure function per figure (data in, matplotlib `Figure` out), grouped by chapter
in modules that also hold their captions (`FIGURES` of each module), collected in `registry`,
drawn in both palettes by `render`. Captions are built from the result's spec (`captions`)."""

from bnviz.figures.registry import FIGURES
from bnviz.figures.render import THEMES, display_size, figure_paths, render, render_stale
from bnviz.figures.style import COLORS, LABELS
from bnviz.figures.training_curves import training_curves

__all__ = [
    "COLORS",
    "FIGURES",
    "LABELS",
    "THEMES",
    "display_size",
    "figure_paths",
    "render",
    "render_stale",
    "training_curves",
]
