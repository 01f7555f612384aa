"""A figure as a page shows it: both palettes, its short caption, and how it was made."""

from __future__ import annotations

from pathlib import Path

from bnviz.errors import BnvizError
from bnviz.results import load_for_site


def figure_html(name: str, page_path: str, figures_dir: Path, lazy: bool = True) -> str:
    """The figure in both palettes (mkdocs-material shows the one matching the toggle), each
    image with its width and height (no layout shift), an alt text stating what it shows with
    its numbers, and a link to itself that `docs/javascripts/site.js` opens enlarged. `lazy`:
    loaded only when scrolled near (below the fold); a hidden palette's lazy image is never
    loaded. A headline figure (`lazy=False`) loads its light image first, with high priority,
    and its dark one lazily: the palette not shown costs no bytes. Under the figure its short
    caption (what is plotted); under that, collapsed, how it was made: the long caption, the
    run it was drawn from, and how to reproduce that run."""
    from bnviz import figures
    from bnviz.figures.alttext import plain

    if name not in figures.FIGURES:
        raise BnvizError(f"unknown figure {name!r}; known: {', '.join(figures.FIGURES)}")
    spec = figures.FIGURES[name]
    result = load_for_site(spec.experiment) if spec.experiment else None
    up = "../" * page_path.count("/")
    alt = plain(spec.alt(result))  # inside ![...]: no brackets or double quotes
    images = []
    for theme, path in zip(figures.THEMES, figures.figure_paths(spec, figures_dir), strict=False):
        first = not lazy and not images
        loading = ' fetchpriority="high"' if first else ' loading="lazy"'
        width, height = figures.display_size(path)
        if not spec.themed:  # a diagram, shown narrower than the column
            width, height = NARROW, round(height * NARROW / width)
        src = f"{up}figures/{path.name}" + (f"#only-{theme}" if spec.themed else "")
        attrs = f'width="{width}" height="{height}"{loading} decoding="async"'
        images.append(f'[![{alt}]({src}){{ {attrs} }}]({src}){{ .bnviz-zoom title="Enlarge" }}')
    caption = f"<figcaption>{spec.summary(result)}</figcaption>"
    images = "\n".join(images)
    figure = f'<figure markdown="span" id="fig-{name}">\n{images}\n{caption}\n</figure>'
    if result is None:
        source = (
            f"Drawn from code alone (`{spec.module}`) when the site was built; no training run "
            "is involved."
        )
    else:
        p = result.provenance
        commit = (p["git_commit"] or "none")[:10]
        commit += " + uncommitted changes" if p.get("git_dirty") else ""
        run = f"bnviz run {result.experiment} --profile {result.profile}"
        source = (
            f"Drawn from the {result.profile} profile of `{result.experiment}`, run at commit "
            f"`{commit}` (code hash `{p['code_hash']}`). Reproduce it with `{run}`."
        )
    about = (
        '<details class="bnviz-figure-about" markdown="1">\n'
        "<summary>How this figure was made</summary>\n\n"
        f"{spec.caption(result)}\n\n{source}\n\n</details>"
    )
    return f"{figure}\n\n{about}"


NARROW = 420  # CSS pixels: the width of figures that are not themed (diagrams)
