"""Measured numbers in prose come from the result on display (`<!-- value: NAME -->`)."""

import os
import re
import subprocess
import sys

from bnviz import values
from bnviz.results import load

VALUE_SPAN = re.compile(r'<span class="bnviz-value" data-value="([\w.-]+)"[^>]*>([^<]*)</span>')
MARKER = re.compile(r"<!--\s*value:\s*([\w.-]+)\s*-->")


def _markers(root) -> set[str]:
    return {m for p in (root / "docs").rglob("*.md") for m in MARKER.findall(p.read_text())}


def test_every_marker_names_a_value_and_every_value_is_used(root):
    used = _markers(root)
    assert used, "no value markers on any page"
    assert used <= set(values.all_values()), used - set(values.all_values())
    assert set(values.all_values()) <= used, set(values.all_values()) - used


def test_every_value_renders_from_the_committed_result(root):
    for value in values.all_values().values():
        text = value.render(load(value.experiment, "quick", root / "results"))
        assert text and any(ch.isdigit() for ch in text), value.name


def _rendered(site) -> dict[str, set[str]]:
    spans: dict[str, set[str]] = {}
    for page in site.rglob("*.html"):
        for name, text in VALUE_SPAN.findall(page.read_text()):
            spans.setdefault(name, set()).add(text)
    return spans


def test_values_change_with_the_results_the_site_is_built_from(
    root, built_site, smoke_results, project_copy, tmp_path
):
    """Build the site (a copy, so its figures stay out of docs/) from smoke results: every
    value marker must render differently from the committed results' build."""
    config = project_copy / "mkdocs.yml"  # smoke verdicts differ from the pages: not strict
    config.write_text(config.read_text().replace("strict: true", "strict: false"))
    assert "strict: false" in config.read_text()
    env = dict(os.environ, BNVIZ_RESULTS=str(smoke_results), BNVIZ_SITE_PROFILE="smoke")
    out = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(out)],
        cwd=project_copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    quick, smoke = _rendered(built_site), _rendered(out)
    assert set(quick) == _markers(root) == set(smoke)
    measured = [n for n, v in values.all_values().items() if not v.setting]
    unchanged = sorted(name for name in measured if quick[name] == smoke[name])
    assert not unchanged, f"values that did not change with the results: {unchanged}"
