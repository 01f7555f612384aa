"""Execute every `python` code block of every page, after expanding `--8<--` includes with
pymdownx.snippets' own preprocessor (pytest-codeblocks does not expand them)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pytest_codeblocks import extract_from_buffer

import bnviz.site.notebooks

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))


def expand_snippets(text: str) -> str:
    return bnviz.site.notebooks.expand_snippets(text, ROOT)


def python_blocks(page: Path):
    blocks = extract_from_buffer(io.StringIO(expand_snippets(page.read_text())))
    return [b for b in blocks if b.syntax == "python"]


def test_snippets_expand_and_missing_includes_fail(tmp_path):
    page = (ROOT / "docs" / "training-curves.md").read_text()
    assert "--8<--" not in expand_snippets(page)
    with pytest.raises(Exception, match="nope.py"):
        expand_snippets('```python\n--8<-- "snippets/nope.py"\n```\n')


EXECUTED: list[str] = []


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT / "docs")) for p in PAGES])
def test_every_python_block_runs(page, tmp_path, monkeypatch, smoke_runs):
    monkeypatch.chdir(tmp_path)  # blocks may save files
    monkeypatch.setenv("BNVIZ_RESULTS", str(ROOT / "results"))  # and read committed results
    for block in python_blocks(page):
        namespace = {"__name__": "codeblock"}
        exec(compile(block.code, f"{page.name}:{block.lineno}", "exec"), namespace)
        EXECUTED.append(f"{page.name}:{block.lineno}")


def test_count_of_executed_blocks():
    expected = sum(len(python_blocks(p)) for p in PAGES)
    if len(EXECUTED) != expected:
        pytest.skip("run together with test_every_python_block_runs to count")
    print(f"\nexecuted {len(EXECUTED)} python code blocks from {len(PAGES)} pages")
    assert expected >= 2 and os.environ["BNVIZ_PROFILE"] == "smoke"
