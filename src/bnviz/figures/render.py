"""Rendering: a figure spec and its result in, light and dark files out (SVG, or WebP for
figures of raster content), redrawn only when the result or the code that draws it changed (so
`mkdocs serve` stays fast)."""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

from bnviz.codehash import dependencies, modules_hash
from bnviz.figures.registry import FIGURES
from bnviz.figures.spec import FigureSpec
from bnviz.figures.style import theme_colors, themed
from bnviz.results import Result

THEMES = ("light", "dark")
CSS_DPI = 96  # a CSS pixel is 1/96 inch: the size a figure is shown at
RASTER_DPI = 2 * CSS_DPI  # raster figures carry 2 pixels per CSS pixel (sharp on HiDPI, zoom)
WEBP_QUALITY = 90  # lossy WebP, used when smaller than lossless (photos)


def _stamp(spec: FigureSpec, result: Result | None) -> str:
    """Changes with the result's files and with the code of every module the figure's module
    imports (docstrings and formatting aside, as for results)."""
    digest = hashlib.sha256()
    if result is not None:
        for path in (result.path, result.path.with_suffix(".npz")):
            if path.exists():
                digest.update(path.read_bytes())
    digest.update(modules_hash(dependencies(spec.module)).encode())
    return digest.hexdigest()[:16]


def _paths(name: str, themed_: bool, suffix: str, out_dir: Path) -> list[Path]:
    if not themed_:
        return [out_dir / f"{name}{suffix}"]
    return [out_dir / f"{name}-{theme}{suffix}" for theme in THEMES]


def figure_paths(spec: FigureSpec, out_dir: Path) -> list[Path]:
    return _paths(spec.name, spec.themed, ".webp" if spec.raster else ".svg", out_dir)


def _draw(spec: FigureSpec, result: Result | None, theme: str) -> bytes:
    with themed(theme):
        drawn = spec.draw(result, theme_colors(theme))
        if isinstance(drawn, str):
            return drawn.encode()
        buffer = io.BytesIO()
        if not spec.raster:
            drawn.savefig(buffer, format="svg", metadata={"Date": None})
            return buffer.getvalue()
        encoded = []
        for options in ({"lossless": True}, {"quality": WEBP_QUALITY}):
            buffer = io.BytesIO()
            drawn.savefig(buffer, format="webp", dpi=RASTER_DPI, pil_kwargs=options)
            encoded.append(buffer.getvalue())
        return min(encoded, key=len)


def render(spec: FigureSpec, result: Result | None, out_dir: Path) -> list[Path]:
    """Draw `spec` in each theme; each file is written whole or not at all. A file the figure
    had in its other format (SVG or WebP) is removed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = figure_paths(spec, out_dir)
    for theme, path in zip(THEMES, paths, strict=False):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(_draw(spec, result, theme))
        tmp.replace(path)
    for old in _paths(spec.name, spec.themed, ".svg" if spec.raster else ".webp", out_dir):
        old.unlink(missing_ok=True)
    return paths


SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)(pt|px)?"[^>]*?\sheight="([\d.]+)(pt|px)?"')


def display_size(path: Path) -> tuple[int, int]:
    """The size in CSS pixels a rendered figure is shown at (its width and height attributes):
    an SVG's own width and height (points are 4/3 pixel), a raster's pixels at RASTER_DPI."""
    if path.suffix == ".svg":
        match = SVG_SIZE.search(path.read_bytes()[:4000])
        if not match:
            raise ValueError(f"{path}: no width and height on its <svg> element")
        width, w_unit, height, h_unit = match.groups()
        scale_w = 4 / 3 if w_unit == b"pt" else 1
        scale_h = 4 / 3 if h_unit == b"pt" else 1
        return round(float(width) * scale_w), round(float(height) * scale_h)
    from PIL import Image

    with Image.open(path) as image:
        width, height = image.size
    return round(width * CSS_DPI / RASTER_DPI), round(height * CSS_DPI / RASTER_DPI)


def render_stale(out_dir: Path, load: Callable[[str], Result], force: bool = False) -> list[str]:
    """Render every figure whose result or code changed since the last render; return names.

    `load(experiment)` returns the result to draw from (the site picks the profile).
    """
    stamps_file = out_dir / ".stamps.json"
    stamps = json.loads(stamps_file.read_text()) if stamps_file.exists() else {}
    rendered = []
    for spec in FIGURES.values():
        result = load(spec.experiment) if spec.experiment else None
        stamp = _stamp(spec, result)
        fresh = stamps.get(spec.name) == stamp
        if force or not fresh or not all(p.exists() for p in figure_paths(spec, out_dir)):
            render(spec, result, out_dir)
            stamps[spec.name] = stamp
            rendered.append(spec.name)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamps_file.write_text(json.dumps(stamps, indent=1, sort_keys=True))
    return rendered
