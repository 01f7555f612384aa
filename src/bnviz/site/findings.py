"""The landing page's findings at a glance: a chapter's headline figure, small, in both
palettes (`<!-- thumb: FIGURE -->`); the card around it links to the chapter."""

from __future__ import annotations

from html import escape
from pathlib import Path

from bnviz.errors import BnvizError
from bnviz.results import load_for_site

THUMB_WIDTH = 360  # CSS pixels: two cards side by side in the content column


def thumbnail_alt(name: str) -> str:
    """The figure's alt text: the finding with its numbers when the figure states one."""
    from bnviz import figures

    spec = figures.FIGURES[name]
    result = load_for_site(spec.experiment) if spec.experiment else None
    alt = getattr(spec, "alt", None)
    return alt(result) if alt else name.replace("_", " ")


def thumbnail_html(name: str, page_path: str, figures_dir: Path) -> str:
    """Raw HTML: the figure's light and dark images at `THUMB_WIDTH`, lazy (below the
    landing page's first screen); mkdocs-material shows the one matching the palette."""
    from bnviz import figures

    if name not in figures.FIGURES:
        raise BnvizError(f"unknown figure {name!r}; known: {', '.join(figures.FIGURES)}")
    spec = figures.FIGURES[name]
    up = "../" * page_path.count("/")
    alt = escape(thumbnail_alt(name))
    images = []
    for theme, path in zip(figures.THEMES, figures.figure_paths(spec, figures_dir), strict=False):
        width, height = figures.display_size(path)
        height = round(height * THUMB_WIDTH / width)
        src = f"{up}figures/{path.name}" + (f"#only-{theme}" if spec.themed else "")
        images.append(
            f'<img src="{src}" alt="{alt}" width="{THUMB_WIDTH}" height="{height}" '
            'loading="lazy" decoding="async">'
        )
    return "".join(images)
