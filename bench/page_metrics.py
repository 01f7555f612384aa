"""How much a reader must read before the lesson, per page of a built site.

    python bench/page_metrics.py SITE_DIR

Opens every page of the built site in headless Chromium (Debian's, 1280x900) and prints:
prose words (the article's visible text without code, tables, math and collapsed blocks),
full verdict boxes, claims in verdict tables, where the first figure starts (in screens of
900 px from the top of the page), the longest code listing (lines), the longest listing
of included source (one with a file name above it; runnable blocks have none) and the
number of listings. Compare two builds by running it on each.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WIDTH, HEIGHT = 1280, 900

MEASURE = """() => {
  const article = document.querySelector("article");
  const copy = article.cloneNode(true);
  copy.querySelectorAll(
    "pre, table, math, .arithmatex, details:not([open]) > :not(summary), figure, "
    + ".bnviz-run, .headerlink, script, style"
  ).forEach(e => e.remove());
  // blocks off screen are skipped by `content-visibility: auto`: lay them all out
  copy.querySelectorAll("*").forEach(e => (e.style.contentVisibility = "visible"));
  document.body.appendChild(copy);
  copy.style.position = "absolute"; copy.style.left = "-99999px";
  const words = copy.innerText.split(/\\s+/).filter(w => /[A-Za-z0-9]/.test(w)).length;
  copy.remove();
  const fig = article.querySelector("figure img, figure svg, .bnviz-explore");
  const top = fig ? fig.getBoundingClientRect().top + window.scrollY : null;
  const lines = c => c.textContent.replace(/\\n$/, "").split("\\n").length;
  const listings = [...article.querySelectorAll("pre > code")].map(lines);
  // included source: a listing with a file name above it (runnable blocks have none)
  const source = [...article.querySelectorAll(".highlight:has(> .filename) pre > code")].map(
    lines);
  return {
    words,
    boxes: [...article.querySelectorAll(".admonition-title, details > summary")].filter(
      t => /by our measurement|^Measured: shown|^Check \\(true by construction/.test(
        t.textContent.trim())).length,
    rows: article.querySelectorAll(".bnviz-verdicts tbody tr").length,
    figure: top === null ? null : top / SCREEN,
    longest: listings.length ? Math.max(...listings) : 0,
    listings: listings.length,
    longest_source: source.length ? Math.max(...source) : 0,
  };
}""".replace("SCREEN", str(HEIGHT))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def pages(site: Path) -> list[str]:
    """Every page of the site as a URL path: `index.html` files, without the 404 page."""
    found = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith(("assets", "search")) or rel == "404":
            continue
        found.append("" if rel == "." else rel + "/")
    return found


def measure(site: Path) -> dict[str, dict]:
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    rows = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            for path in pages(site):
                page.goto(base + path, wait_until="load")
                rows[path or "index"] = page.evaluate(MEASURE)
            browser.close()
    finally:
        httpd.shutdown()
    return rows


def table(rows: dict[str, dict]) -> str:
    head = (
        "| page | prose words | full boxes | verdict-table rows | first figure at (screens) "
        "| longest listing (lines) | longest included source | listings |\n"
        "|---|--:|--:|--:|--:|--:|--:|--:|"
    )
    lines = [head]
    for path, r in rows.items():
        fig = "—" if r["figure"] is None else f"{r['figure']:.1f}"
        lines.append(
            f"| {path.rstrip('/')} | {r['words']:,} | {r['boxes']} | {r['rows']} | {fig} "
            f"| {r['longest']} | {r['longest_source']} | {r['listings']} |"
        )
    total_words = sum(r["words"] for r in rows.values())
    total_boxes = sum(r["boxes"] for r in rows.values())
    lines.append(f"| **{len(rows)} pages** | **{total_words:,}** | **{total_boxes}** | | | | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build -d SITE)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} is not a built site (no index.html)", file=sys.stderr)
        return 2
    print(table(measure(args.site)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
