"""Lighthouse scores of every page of the site, one run: build, serve on loopback, audit.

Builds the site strictly (or takes a built one with --site), serves it on 127.0.0.1, runs
Lighthouse (pinned in .ci/package.json; `bash .ci/setup` installs it into .ci/node_modules)
with Debian's Chromium and Lighthouse's mobile defaults over every page, and prints the four
category scores per page, the audits that cost points, and any request that left loopback.
Text files are served gzip-compressed, as GitHub Pages serves them (--plain: uncompressed).
Performance varies from run to run (more so on a busy machine): --runs N keeps the median
and prints the range of all runs.

    .venv/bin/python bench/lighthouse.py [--site DIR] [--pages PATH ...] [--runs N]
                                         [--json OUT] [--plain]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / ".ci" / "node_modules" / ".bin" / "lighthouse"
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb", ".py"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; text gzip-compressed when the browser accepts it, as GitHub Pages does."""

    gzip = True

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(out: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as paths relative to its root ('' is the home page)."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        if relative.startswith(("assets", "search", "figures")):
            continue
        pages.append("" if relative == "." else relative + "/")
    return pages


def audit(url: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ]
        env = {**os.environ, "CHROME_PATH": chrome}
        subprocess.run(cmd, env=env, check=True, timeout=300)
        return json.loads(report.read_text())


def losses(report: dict) -> list[str]:
    """Audits that count towards a category and did not score 1 (id, score, category)."""
    out = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                out.append(f"{name}: {ref['id']} ({result['score']:.2f})")
    return out


def lcp_element(report: dict) -> str:
    items = report["audits"].get("largest-contentful-paint-element", {}).get("details", {})
    for table in items.get("items", []):
        for item in table.get("items", []):
            if "node" in item:
                return item["node"].get("selector", "")
    return ""


def external_requests(report: dict, origin: str) -> list[str]:
    items = report["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    return [i["url"] for i in items if not i["url"].startswith((origin, "data:", "blob:"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--pages", nargs="*", help="paths to audit (default: every page)")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    parser.add_argument(
        "--runs", type=int, default=1, help="audits per page; the median by performance is kept"
    )
    parser.add_argument(
        "--plain", action="store_true", help="serve uncompressed (default: gzip, like Pages)"
    )
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not LIGHTHOUSE.exists():
        print("lighthouse: not installed; run `bash .ci/setup`", file=sys.stderr)
        return 1

    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            print(f"building the site into {site} ...", file=sys.stderr)
            build(site, origin + "/")
        _Handler.gzip = not args.plain
        handler = functools.partial(_Handler, directory=str(site))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        rows, details = [], {}
        try:
            for path in [p.lstrip("/") for p in args.pages] if args.pages else site_pages(site):
                print(f"auditing /{path} ...", file=sys.stderr)
                reports = [audit(f"{origin}/{path}", chrome) for _ in range(args.runs)]
                reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
                report = reports[len(reports) // 2]
                scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
                spread = [r["categories"]["performance"]["score"] or 0 for r in reports]
                rows.append((path, scores, spread))
                details[path] = {
                    "scores": scores,
                    "losses": losses(report),
                    "external": external_requests(report, origin),
                    "lcp_element": lcp_element(report),
                    "metrics_ms": {
                        k: round(report["audits"][k]["numericValue"])
                        for k in ("first-contentful-paint", "largest-contentful-paint")
                    },
                }
        finally:
            httpd.shutdown()

    # the median run's scores; with --runs > 1, the lowest and highest performance too: the
    # score moves by several hundredths between runs on a 2-core machine
    print(f"| page | {' | '.join(CATEGORIES)} | performance, all runs |")
    print("| --- |" + " ---: |" * (len(CATEGORIES) + 1))
    for path, scores, spread in rows:
        cells = " | ".join("—" if scores[c] is None else f"{scores[c]:.2f}" for c in CATEGORIES)
        print(f"| /{path} | {cells} | {min(spread):.2f}–{max(spread):.2f} |")
    print()
    for path, detail in details.items():
        for line in detail["losses"]:
            print(f"/{path}: {line}")
        for url in detail["external"]:
            print(f"/{path}: EXTERNAL REQUEST {url}")
    if args.json:
        args.json.write_text(json.dumps(details, indent=1))
    return 1 if any(d["external"] for d in details.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
