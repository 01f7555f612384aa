"""What a figure is: a drawing function and a caption, both reading one result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure

from bnviz.results import Result


@dataclass(frozen=True)
class FigureSpec:
    name: str
    experiment: str | None  # None: drawn from code alone
    draw: Callable[[Result | None, dict[str, str]], Figure | str]  # Figure, or SVG text
    caption: Callable[[Result | None], str]  # what was trained, data, seeds, what bands mean
    themed: bool = True  # False: one image serves both palettes
    raster: bool = False  # photos and pixel maps: WebP, far smaller than SVG with embedded PNGs
    # where it is defined (set by the registry); its imports decide when it is redrawn
    module: str = ""


def from_histories(draw: Callable[[dict, dict[str, str]], Figure]) -> Callable:
    """The usual `FigureSpec.draw`: `draw(histories, colors)` on the result's per-variant
    histories (`payload["histories"]`)."""
    return lambda result, colors: draw(result.payload["histories"], colors)
