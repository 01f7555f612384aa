"""Rendering: a figure spec and its result in, light and dark SVG files out, redrawn only when
the result or the code that draws it changed (so `mkdocs serve` stays fast)."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

from bnviz.codehash import dependencies, modules_hash
from bnviz.figures.registry import FIGURES
from bnviz.figures.spec import FigureSpec
from bnviz.figures.style import theme_colors, themed
from bnviz.results import Result

THEMES = ("light", "dark")


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


def figure_paths(spec: FigureSpec, out_dir: Path) -> list[Path]:
    if not spec.themed:
        return [out_dir / f"{spec.name}.svg"]
    return [out_dir / f"{spec.name}-{theme}.svg" for theme in THEMES]


def _svg(spec: FigureSpec, result: Result | None, theme: str) -> str:
    with themed(theme):
        drawn = spec.draw(result, theme_colors(theme))
        if isinstance(drawn, str):
            return drawn
        buffer = io.StringIO()
        drawn.savefig(buffer, format="svg", metadata={"Date": None})
        return buffer.getvalue()


def render(spec: FigureSpec, result: Result | None, out_dir: Path) -> list[Path]:
    """Draw `spec` in each theme; each file is written whole or not at all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = figure_paths(spec, out_dir)
    for theme, path in zip(THEMES, paths, strict=False):
        tmp = path.with_suffix(".svg.tmp")
        tmp.write_text(_svg(spec, result, theme))
        tmp.replace(path)
    return paths


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
