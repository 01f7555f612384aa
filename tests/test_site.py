"""The site builds strictly from committed results, and a stale result fails the build."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest


def _python(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m ARGS` in `cwd`, as a reader would run it; output captured."""
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def test_strict_build_shows_figures_verdicts_provenance(built_site):
    page = (built_site / "training-curves" / "index.html").read_text()
    assert 'src="../figures/training_curves-light.svg#only-light"' in page
    assert "figcaption" in page and "5 seeds" in page and "min–max" in page
    # under each figure, collapsed: how it was made (long caption, run, commit, reproduce)
    assert page.count('<details class="bnviz-figure-about">') == page.count('id="fig-') > 0
    assert "How this figure was made" in page and "bnviz run training_curves" in page
    assert "by our measurement" in page and "judging/" in page
    assert "Provenance" in page and "code hash matches" in page
    assert (built_site / "figures" / "training_curves-dark.svg").exists()
    notebook_dir = built_site / "notebooks" / "training_curves"
    assert (notebook_dir / "training_curves.py").exists()
    notebook = json.loads((notebook_dir / "training_curves.ipynb").read_text())
    assert notebook["nbformat"] == 4 and len(notebook["cells"]) >= 8
    assert 'href="training_curves.ipynb" download' in (notebook_dir / "index.html").read_text()
    assert "fonts.googleapis.com" not in page


def test_every_chapter_has_figures_verdicts_and_a_notebook(built_site, root):
    for page in sorted((root / "docs").glob("*.md")):
        if page.stem in (
            "index",
            "references",
            "judging",
            "how-it-is-made",
            "cnn-evolution",  # figures drawn from code: timeline and model diagram
            "glossary",
            "bn-in-practice",
        ):
            continue  # no experiment of their own: they link to the chapters' figures
        html = (built_site / page.stem / "index.html").read_text()
        assert "<figure" in html and "figcaption" in html, page.name
        assert "bnviz-verdicts" in html, f"{page.name} shows no verdict table"
        notebook = json.loads((built_site / page.stem / f"{page.stem}.ipynb").read_text())
        assert any(c["cell_type"] == "code" for c in notebook["cells"])
        assert f'href="{page.stem}.ipynb" download' in html
        assert "fonts.googleapis.com" not in html  # theme.font: false, nothing external


def test_run_it_yourself_boxes_link_to_committed_notebooks(built_site, root):
    """Every chapter with code has a "Run it yourself" box whose Colab link opens a notebook
    committed in the repository, the one made from that chapter."""
    colab = re.compile(
        r'href="https://colab\.research\.google\.com/github/[^/]+/[^/]+/blob/[^/]+/([^"]+)"'
    )
    boxes = 0
    for page in sorted((root / "docs").glob("*.md")):
        built = built_site / ("" if page.stem == "index" else page.stem) / "index.html"
        html = built.read_text()
        has_code = "```python" in page.read_text()
        assert ("bnviz-run" in html) == has_code, page.name
        links = colab.findall(html)
        assert links == ([f"notebooks/{page.stem}.ipynb"] if has_code else []), page.name
        for path in links:
            assert (root / path).is_file(), path
        boxes += has_code
    assert boxes >= 10


# figures drawn from results (an explorable figure is a <figure> too, but draws SVG in the page)
FIGURE_IMG = re.compile(r"<figure(?![^>]*bnviz-explore)[^>]*>.*?</figure>", re.S)


def test_figures_have_a_size_load_lazily_and_link_to_themselves(built_site, root):
    """Every figure image has width and height (no layout shift while it loads), sits in a link
    to its own file (zoomed by site.js), and loads lazily unless it is near the top of its page;
    figures of photos and pixel maps are WebP, not SVG with embedded PNG."""
    from bnviz import figures

    raster = {name for name, spec in figures.FIGURES.items() if spec.raster}
    assert {"stylized", "feature_maps"} <= raster
    seen = 0
    for page in sorted(built_site.rglob("index.html")):
        html = page.read_text()
        for n, figure in enumerate(FIGURE_IMG.findall(html)):
            images = re.findall(r"<img [^>]*>", figure)
            links = re.findall(r'<a class="bnviz-zoom" href="([^"]+)"[^>]*><img [^>]*></a>', figure)
            assert images and len(links) == len(images), figure[:300]
            for img, href in zip(images, links, strict=True):
                src = re.search(r'src="([^"]+)"', img)[1]
                assert href == src, (page, img)
                assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img), img
                later = n > 0 or "-dark." in src  # later figures, and a headline's dark image
                assert later == ('loading="lazy"' in img), (page, img)
                name = re.search(r"figures/(\w+?)(?:-light|-dark)?\.(svg|webp)", src)
                assert name and (name[2] == "webp") == (name[1] in raster), src
                seen += 1
    assert seen > 40
    page = (built_site / "training-curves" / "index.html").read_text()
    assert 'loading="lazy" src="../figures/depth-dark.svg#only-dark"' in page
    headline = re.search(r'<img [^>]*src="../figures/training_curves-light.svg[^>]*>', page)[0]
    assert 'loading="lazy"' not in headline  # a chapter's first figure: in its first screen
    assert 'fetchpriority="high"' in headline  # light first; the palette not shown waits
    assert 'loading="lazy" src="../figures/training_curves-dark.svg#only-dark"' in page


