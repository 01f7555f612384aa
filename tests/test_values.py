"""Measured numbers in prose come from the result on display (`<!-- value: NAME -->`)."""

import dataclasses
import re

import numpy as np

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


def _jitter(obj, rng):
    """Every float in `obj` (nested dicts and lists, arrays) times its own factor in [0.8, 0.99]."""
    if isinstance(obj, float):
        return obj * rng.uniform(0.8, 0.99)
    if isinstance(obj, dict):
        return {k: _jitter(v, rng) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_jitter(v, rng) for v in obj]
    if isinstance(obj, np.ndarray) and obj.dtype.kind == "f":
        return obj * rng.uniform(0.8, 0.99, obj.shape)
    return obj


def _jittered(result, seed: int):
    """The result with every measured float moved at random: a value that reads the result
    renders differently from it for some seed, whatever the run; a typed-in one never does."""
    rng = np.random.default_rng(seed)
    payload, arrays = _jitter(result.payload, rng), _jitter(result.arrays, rng)
    return dataclasses.replace(result, payload=payload, arrays=arrays)


def _rendered(site) -> dict[str, set[str]]:
    spans: dict[str, set[str]] = {}
    for page in site.rglob("*.html"):
        for name, text in VALUE_SPAN.findall(page.read_text()):
            spans.setdefault(name, set()).add(text)
    return spans


def test_values_change_with_the_results_the_site_is_built_from(root, built_site, smoke_results):
    """The built site shows every value as rendered from the committed result, and every
    measured value renders differently from the smoke results (so none is typed in). A timing
    shown in whole percent can come out the same in two runs by chance; such a value must
    then change when the smoke result's floats are jittered. A ratio of two jittered floats
    can land back on the same rounding by chance too, so five jitters are tried."""
    shown = _rendered(built_site)
    assert set(shown) == _markers(root)
    unchanged = []
    for name, value in values.all_values().items():
        quick = value.render(load(value.experiment, "quick", root / "results"))
        assert shown[name] == {quick}, name
        smoke = load(value.experiment, "smoke", smoke_results)
        if not value.setting and value.render(smoke) == quick:
            if all(value.render(_jittered(smoke, seed)) == quick for seed in range(5)):
                unchanged.append(name)
    assert not unchanged, f"values that did not change with the results: {unchanged}"
