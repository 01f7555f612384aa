"""Execute every notebook page (jupytext percent scripts under docs/notebooks) with a kernel."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.py"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes(path, tmp_path):
    notebook = jupytext.read(path)
    NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    ).execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert any("image/png" in o.get("data", {}) for o in notebook.cells[-1].outputs)


CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_committed_chapter_notebooks_match_their_pages():
    from bnviz.site.notebooks import chapter_notebook, stale_notebooks

    assert stale_notebooks(ROOT) == [], "run `bnviz notebooks` and commit notebooks/"
    assert len(CHAPTERS) >= 10
    notebook = chapter_notebook(ROOT / "docs" / "how-bn-works.md", ROOT)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "def batch_norm_forward" not in code  # the un-fenced library listing is not a cell
    assert "batch_norm_backward(upstream, cache)" in code  # the included snippet is
    assert "<!--" not in "\n".join(c.source for c in notebook.cells)  # markers rendered
    assert chapter_notebook(ROOT / "docs" / "index.md", ROOT) is None


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_notebook_runs(path, tmp_path, monkeypatch, smoke_runs):
    """Every chapter notebook, as a reader gets it, runs top to bottom under the smoke profile:
    its code cells in order, in one namespace, as a kernel runs them (IPython's `%` magics
    aside; the install cell finds bnviz installed and does nothing). In-process, so that each
    experiment's `run()` returns the session's smoke result instead of training again;
    `test_notebook_executes` above runs a notebook in a real kernel."""
    import matplotlib
    import nbformat

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BNVIZ_RESULTS", str(ROOT / "results"))
    notebook = nbformat.read(path, as_version=4)
    namespace = {"__name__": "__main__"}
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(cells):
        code = "\n".join(line for line in cell.source.splitlines() if not line.startswith("%"))
        exec(compile(code, f"{path.name}[{number}]", "exec"), namespace)
    assert len(cells) >= 3


def _markdown(notebook) -> list[str]:
    return [c.source for c in notebook.cells if c.cell_type == "markdown"]


def _read(path):
    import nbformat

    return nbformat.read(path, as_version=4)


def test_admonitions_become_markdown_a_notebook_renders():
    from bnviz.site.notebook_markdown import jupyter_markdown

    page = "\n".join(
        [
            '!!! warning "What the talk gets wrong"',
            "    First line.",
            "",
            '    ??? note "Why `x`"',
            "        Nested, collapsed.",
            "",
            "1. An exercise:",
            "",
            '    ???+ info "Answer"',
            "        Open by default,",
            "        two lines.",
            "",
            "!!! abstract",
            "    Default title.",
            '<div class="grid" markdown>',
            "**bold** inside",
            "</div>",
            "After, in markdown and prose.",
            "````markdown",
            '!!! note "Kept: fenced"',
            "```",
            "````",
        ]
    )
    out = jupyter_markdown(page)
    assert out.splitlines()[:6] == [
        "> **What the talk gets wrong**",
        ">",
        "> First line.",
        ">",
        "> <details><summary>Why <code>x</code></summary>",
        ">",
    ]
    assert "> Nested, collapsed." in out
    assert (
        "    <details open><summary>Answer</summary>\n\n    Open by default,\n    two lines." in out
    )
    assert "> **Abstract**\n>\n> Default title." in out
    assert '<div class="grid">\n\n**bold** inside\n\n</div>\nAfter, in markdown and' in out
    assert out.endswith('````markdown\n!!! note "Kept: fenced"\n```\n````')
    assert not re.search(r"^\s*(!!!|\?\?\?)", out.split("````")[0], re.M)


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_notebook_reads_anywhere(path):
    """What a reader on GitHub, Jupyter or Colab sees: admonitions as Markdown, an install cell
    pinned to the release tag of the package version, the site's figures attached as images
    where the page shows them (labelled as the committed run's), and a data note naming the
    data the figures were trained on."""
    import base64
    import tomllib

    from bnviz.figures import FIGURES
    from bnviz.site.notebook_cells import page_results

    notebook = _read(path)
    markdown = _markdown(notebook)
    assert not [s for s in markdown if re.search(r"^\s*(!!!|\?\?\?)", s, re.M)]

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    install = notebook.cells[1].source
    assert re.search(rf'"bnviz @ git\+https://\S+@v{re.escape(version)}"', install)
    assert f"`v{version}`" in notebook.cells[0].source and "pip install -e ." in markdown[0]

    page = (ROOT / "docs" / f"{path.stem}.md").read_text()
    names = re.findall(r"<!--\s*figure:\s*([\w.-]+)\s*-->", page)
    figures = {c.metadata["bnviz"]["figure"]: c for c in notebook.cells if "bnviz" in c.metadata}
    assert sorted(figures) == sorted(set(names))
    signatures = {"image/png": b"\x89PNG", "image/webp": b"RIFF", "image/svg+xml": b"<"}
    for name, cell in figures.items():
        ((file, bundle),) = cell.attachments.items()
        ((mime, data),) = bundle.items()
        assert base64.b64decode(data).startswith(signatures[mime]), (name, mime)
        assert f"](attachment:{file})" in cell.source
        experiment = FIGURES[name].experiment
        if experiment:  # the committed run's figure, never passed off as the cell's output
            assert f"experiment `{experiment}`" in cell.source
            assert "not an output of its cells" in cell.source
        else:
            assert "no measurement" in cell.source

    note = notebook.cells[0].source.split("**Data.**")[1]
    for result in page_results(page):
        assert result.data["name"] in note and f"`{result.experiment}`" in note