def test_every_page_names_the_search_dialog_and_loads_the_site_assets(built_site):
    for page in sorted(built_site.rglob("index.html")):
        html = page.read_text()
        if 'data-md-component="search"' not in html:
            continue
        assert 'data-md-component="search" role="dialog" aria-label="Search"' in html, page
        assert "stylesheets/site.css" in html and "javascripts/site.js" in html, page


def test_stale_result_fails_the_strict_build(project_copy, tmp_path):
    path = project_copy / "results" / "training_curves" / "quick.json"
    record = json.loads(path.read_text())
    record["provenance"]["code_hash"] = "0" * 16
    path.write_text(json.dumps(record))
    proc = _python("mkdocs", "build", "--strict", "-d", str(tmp_path / "out"), cwd=project_copy)
    assert proc.returncode != 0
    assert "training_curves (quick) is stale" in proc.stderr


def test_every_reference_is_cited_on_the_pages_it_lists(root):
    import re

    table = (root / "docs" / "references.md").read_text()
    rows = [line for line in table.splitlines() if line.startswith("| ") and "arxiv.org" in line]
    assert len(rows) >= 10
    for row in rows:
        arxiv = re.search(r"arxiv\.org/abs/([\d.]+)", row).group(1)
        for page in re.findall(r"\]\(([\w-]+\.md)\)", row.split("|")[2]):
            text = (root / "docs" / page).read_text()
            assert arxiv in text or arxiv in _included(root, text), f"{page} does not cite {arxiv}"


def _included(root, text: str) -> str:
    """The text of files a page pulls in (figures' data modules cite papers too)."""
    return (root / "src" / "bnviz" / "literature.py").read_text() if "cnn_timeline" in text else ""


def test_judging_page_works_an_example_and_lists_every_claim(built_site):
    from bnviz import claims

    html = (built_site / "judging" / "index.html").read_text()
    assert "paired differences d" in html and "95 % interval" in html
    for claim_id in claims.all_claims():
        assert f"<code>{claim_id}</code>" in html


def test_source_links_point_every_included_file_at_the_repository():
    from bnviz.site.pages import source_links

    page = (
        '``` py title="x"\n--8<-- "src/bnviz/experiments/lr_sweep.py:code"\n```\n'
        '```python\n--8<-- "snippets/benefits/lr_sweep.py"\n```\n'
        '--8<-- "src/bnviz/experiments/lr_sweep.py:other"\n'
    )
    links = source_links(page, "https://github.com/o/r/", "main")
    assert links.count("](https://github.com/o/r/blob/main/") == 2
    assert "/blob/main/src/bnviz/experiments/lr_sweep.py)" in links
    assert "/blob/main/snippets/benefits/lr_sweep.py)" in links
    assert source_links(page, None) == "" and source_links("no code", "https://x") == ""


def test_the_sitemap_uses_the_site_url(built_site):
    sitemap = (built_site / "sitemap.xml").read_text()
    assert "<loc>http://127.0.0.1:8000/inference/</loc>" in sitemap


