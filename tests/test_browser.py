"""Open the built chapter in headless Chromium (Debian's), check figures load, no console errors."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def watch(page, base: str) -> list[str]:
    """Collect the page's console errors, failed requests and requests off the site."""
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on(
        "request",
        lambda r: (
            r.url.startswith(base)
            or r.url.startswith("data:")
            or problems.append(f"external request: {r.url}")
        ),
    )
    return problems


DOCS = Path(__file__).resolve().parents[1] / "docs"
# every page of the site: each Markdown page and each notebook page
PAGES = sorted(
    ["" if p.stem == "index" else f"{p.stem}/" for p in DOCS.glob("*.md")]
    + [f"notebooks/{p.stem}/" for p in (DOCS / "notebooks").glob("*.py")]
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_clean(browser, server, path, scheme, tmp_path):
    page = browser.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    problems = watch(page, server)
    page.goto(f"{server}/{path}", wait_until="networkidle")
    # open collapsed boxes (exercise answers, provenance): their formulas must render too
    page.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
    for img in page.locator("article img").all():
        if img.is_visible():  # the other palette's figure is display: none
            img.scroll_into_view_if_needed()  # figures load lazily, once scrolled near
            img.evaluate(
                "i => i.complete || Promise.race([new Promise(r => (i.onload = i.onerror = r)),"
                " new Promise(r => setTimeout(r, 5000))])"
            )
            width = img.evaluate("i => i.complete ? i.naturalWidth : 0")
            assert width > 0, f"figure did not load: {img.get_attribute('src')}"
    if path == "training-curves/":
        # one image per figure shows: the one of this palette
        visible = [i for i in page.locator("figure img").all() if i.is_visible()]
        assert len(visible) == page.locator("figure").count() >= 2
        assert all(f"-{scheme}.svg" in i.get_attribute("src") for i in visible)
    # formulas: rendered to MathML at build time, laid out by the browser, no TeX left over
    source = DOCS / ("index.md" if not path else f"{path.strip('/')}.md")
    if source.exists() and "$" in source.read_text():
        formulas = page.locator("article math")
        assert formulas.count() > 0, "the page has formulas but no rendered math"
        box = formulas.first.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, "math is not laid out"
    text = page.locator("article").inner_text()
    assert "$$" not in text and "\\(" not in text and "\\[" not in text, "raw TeX on the page"
    figures = page.locator("figure img").count()
    visible = [i for i in page.locator("figure img").all() if i.is_visible()]
    assert figures == 0 or visible, "a figure exists but none is shown"
    if problems:  # a picture of the page to look at when it fails
        shot = tmp_path / f"{path.strip('/').replace('/', '_') or 'home'}-{scheme}.png"
        page.screenshot(path=str(shot), full_page=True)
        problems.append(f"screenshot: {shot}")
    page.close()
    assert not problems, problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_figure_opens_enlarged_in_the_page_palette_and_escape_closes_it(browser, server, scheme):
    page = browser.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/training-curves/", wait_until="networkidle")
    link = page.locator("#fig-training_curves a.bnviz-zoom:visible")
    assert link.count() == 1 and f"-{scheme}.svg" in link.get_attribute("href")
    link.scroll_into_view_if_needed()
    shown = link.locator("img").bounding_box()
    link.click()
    dialog = page.locator("dialog.bnviz-zoom-dialog")
    dialog.wait_for(state="visible")
    assert dialog.evaluate("d => d.open && d.matches(':modal')")
    enlarged = dialog.locator("img")
    assert f"training_curves-{scheme}.svg" in enlarged.get_attribute("src")
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=enlarged.element_handle())
    box = enlarged.evaluate(  # the drawn image inside its box (object-fit: contain)
        "i => { const r = i.getBoundingClientRect(), s = Math.min(r.width / i.naturalWidth,"
        " r.height / i.naturalHeight); return [i.naturalWidth * s, i.naturalHeight * s]; }"
    )
    assert box[0] > 1.2 * shown["width"], (box, shown)
    assert dialog.get_attribute("aria-label").startswith("Figure, enlarged")
    # the dialog is drawn in the page's palette: the theme's background and text colours
    colours = page.evaluate(
        "() => { const d = getComputedStyle(document.querySelector('dialog.bnviz-zoom-dialog'));"
        " const b = getComputedStyle(document.querySelector('.md-main'));"
        " return [d.backgroundColor, getComputedStyle(document.body).backgroundColor,"
        " d.color, b.color]; }"
    )
    assert colours[0] == colours[1] and colours[2] == colours[3], colours
    dark_background = page.evaluate(
        "() => { const [r, g, b] = getComputedStyle(document.querySelector("
        "'dialog.bnviz-zoom-dialog')).backgroundColor.match(/\\d+/g).map(Number);"
        " return r + g + b < 300; }"
    )
    assert dark_background == (scheme == "dark")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('bnviz-zoom')")
    # keyboard only: the focused figure link opens with Enter, "Enlarge" doubles it, Escape
    page.keyboard.press("Enter")
    dialog.wait_for(state="visible")
    page.locator(".bnviz-zoom-size").click()
    assert dialog.locator("img").bounding_box()["width"] >= 2 * shown["width"]
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    page.close()


def test_raster_figures_load_as_webp_when_scrolled_to(browser, server):
    page = browser.new_page(viewport={"width": 412, "height": 823})
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{server}/real-images/", wait_until="networkidle")
    assert not any("feature_maps" in url for url in requested), "a lazy figure loaded up front"
    image = page.locator("#fig-feature_maps img:visible")
    image.scroll_into_view_if_needed()
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle())
    loaded = [u for u in requested if "feature_maps" in u]
    assert loaded == [f"{server}/figures/feature_maps-light.webp"]
    page.close()


def _page_metrics():
    """bench/page_metrics.py's measurement of a page (the script is not a package)."""
    import importlib.util

    path = DOCS.parent / "bench" / "page_metrics.py"
    spec = importlib.util.spec_from_file_location("page_metrics", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NAV = (DOCS.parent / "mkdocs.yml").read_text()
CHAPTERS = sorted(  # the numbered chapters and the reproductions, as the navigation lists them
    f"{name}/"
    for name in re.findall(r"^\s+- (?:\d+\. )?[^:\n]+: ([\w-]+)\.md$", NAV, re.M)
    if re.search(rf"- \d+\. [^:\n]+: {name}\.md", NAV) or name.startswith("reproduce-")
)
MAX_WORDS, MAX_SOURCE, MAX_SCRIPT = 2000, 45, 55


@pytest.mark.parametrize("path", CHAPTERS)
def test_a_chapter_opens_with_its_lesson(browser, server, path):
    """The measured figure starts within the first screen (1280x900), at most 3 full verdict
    boxes, at most 2,000 words of prose, included source of at most about 40 lines."""
    metrics = _page_metrics()
    page = browser.new_page(viewport={"width": metrics.WIDTH, "height": metrics.HEIGHT})
    page.goto(f"{server}/{path}", wait_until="load")
    m = page.evaluate(metrics.MEASURE)
    page.close()
    if path not in ("bn-in-practice/",):  # a checklist: no figure of its own
        assert m["figure"] is not None and m["figure"] < 1.0, m
    assert m["boxes"] <= 3 and m["words"] <= MAX_WORDS, m
    # included source shows the part about BN; a runnable script is shown whole
    assert m["longest_source"] <= MAX_SOURCE and m["longest"] <= MAX_SCRIPT, m
