"""Run every snippet file the way a reader would: load it, call main(), check what it returns."""

from __future__ import annotations

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
def test_snippet_runs(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BNVIZ_RESULTS", str(ROOT / "results"))  # as run inside the project
    module = runpy.run_path(str(path), run_name="snippet")
    assert len(path.read_text().splitlines()) <= 60, "keep snippets short"
    returned = module["main"]()
    assert returned, "main() returns what it made"
    if path.parent.name == "training_curves":
        assert set(returned) == {"none", "batch"}
        assert (tmp_path / module["OUTPUT"]).stat().st_size > 0