def reader_counts(page_html: str) -> dict[str, int]:
    """What a reader sees in a page's article: figures, explorable figures, formulas, verdict
    rows and boxes, run boxes, downloads and links (left out: headings' permalinks, and the
    theme's edit and view-source buttons, which the expanded pages' config leaves out)."""
    article = re.search(r"<article[^>]*>(.*)</article>", page_html, re.S)
    body = article.group(1) if article else page_html
    links = re.findall(r"<a\b[^>]*\bhref=\"([^\"]*)\"[^>]*>", body)
    permalinks = len(re.findall(r'<a\b[^>]*class="(?:headerlink|md-content__button)', body))
    return {
        "figures": body.count('id="fig-'),
        "explorables": body.count('id="explore-'),
        "formulas": body.count("<math"),
        "verdict rows": body.count('id="verdict-'),
        "outcomes": body.count('class="bnviz-outcome '),
        "boxes": body.count('class="admonition'),
        "run boxes": body.count("bnviz-run"),
        "downloads": body.count(" download>"),
        "links": len(links) - permalinks,
    }


def _page_html(site: Path, page: str) -> str:
    return (site / ("" if page == "index" else page) / "index.html").read_text()


@pytest.mark.slow
def test_expanded_pages_show_what_the_site_shows_under_mkdocs_and_zensical(
    root, tmp_path, built_site
):
    """`bnviz pages --out DIR` writes Markdown and HTML with a hook-free mkdocs.yml beside it:
    built with plain MkDocs (no hooks, no snippets, no arithmatex) and with
    Zensical, every page shows the same figures, formulas, verdicts, run boxes, downloads and
    links as the MkDocs site, counted page by page. (`built_site`: after the session's build,
    which draws the same figures into `docs/figures`.)"""
    out = tmp_path / "pages"
    proc = _python("bnviz.cli", "pages", "--out", str(out), cwd=root)
    assert proc.returncode == 0, proc.stderr
    config = (out / "mkdocs.yml").read_text()
    assert "hooks" not in config and "arithmatex" not in config and "snippets" not in config
    expanded = "".join(p.read_text() for p in (out / "docs").rglob("*.md"))
    for marker in ("<!-- claim:", "<!-- figure:", "<!-- verdicts:", "--8<--", "$$"):
        assert marker not in expanded
    data = re.findall(r"\]\(((?:\.\./)*figures/explore/[\w-]+\.json)\)", expanded)
    assert data and all((out / "docs" / d.lstrip("./")).exists() for d in data), data
    plain = _python("mkdocs", "build", "-q", "--strict", "-d", str(tmp_path / "mk"), cwd=out)
    assert plain.returncode == 0, plain.stderr
    zensical = Path(sys.executable).parent / "zensical"
    zen = subprocess.run(
        [str(zensical), "build"], cwd=out, capture_output=True, text=True, timeout=600
    )
    assert zen.returncode == 0, zen.stdout + zen.stderr
    pages = [p.stem for p in (root / "docs").glob("*.md")] + ["notebooks/training_curves"]
    for page in pages:
        site = reader_counts(_page_html(built_site, page))
        assert site == reader_counts(_page_html(tmp_path / "mk", page)), f"mkdocs: {page}"
        assert site == reader_counts(_page_html(out / "site", page)), f"zensical: {page}"
    total = reader_counts("".join(_page_html(built_site, p) for p in pages))
    assert total["figures"] > 20 and total["formulas"] > 100 and total["run boxes"] >= 10
    for notebook in (
        "training-curves/training-curves.ipynb",
        "notebooks/training_curves/training_curves.ipynb",
        "notebooks/training_curves/training_curves.py",
    ):
        assert (tmp_path / "mk" / notebook).is_file() and (out / "site" / notebook).is_file()


def test_pages_refuses_a_directory_it_did_not_write(root, tmp_path):
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine")
    proc = _python("bnviz.cli", "pages", "--out", str(keep), cwd=root)
    assert proc.returncode == 2 and "was not written by `bnviz pages`" in proc.stderr
    assert (keep / "notes.txt").read_text() == "mine"


def test_outcome_marker_renders_the_claims_outcome_and_warns_when_it_changed(monkeypatch):
    """`<!-- outcome: ID -->` writes the outcome of the result on display, and a page whose
    prose expects another outcome gets a warning (and fails the strict build)."""
    from dataclasses import replace

    from bnviz import claims
    from bnviz.results import load_for_site
    from bnviz.site.pages import expand_markers

    claim = claims.get("curves-bn-final-higher")
    outcome = claim.check(load_for_site(claim.experiment)).outcome
    warnings = []
    figures = Path(__file__).resolve().parents[1] / "docs" / "figures"
    text = expand_markers(
        "<!-- outcome: curves-bn-final-higher -->", "x.md", warnings.append, figures
    )
    assert text == f"*{outcome}*" and not warnings
    other = "contradicted" if outcome != "contradicted" else "supported"
    monkeypatch.setitem(claims.all_claims(), claim.id, replace(claim, expected=other))
    expand_markers("<!-- outcome: curves-bn-final-higher -->", "x.md", warnings.append, figures)
    assert warnings and "changed outcome" in warnings[0]


