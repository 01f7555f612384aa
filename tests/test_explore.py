"""Explorable figures: the JSON the build writes is the stored result, and the widget's HTML
places controls and a link to it (`bnviz.site.explore`)."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from bnviz.errors import BnvizError
from bnviz.results import load_for_site
from bnviz.site import explore
from bnviz.site.pages import expand_markers

NAMES = sorted(explore.EXPLORABLES)


@pytest.mark.parametrize("name", NAMES)
def test_data_is_the_stored_sweep(name):
    data = explore.data(name)
    result = load_for_site(explore.EXPLORABLES[name].experiment)
    sweep = result.payload["sweep"]
    assert data["sweep"] == sweep  # every value, exactly
    assert data["keys"] == list(sweep)
    assert data["variants"] == list(next(iter(sweep.values())))
    assert data["seeds"] == result.spec["seeds"]
    assert (data["profile"], data["code_hash"]) == (
        result.profile,
        result.provenance["code_hash"],
    )
    assert set(data["colors"]["light"]) == set(data["variants"]) == set(data["labels"])


@pytest.mark.parametrize("name", NAMES)
def test_the_json_written_equals_the_stored_values(name, tmp_path):
    written = explore.write_data(tmp_path)
    path = tmp_path / explore.DATA_DIR / f"{name}.json"
    assert path in written
    stored = load_for_site(explore.EXPLORABLES[name].experiment).payload["sweep"]
    assert json.loads(path.read_text())["sweep"] == stored
    assert explore.write_data(tmp_path) == []  # unchanged: not rewritten (mkdocs serve)


def test_the_built_site_serves_the_json(built_site):
    for name in NAMES:
        served = json.loads((built_site / explore.DATA_DIR / f"{name}.json").read_text())
        assert served == explore.data(name)


def test_non_finite_values_become_null():
    cleaned = explore._finite({"a": [1.0, math.nan, -math.inf], "b": {"c": math.inf}})
    assert cleaned == {"a": [1.0, None, None], "b": {"c": None}}
    json.dumps(cleaned, allow_nan=False)


@pytest.mark.parametrize("page_path, up", [("benefits.md", ""), ("sub/page.md", "../")])
def test_widget_html_has_labelled_controls_and_links_its_data(page_path, up):
    html = explore.explore_html("lr_sweep", page_path)
    keys = explore.data("lr_sweep")["keys"]
    assert f'max="{len(keys) - 1}"' in html and f">{keys[0]}</output>" in html
    for ident in ("key", "variant", "measure"):
        assert f'<label for="explore-lr_sweep-{ident}">' in html
        assert f'id="explore-lr_sweep-{ident}"' in html
    assert '<option value="none">without BN</option>' in html
    assert f"]({up}figures/explore/lr_sweep.json)" in html
    assert "bnviz-explore-fallback" in html  # what shows until the script draws


def test_an_unknown_explorable_is_a_red_box_and_a_warning():
    warnings = []
    out = expand_markers("<!-- explore: nope -->", "page.md", warnings.append, Path("docs/figures"))
    assert "Missing measurement" in out and "unknown explorable figure" in warnings[0]
    with pytest.raises(BnvizError):
        explore.data("nope")


def test_each_sweep_is_explorable_on_the_page_with_its_figure(root):
    pages = {
        name: [
            p.name
            for p in (root / "docs").glob("*.md")
            if re.search(rf"<!--\s*explore:\s*{name}\s*-->", p.read_text())
        ]
        for name in NAMES
    }
    for name, found in pages.items():
        assert found, f"no page explores {name}"
        for page in found:
            assert f"<!-- figure: {name} -->" in (root / "docs" / page).read_text()
