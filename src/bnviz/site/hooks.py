"""mkdocs hooks: render stale figures from results/ and turn page markers into boxes.

Markers: `<!-- figure: NAME -->` becomes the figure (light and dark) with its caption;
`<!-- explore: NAME -->` an explorable figure of a sweep (`bnviz.site.explore`);
`<!-- claim: ID -->` becomes the claim's full verdict box, `<!-- verdicts: ID ID ... -->` the
chapter's verdict table (a row per claim, expanding to its details), `<!-- badge: ID -->` its
outcome as a coloured word; `<!-- thumb: NAME -->` a small figure for the landing page's
findings; `<!-- table: NAME -->` a generated table;
`<!-- text: EXPERIMENT.FIELD -->` a text the run captured (e.g. `model.summary()`);
`<!-- value: NAME -->` a measured number in prose (`bnviz.values`);
`<!-- setting: EXPERIMENT.PROFILE.FIELD -->` a setting of a spec (e.g. the full profile's epochs);
`<!-- provenance: EXPERIMENT -->`
becomes a box saying which run (data, seeds, versions, hardware, commit) made the figures.
A stale or missing result is a warning, so `mkdocs build --strict` fails on it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from bnviz import figures
from bnviz.errors import BnvizError
from bnviz.results import load_for_site
from bnviz.site.explore import write_data
from bnviz.site.math import render_math
from bnviz.site.notebooks import run_box_html
from bnviz.site.pages import expand_markers, source_links
from bnviz.site.plain import notebook_page

log = logging.getLogger("mkdocs.plugins.bnviz")
NOTEBOOK_SCRIPT = re.compile(r"notebooks/[\w-]+\.py")


def on_pre_build(config, **kwargs):
    out_dir = Path(config["docs_dir"]) / "figures"
    try:
        rendered = figures.render_stale(out_dir, load_for_site)
        write_data(Path(config["docs_dir"]))  # the explorable figures' data
    except BnvizError as exc:
        log.warning(str(exc))
        return
    if rendered:
        log.info("bnviz: rendered figures %s", ", ".join(rendered))
    for name in sorted({f.experiment for f in figures.FIGURES.values() if f.experiment}):
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


def on_files(files, config, **kwargs):
    """Each notebook (a jupytext script under docs/notebooks/) becomes a Markdown page, the
    same one `bnviz pages` writes (`bnviz.site.plain.notebook_page`): its download buttons,
    then its cells. The script itself is offered beside the page (on_post_build)."""
    from mkdocs.structure.files import File

    for script in [f for f in files if NOTEBOOK_SCRIPT.fullmatch(f.src_uri)]:
        files.remove(script)
        page = notebook_page(Path(script.abs_src_path))
        made = File.generated(config, script.src_uri[: -len(".py")] + ".md", content=page)
        made.edit_uri = script.src_uri  # "edit" and "view source" open the script
        files.append(made)
    return files


def on_page_content(html, page, config, **kwargs):
    """Download buttons: chapters with code get a "Run it yourself" box (before their first
    section, under the takeaways and the headline figure) with their generated
    .ipynb (see on_post_build) and an "Open in Colab" link to the committed notebook.
    Formulas become MathML (`bnviz.site.math`)."""
    html = render_math(html)
    stem = Path(page.file.src_path).stem
    if page.file.generated_by or not page.file.abs_src_path:  # a notebook page (on_files)
        return html
    if "```python" in (text := Path(page.file.abs_src_path).read_text()):
        root = Path(config["config_file_path"]).parent
        branch = os.environ.get("REPO_BRANCH", "main")
        box = run_box_html(text, stem, root, branch)
        # after the lesson (takeaways, headline figure), before the first section
        head, h2, rest = html.partition("<h2")
        return head + box + h2 + rest if h2 else html + box
    return html


def on_post_build(config, **kwargs):
    """Write each chapter's notebook next to its page; notebook pages get their .ipynb too.
    Notebooks are written unexecuted (the tests execute the same code)."""
    import jupytext
    import nbformat

    from bnviz.site.notebooks import chapter_notebook

    docs, site = Path(config["docs_dir"]), Path(config["site_dir"])
    root = Path(config["config_file_path"]).parent
    for page in sorted(docs.glob("*.md")):
        notebook = chapter_notebook(page, root)
        if notebook is not None:
            out = site / page.stem / f"{page.stem}.ipynb"
            out.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, out)
    for script in sorted((docs / "notebooks").glob("*.py")):
        out = site / "notebooks" / script.stem / f"{script.stem}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(jupytext.read(script), out, fmt="ipynb")
        shutil.copy2(script, out.with_suffix(".py"))


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'


def on_post_page(output, page, config, **kwargs):
    """Name the theme's search dialog (a dialog needs an accessible name; WCAG 4.1.2)."""
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG + ' aria-label="Search"', 1)


def on_page_markdown(markdown, page, config, **kwargs):
    def warn(message: str) -> None:
        log.warning("bnviz: %s", message)

    figures_dir = Path(config["docs_dir"]) / "figures"
    expanded = expand_markers(markdown, page.file.src_path, warn, figures_dir)
    branch = os.environ.get("REPO_BRANCH", "main")
    return expanded + source_links(markdown, config.repo_url, branch)