def test_a_seed_dependent_outcome_names_what_was_repeated(monkeypatch):
    """A `fresh_seeds` claim reads as within noise in its box and its prose word; a timing
    claim's caveat names timing runs, a training claim's seeds."""
    from dataclasses import replace

    from bnviz import claims, judging
    from bnviz.results import load_for_site
    from bnviz.site.verdicts import outcome_text, verdict_box

    timing = claims.get("overhead-fused-train")
    assert timing.repeats == "timing runs"
    outcome = timing.check(load_for_site(timing.experiment)).outcome
    assert outcome in (judging.SUPPORTED, judging.CONTRADICTED)  # the caveat applies
    timing = replace(timing, fresh_seeds="an earlier session's timings differed")
    monkeypatch.setitem(claims.all_claims(), timing.id, timing)
    box, _ = verdict_box(timing.id)
    word, _ = outcome_text(timing.id)
    assert "with these timing runs only" in box and "seeds" not in box.split("\n")[0]
    assert "**Fresh timing runs:**" in box
    assert word.endswith("with these timing runs only (read as within noise)*")
    training = next(
        c
        for c in claims.all_claims().values()
        if c.repeats == "seeds"
        and c.check(load_for_site(c.experiment)).outcome == judging.SUPPORTED
    )
    forced = replace(training, fresh_seeds="an earlier run differed")
    monkeypatch.setitem(claims.all_claims(), training.id, forced)
    box, _ = verdict_box(training.id)
    word, _ = outcome_text(training.id)
    assert "Supported with these seeds only: read as within noise" in box
    assert "**Fresh seeds:** an earlier run differed" in box
    assert word == "*supported with these seeds only (read as within noise)*"


def test_setting_marker_reads_the_spec_and_a_wrong_one_warns(root, monkeypatch):
    """`<!-- setting: EXPERIMENT.PROFILE.FIELD -->` writes the spec's value, so a sentence
    about the full profile follows its code; every setting on the pages resolves."""
    import dataclasses

    import bnviz.experiments
    from bnviz.site.pages import expand_markers

    figures, warnings = root / "docs" / "figures", []
    marker = "<!-- setting: training_curves.full.train.epochs --> epochs, "
    marker += "<!-- setting: training_curves.full.seeds.count --> seeds"
    full = bnviz.experiments.spec_for("training_curves", "full")
    train = dataclasses.replace(full.train, epochs=1234)
    changed = dataclasses.replace(full, train=train, seeds=(7, 8))
    monkeypatch.setattr(bnviz.experiments, "spec_for", lambda name, profile: changed)
    text = expand_markers(marker, "x.md", warnings.append, figures)
    assert ">1,234</span> epochs, " in text and ">2</span> seeds" in text and not warnings
    expand_markers("<!-- setting: training_curves.full.nope -->", "x.md", warnings.append, figures)
    assert warnings and "has no 'nope'" in warnings[0]
    expand_markers("<!-- setting: training_curves.full -->", "x.md", warnings.append, figures)
    assert len(warnings) == 2 and "EXPERIMENT.PROFILE.FIELD" in warnings[1]
    monkeypatch.undo()
    keys = re.findall(
        r"<!-- setting: ([\w.]+) -->", "".join(p.read_text() for p in (root / "docs").glob("*.md"))
    )
    assert len(keys) >= 10
    for key in keys:
        expand_markers(f"<!-- setting: {key} -->", "x.md", warnings.append, figures)
    assert len(warnings) == 2, warnings


# The learning path: one numbering, takeaways and exercises in every chapter, a glossary.

NAV_CHAPTER = re.compile(r"^\s+- (\d+)\. [^:]+: ([\w-]+\.md)$", re.M)
HOME_CHAPTER = re.compile(r"^(\d+)\. \[[^\]]+\]\(([\w-]+\.md)\)", re.M)
VALUE = re.compile(r"<!--\s*value:\s*[\w.-]+\s*-->")


