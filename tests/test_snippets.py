"""Run every snippet file the way a reader would: load it, call main(), check what it returns."""

from __future__ import annotations

import ast
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))
# needs a 68 MB download by default: tests/test_image_models.py runs it on a generated folder
DOWNLOADS = {ROOT / "snippets" / "real_images" / "cats_and_dogs.py"}
RUNNABLE = [p for p in SNIPPETS if p not in DOWNLOADS]


def test_every_snippet_is_included_by_a_page():
    pages = "".join(p.read_text() for p in (ROOT / "docs").rglob("*.md"))
    for snippet in SNIPPETS:
        assert str(snippet.relative_to(ROOT)) in pages, f"{snippet} is on no page"


@pytest.mark.parametrize("path", RUNNABLE, ids=[str(p.relative_to(ROOT)) for p in RUNNABLE])
def test_snippet_runs_and_draws_its_figures(path, tmp_path, monkeypatch, smoke_runs):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BNVIZ_RESULTS", str(ROOT / "results"))  # as run inside the project
    module = runpy.run_path(str(path), run_name="snippet")
    assert len(path.read_text().splitlines()) <= 60, "keep snippets short"
    returned = module["main"]()
    assert returned is not None, "main() returns what it made"
    saved = path.read_text().count(".savefig(")
    written = [p for p in tmp_path.iterdir() if p.suffix == ".png" and p.stat().st_size > 0]
    assert len(written) >= saved, f"{saved} figures saved, {len(written)} written"


TRAINING = ("train_model", "train_seeds", "train_variants", "train_spec", "fit")


@pytest.mark.parametrize("path", SNIPPETS, ids=[str(p.relative_to(ROOT)) for p in SNIPPETS])
def test_no_snippet_copies_an_experiment(path):
    """A snippet that trains calls an experiment's `run()` (the code the page shows); only the
    download example, which no experiment makes, trains by itself."""
    tree = ast.parse(path.read_text())
    called = {
        getattr(node.func, "id", getattr(node.func, "attr", None))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    if path in DOWNLOADS:
        return
    assert not called & set(TRAINING), f"{path.name} trains by itself: call the experiment's run()"
