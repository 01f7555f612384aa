"""mkdocs hooks: render stale figures from results/ and turn page markers into boxes.

Markers: `<!-- figure: NAME -->` becomes the figure (light and dark) with its caption;
`<!-- claim: ID -->` becomes the claim's verdict; `<!-- provenance: EXPERIMENT -->`
becomes a box saying which run (data, seeds, versions, hardware, commit) made the figures.
A stale or missing result is a warning, so `mkdocs build --strict` fails on it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bnviz import figures
from bnviz.errors import BnvizError
from bnviz.site import figure_html, load_for_site, provenance_box, verdict_box

log = logging.getLogger("mkdocs.plugins.bnviz")
MARKER = re.compile(r"<!--\s*(claim|provenance|figure):\s*([\w-]+)\s*-->")


def on_pre_build(config, **kwargs):
    out_dir = Path(config["docs_dir"]) / "figures"
    try:
        rendered = figures.render_stale(out_dir, load_for_site)
    except BnvizError as exc:
        log.warning(str(exc))
        return
    if rendered:
        log.info("bnviz: rendered figures %s", ", ".join(rendered))
    for name in {f.experiment for f in figures.FIGURES.values()}:
        result = load_for_site(name)
        if result.stale:
            log.warning(
                "bnviz: result %s (%s) is stale: the code changed since it was run; "
                "run `bnviz run %s --profile %s`",
                name,
                result.profile,
                name,
                result.profile,
            )


def on_page_content(html, page, **kwargs):
    """Notebook pages get download links: a real .ipynb (written in on_post_build) and the
    jupytext source it is made from."""
    source = getattr(page, "nb_url", None)
    if not source:
        return html
    stem = Path(page.file.src_path).stem
    links = (
        '<p class="bnviz-downloads">'
        f'<a class="md-button md-button--primary" href="{stem}.ipynb" download>'
        "Download notebook (.ipynb)</a> "
        f'<a class="md-button" href="{source}" download>Download as a Python script</a></p>'
    )
    return links + html


def on_post_build(config, **kwargs):
    """Write every notebook page's .ipynb next to its page, unexecuted (the tests run them)."""
    import jupytext

    docs, site = Path(config["docs_dir"]), Path(config["site_dir"])
    for script in sorted((docs / "notebooks").glob("*.py")):
        out = site / "notebooks" / script.stem / f"{script.stem}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(jupytext.read(script), out, fmt="ipynb")


def on_page_markdown(markdown, page, **kwargs):
    def replace(match):
        kind, key = match.groups()
        try:
            if kind == "provenance":
                return provenance_box(load_for_site(key))
            if kind == "figure":
                return figure_html(key, page.file.src_path)
            text, as_expected = verdict_box(key)
            if not as_expected:
                log.warning("bnviz: claim %s on %s has changed verdict", key, page.file.src_path)
            return text
        except BnvizError as exc:
            log.warning("bnviz: %s: %s", page.file.src_path, exc)
            return f'!!! danger "Missing measurement"\n    {exc}'

    return MARKER.sub(replace, markdown)