def _chapters(root) -> dict[str, int]:
    """`page -> chapter number`, as the navigation numbers them."""
    nav = (root / "mkdocs.yml").read_text()
    return {page: int(number) for number, page in NAV_CHAPTER.findall(nav)}


def test_one_numbering_scheme_in_nav_home_page_and_links(root):
    chapters = _chapters(root)
    assert sorted(chapters.values()) == list(range(1, len(chapters) + 1))
    home = (root / "docs" / "index.md").read_text()
    assert {page: int(n) for n, page in HOME_CHAPTER.findall(home)} == chapters
    for page in (root / "docs").glob("*.md"):
        for number, target in re.findall(r"\[chapter (\d+)\]\(([\w-]+\.md)", page.read_text()):
            assert chapters.get(target) == int(number), f"{page.name}: chapter {number} -> {target}"


def test_every_chapter_has_takeaways_and_exercises(root):
    for page in _chapters(root):
        text = (root / "docs" / page).read_text()
        top = text.split("\n## ", 1)[0]
        assert '!!! abstract "Key takeaways"' in top, f"{page}: no takeaways at the top"
        box = top.split('!!! abstract "Key takeaways"', 1)[1].split("\n\n", 1)[0]
        assert 2 <= box.count("\n    - ") <= 4, f"{page}: takeaways need 2-4 bullets"
        typed = re.search(r"\d[\d.,]*\s*(%|points\b|pp\b)", VALUE.sub("", box))
        assert not typed, f"{page}: a typed measurement in the takeaways: {typed.group(0)}"
        assert "\n## Exercises\n" in text, f"{page}: no Exercises section"
        exercises = text.split("\n## Exercises\n", 1)[1]
        assert 2 <= exercises.count('??? note "Answer"') <= 3, f"{page}: 2-3 exercises with answers"


def test_glossary_terms_and_links_resolve(built_site, root):
    """Every glossary term links somewhere, and every link into or out of the glossary and the
    checklist lands on a page and an anchor that exist."""
    glossary = (root / "docs" / "glossary.md").read_text()
    terms = glossary.split("\n## ")[1:]
    assert len(terms) >= 20
    for term in terms:
        assert re.search(r"\]\([\w-]+\.md", term), f"glossary term without a link: {term[:40]}"
    links = set()
    for page in ("glossary", "bn-in-practice"):
        html = (built_site / page / "index.html").read_text()
        article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
        links |= set(re.findall(r'href="\.\./([\w-]*)/?(?:#([\w-]+))?"', article))
    for page in (root / "docs").glob("*.md"):
        links |= {("glossary", a) for a in re.findall(r"glossary\.md#([\w-]+)", page.read_text())}
    assert ("glossary", "precise-bn") in links
    for target, anchor in links:
        html = (built_site / target / "index.html") if target else (built_site / "index.html")
        assert html.exists(), f"link to a missing page: {target}"
        if anchor:
            assert f'id="{anchor}"' in html.read_text(), f"missing anchor {target}#{anchor}"


# The lesson first: plumbing on one page, findings on the landing page.

PLUMBING = (
    "src/bnviz/workers.py",
    "src/bnviz/experiments/training.py",
    "src/bnviz/train.py:train_variants",
    "src/bnviz/train.py:train_model",
)


def test_plumbing_is_shown_once_on_its_own_page(root):
    for page in (root / "docs").glob("*.md"):
        text = page.read_text()
        shown = [p for p in PLUMBING if f'--8<-- "{p}' in text]
        if page.name == "how-it-is-made.md":
            assert shown == list(PLUMBING)
        else:
            assert not shown, f"{page.name} shows plumbing: {shown}"


def test_the_landing_page_opens_with_findings_and_their_verdicts(built_site):
    html = (built_site / "index.html").read_text()
    findings = html.split('class="grid cards bnviz-findings"', 1)[1].split("</ul>", 1)[0]
    cards = findings.split("<li>")[1:]
    assert 6 <= len(cards) <= 8
    for card in cards:
        assert card.count("<img ") == 2 and 'class="bnviz-outcome' in card, card[:200]
        alt = re.search(r'alt="([^"]+)"', card).group(1)
        assert any(ch.isdigit() for ch in alt), alt  # the finding, with its numbers
        assert re.search(r'href="[\w-]+/(#[\w-]+)?"', card), card[:200]
    before = html.split('class="grid cards bnviz-findings"', 1)[0]
    assert "Staleness" not in before and "Profiles" not in before
