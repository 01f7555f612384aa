"""Every chapter as a notebook: its prose as Markdown cells, its `python` blocks (with `--8<--`
includes expanded) as code cells — the same code the tests execute."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import nbformat

FENCE = re.compile(r"^```python\n(.*?)^```\n", re.M | re.S)
COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
SETUP = (
    "This notebook is generated from the chapter page. It needs the `bnviz` package: from a "
    "clone of the project, `pip install -e .`. By default the code runs the **quick** profile; "
    "set the environment variable `BNVIZ_PROFILE=smoke` for a seconds-long check."
)


def expand_snippets(text: str, root: Path) -> str:
    """Expand `--8<--` includes with pymdownx.snippets' own preprocessor (missing files fail)."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(root)], "check_paths": True}},
    )
    return "\n".join(md.preprocessors["snippet"].run(text.splitlines())) + "\n"


def chapter_notebook(page: Path, root: Path) -> nbformat.NotebookNode | None:
    """The notebook of a chapter page, or None when the page has no Python code."""
    text = expand_snippets(page.read_text(), root)
    cells, position = [nbformat.v4.new_markdown_cell(SETUP)], 0
    for match in FENCE.finditer(text):
        prose = COMMENT.sub("", text[position : match.start()]).strip()
        if prose:
            cells.append(nbformat.v4.new_markdown_cell(prose))
        cells.append(nbformat.v4.new_code_cell(match.group(1).rstrip("\n")))
        position = match.end()
    if not any(cell.cell_type == "code" for cell in cells):
        return None
    tail = COMMENT.sub("", text[position:]).strip()
    if tail:
        cells.append(nbformat.v4.new_markdown_cell(tail))
    cells.insert(1, nbformat.v4.new_code_cell("%matplotlib inline"))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return notebook
