"""Execute every notebook page (jupytext percent scripts under docs/notebooks) with a kernel."""

from __future__ import annotations

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
