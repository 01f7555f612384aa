"""Figure registry and rendering: result in, light and dark SVG files out.

Each figure is one pure function (data in, matplotlib `Figure` out). `render_stale` redraws a
figure only when its result or the figure code changed, so `mkdocs serve` stays fast.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from bnviz.figures.style import COLORS, LABELS, theme_colors, themed
from bnviz.figures.training_curves import training_curves
from bnviz.results import Result

THEMES = ("light", "dark")


@dataclass(frozen=True)
class FigureSpec:
    name: str
    experiment: str
    draw: Callable[[Result, dict[str, str]], Figure]
    module: str  # source hashed into the figure's stamp
    caption: Callable[[Result], str]  # what was trained, on which data, seeds, what the band is


FIGURES = {
    f.name: f
    for f in [
        FigureSpec(
            "training_curves",
            "training_curves",
            lambda r, colors: training_curves(r.payload["histories"], colors),
            "bnviz.figures.training_curves",
            lambda r: (
                "The small CNN of the original talk (Conv2D 32 → [BatchNormalization] → "
                f"MaxPool → Dense 10) trained with {r.spec['train']['optimizer'].capitalize()} "
                f"(learning rate {r.spec['train']['learning_rate']:g}, batch "
                f"{r.spec['train']['batch_size']}) for {r.spec['train']['epochs']} epochs on "
                f"{_data_phrase(r)}. {_seeds_phrase(r)} Lines: mean over seeds; band: "
                "min–max over seeds."
            ),
        ),
    ]
}


def _data_phrase(result: Result) -> str:
    d = result.data
    return f"{d['n_train']:,} training images of {d['name']} ({d['source']})"


def _seeds_phrase(result: Result) -> str:
    seeds = result.spec["seeds"]
    return f"{len(seeds)} seeds ({', '.join(map(str, seeds))}), {result.profile} profile."


def _stamp(spec: FigureSpec, result_file: Path) -> str:
    digest = hashlib.sha256()
    for path in (result_file, result_file.with_suffix(".npz")):
        if path.exists():
            digest.update(path.read_bytes())
    for module in (spec.module, "bnviz.figures.style"):
        digest.update(Path(importlib.util.find_spec(module).origin).read_bytes())
    return digest.hexdigest()[:16]


def figure_paths(name: str, out_dir: Path) -> list[Path]:
    return [out_dir / f"{name}-{theme}.svg" for theme in THEMES]


def render(spec: FigureSpec, result: Result, out_dir: Path) -> list[Path]:
    """Draw `spec` from `result` in both themes; each file is written whole or not at all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = figure_paths(spec.name, out_dir)
    for theme, path in zip(THEMES, paths, strict=True):
        with themed(theme):
            fig = spec.draw(result, theme_colors(theme))
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        tmp = path.with_suffix(".svg.tmp")
        tmp.write_text(buffer.getvalue())
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
        result = load(spec.experiment)
        stamp = _stamp(spec, result.path)
        fresh = stamps.get(spec.name) == stamp
        if force or not fresh or not all(p.exists() for p in figure_paths(spec.name, out_dir)):
            render(spec, result, out_dir)
            stamps[spec.name] = stamp
            rendered.append(spec.name)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamps_file.write_text(json.dumps(stamps, indent=1, sort_keys=True))
    return rendered


__all__ = ["COLORS", "FIGURES", "LABELS", "render", "render_stale", "training_curves"]
