"""What a figure is: a drawing function and its texts (a short caption of what is plotted, the
long one of how it was made, and an alt text stating the finding), all reading one result."""

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
    # at most 35 words on what is plotted (panels, axes, lines, bands), no measured number
    summary: Callable[[Result | None], str]
    # plain text, at most about 200 characters: the finding with the numbers the figure shows
    alt: Callable[[Result | None], str]
    themed: bool = True  # False: one image serves both palettes
    raster: bool = False  # photos and pixel maps: WebP, far smaller than SVG with embedded PNGs
    # where it is defined (set by the registry); its imports decide when it is redrawn
    module: str = ""


def from_histories(draw: Callable[[dict, dict[str, str]], Figure]) -> Callable:
    """The usual `FigureSpec.draw`: `draw(histories, colors)` on the result's per-variant
    histories (`payload["histories"]`)."""
    return lambda result, colors: draw(result.payload["histories"], colors)
