"""The explorable figures in headless Chromium: choosing a setting with the keyboard and the
selects plots exactly the stored values, in the palette of the theme, with no console error
and no request outside the site."""

from __future__ import annotations

import json
import re

import pytest
from test_browser import browser, server, watch  # noqa: F401 (fixtures)

from bnviz.results import load_for_site

pytestmark = pytest.mark.browser
POINT = re.compile(r"[ML](-?[\d.]+),(-?[\d.]+)")


def _expected(data, variant, measure):
    """(variant, metric, seed) of every line the widget should draw."""
    chosen = data["variants"] if variant == "all" else [variant]
    lines = set()
    for v in chosen:
        metrics = [measure]
        if measure.startswith("val_") and v in data["has_bn"]:
            metrics.append(measure + "_precise")
        lines |= {(v, m, str(s)) for m in metrics for s in data["seeds"]}
    return lines


def _check_plot(figure, data, stored, key, variant, measure, colors):
    """Read each line's points back from its SVG path and compare them to the result."""
    svg = figure.locator("svg[data-key]")
    assert svg.get_attribute("data-key") == key
    lo, hi, top, bottom, scale = (
        float(svg.get_attribute(f"data-{a}")) for a in ("y-lo", "y-hi", "top", "bottom", "scale")
    )
    paths = figure.locator("path[data-variant]").all()
    seen = set()
    for path in paths:
        variant_, metric, seed = (
            path.get_attribute(f"data-{a}") for a in ("variant", "metric", "seed")
        )
        seen.add((variant_, metric, seed))
        run = stored[key][variant_][data["seeds"].index(int(seed))][metric]
        points = [(float(x), float(y)) for x, y in POINT.findall(path.get_attribute("d"))]
        assert len(points) == len(run)
        assert all(a[0] < b[0] for a, b in zip(points, points[1:], strict=False))
        plotted = [lo + (bottom - y) / (bottom - top) * (hi - lo) for _, y in points]
        tolerance = 0.02 * (hi - lo) / (bottom - top)  # coordinates carry 2 decimals
        assert plotted == pytest.approx([v * scale for v in run], abs=tolerance)
        assert path.get_attribute("stroke").lower() == colors[variant_].lower()
        assert (path.get_attribute("stroke-dasharray") != "none") == metric.endswith("_precise")
    assert seen == _expected(data, variant, measure)


CASES = [  # page, explorable, network chosen, measure chosen after the first check
    ("benefits/", "lr_sweep", "all", "val_loss"),
    ("limitations/", "batch_size_sweep", "group", "train_accuracy"),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path, name, variant, measure", CASES)
def test_choosing_a_setting_plots_the_stored_values(
    browser,  # noqa: F811
    server,  # noqa: F811
    built_site,
    path,
    name,
    variant,
    measure,
    scheme,
):
    data = json.loads((built_site / "figures" / "explore" / f"{name}.json").read_text())
    stored = load_for_site(data["experiment"]).payload["sweep"]
    colors = data["colors"][scheme]
    page = browser.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    problems = watch(page, server)
    page.goto(f"{server}/{path}", wait_until="networkidle")
    figure = page.locator(f"#explore-{name}")
    figure.scroll_into_view_if_needed()
    page.wait_for_selector(f"#explore-{name}[data-ready=yes]", timeout=10_000)
    assert figure.locator(".bnviz-explore-fallback").count() == 0
    _check_plot(figure, data, stored, data["keys"][0], "all", "val_accuracy", colors)

    slider = figure.get_by_label(data["setting"], exact=True)  # a native range input, by its label
    slider.focus()
    page.keyboard.press("ArrowRight")
    key = data["keys"][1]
    assert figure.locator("output").inner_text() == key
    assert slider.get_attribute("aria-valuetext") == key
    figure.get_by_label("Network", exact=True).select_option(variant)
    _check_plot(figure, data, stored, key, variant, "val_accuracy", colors)

    slider.press("End")  # keyboard: the largest setting
    figure.get_by_label("Measure", exact=True).select_option(measure)
    _check_plot(figure, data, stored, data["keys"][-1], variant, measure, colors)
    rows = figure.locator("table tbody tr").count()
    assert rows == len(_expected(data, variant, measure)) // len(data["seeds"])

    # the header's palette toggle recolours the lines without a reload
    page.locator("form[data-md-component=palette] label:visible").click()
    other = data["colors"]["light" if scheme == "dark" else "dark"]
    _check_plot(figure, data, stored, data["keys"][-1], variant, measure, other)
    page.close()
    assert not problems, problems
