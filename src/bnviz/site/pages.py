"""The pages with every marker expanded: figures, verdicts, tables, provenance and values become
plain Markdown and HTML, so any Markdown site generator can build the site. The mkdocs hook
calls `expand_markers` page by page for live preview; `write_pages` (`bnviz pages --out DIR`)
writes the whole site: `--8<--` includes expanded too, formulas as MathML, the run boxes,
notebooks and source links the hooks add, and a hook-free `mkdocs.yml` (`bnviz.site.plain`)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from bnviz.errors import BnvizError
from bnviz.results import load_for_site
from bnviz.site.explore import explore_html, write_data
from bnviz.site.figure_block import figure_html
from bnviz.site.findings import thumbnail_html
from bnviz.site.math import markdown_math
from bnviz.site.measured import provenance_box, setting_html, text_block, value_html
from bnviz.site.plain import notebook_page, plain_config, with_run_box
from bnviz.site.tables import table_markdown
from bnviz.site.verdicts import outcome_badge, outcome_text, verdict_box, verdict_table

MARKER = re.compile(
    r"<!--\s*(claim|outcome|badge|thumb|provenance|figure|explore|table|text|value|setting):"
    r"\s*([\w.-]+)\s*-->"
)
VERDICTS = re.compile(r"<!--\s*verdicts:\s*([\w\s,.-]+?)\s*-->")  # a chapter's verdict table
INCLUDE = re.compile(r'--8<--\s+"([^":]+)(?::[\w-]+)?"')
STAMP = ".bnviz-pages"  # marks a directory `write_pages` made, so it may replace it


def expand_markers(
    markdown: str, page_path: str, warn: Callable[[str], None], figures_dir: Path
) -> str:
    """`markdown` with every `<!-- kind: key -->` marker replaced by what it stands for. A
    missing measurement becomes a red box and a warning; so does a claim whose outcome differs
    from what the page's prose was written for. Figures are read from `figures_dir`."""

    figures_seen = []  # a chapter's first figure is its headline, in the first screen: not lazy

    def replace(match):
        kind, key = match.groups()
        try:
            if kind == "provenance":
                return provenance_box(load_for_site(key))
            if kind == "figure":
                figures_seen.append(key)
                return figure_html(key, page_path, figures_dir, lazy=len(figures_seen) > 1)
            if kind == "explore":
                return explore_html(key, page_path)
            if kind == "table":
                return table_markdown(key)
            if kind == "text":
                return text_block(key)
            if kind == "value":
                return value_html(key)
            if kind == "setting":
                return setting_html(key)
            if kind == "thumb":
                return thumbnail_html(key, page_path, figures_dir)
            box = {"claim": verdict_box, "badge": outcome_badge}.get(kind, outcome_text)
            text, as_expected = box(key)
            if not as_expected:
                warn(f"claim {key} on {page_path} has changed outcome from what the page states")
            return text
        except BnvizError as exc:
            warn(f"{page_path}: {exc}")
            return f'!!! danger "Missing measurement"\n    {exc}'

    def table(match):
        ids = match.group(1).replace(",", " ").split()
        try:
            text, unexpected = verdict_table(ids)
        except BnvizError as exc:
            warn(f"{page_path}: {exc}")
            return f'!!! danger "Missing measurement"\n    {exc}'
        for key in unexpected:
            warn(f"claim {key} on {page_path} has changed outcome from what the page states")
        return text

    return MARKER.sub(replace, VERDICTS.sub(table, markdown))


def source_links(markdown: str, repo_url: str | None, branch: str = "main") -> str:
    """A section linking every file the page includes code from to the repository, when the
    site knows its repository (`repo_url`, set by the Pages workflow)."""
    paths = list(dict.fromkeys(INCLUDE.findall(markdown)))
    if not repo_url or not paths:
        return ""
    base = f"{repo_url.rstrip('/')}/blob/{branch}"
    items = "\n".join(f"- [`{path}`]({base}/{path})" for path in paths)
    return f"\n\n## Source of the code on this page\n\n{items}\n"


def expand_page(
    source: Path, docs: Path, root: Path, problems: list[str], repo_url: str | None = None
) -> str:
    """One page as a hook-free generator needs it: includes, markers and formulas expanded,
    the "Run it yourself" box and the source links added, as the site's hooks add them."""
    from bnviz.site.notebooks import expand_snippets, run_box_html

    relative = source.relative_to(docs).as_posix()
    original = source.read_text()
    text = expand_snippets(original, root)
    text = expand_markers(text, relative, problems.append, docs / "figures")
    text = markdown_math(text)
    if "```python" in original:
        box = run_box_html(original, source.stem, root, os.environ.get("REPO_BRANCH", "main"))
        text = with_run_box(text, box)
    return text + source_links(original, repo_url, os.environ.get("REPO_BRANCH", "main"))


def write_pages(out: Path, docs: Path, root: Path) -> list[Path]:
    """Write `out/mkdocs.yml` (hook-free) and `out/docs/`: every page with markers, includes
    and formulas expanded, each chapter's notebook beside it, the notebook pages as Markdown,
    and every other file (figures, styles) copied. All or nothing: it is built in a temporary
    directory beside `out` and moved into place only if no page had a problem."""
    import nbformat
    import yaml

    from bnviz import figures
    from bnviz.site.notebooks import chapter_notebook

    out = out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / STAMP).exists():
        raise BnvizError(f"{out} exists and was not written by `bnviz pages`; choose another")
    figures.render_stale(docs / "figures", load_for_site)
    write_data(docs)
    problems: list[str] = [
        f"result {name} is stale; run `bnviz run {name}`"
        for name in sorted({f.experiment for f in figures.FIGURES.values() if f.experiment})
        if load_for_site(name).stale
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bnviz-pages-", dir=out.parent))
    try:
        written = []
        config = plain_config(root)
        (staging / "mkdocs.yml").write_text(config)
        repo_url = yaml.safe_load(config).get("repo_url")
        for source in sorted(docs.rglob("*")):
            if source.is_dir():
                continue
            relative = source.relative_to(docs)
            target = staging / "docs" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if relative.parts[0] == "notebooks" and source.suffix == ".py":
                target.with_suffix(".md").write_text(notebook_page(source))
                beside = target.with_suffix("") / source.name  # its downloads
                beside.parent.mkdir(exist_ok=True)
                shutil.copy2(source, beside)
                jupytext_ipynb(source, beside.with_suffix(".ipynb"))
                continue
            if source.suffix != ".md":
                shutil.copy2(source, target)
                continue
            target.write_text(expand_page(source, docs, root, problems, repo_url))
            written.append(out / "docs" / relative)
            notebook = chapter_notebook(source, root)
            if notebook is not None:
                beside = target.with_suffix("") / f"{source.stem}.ipynb"
                beside.parent.mkdir(exist_ok=True)
                nbformat.write(notebook, beside)
        if problems:
            raise BnvizError(f"{len(problems)} problem(s), nothing written: {problems[0]}")
        (staging / STAMP).write_text("written by `bnviz pages`; safe to replace\n")
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
        return written
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def jupytext_ipynb(script: Path, out: Path) -> None:
    import jupytext

    jupytext.write(jupytext.read(script), out, fmt="ipynb")
