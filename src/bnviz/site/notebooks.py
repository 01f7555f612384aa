"""Every chapter as a notebook: its prose as Markdown cells, its `python` blocks (with `--8<--`
includes expanded) as code cells — the same code the tests execute.

The notebooks are committed under `notebooks/` (`bnviz notebooks` writes them, a test checks
they are current) so that "Open in Colab" can open them from the repository; their first code
cell installs `bnviz` from the release tag of the package's version when it is missing (as on
Colab). What makes them read well outside the site — admonitions as Markdown, the site's figures
attached as images, the note on the data — is in `bnviz.site.notebook_cells`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import markdown
import nbformat

FENCE = re.compile(r"^```python\n(.*?)^```\n", re.M | re.S)
COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
MARKER = re.compile(r"<!--\s*(\w+):\s*([\w.-]+)\s*-->")
# a script's `if __name__ == "__main__": main()`: in a notebook __name__ is "__main__" too, so
# the guard would run main() and the page's next block (`result = main()`) would run it again
MAIN_GUARD = re.compile(r'\n+if __name__ == "__main__":\n    main\(\)\n*$')
MAIN_CALL = re.compile(r"^(\w+ = )?main\(\)$", re.M)  # a later block calling it
PAGE_LINK = re.compile(r"\]\(([a-z0-9-]+)\.md(#[^)]*)?\)")  # a link to another chapter
ANCHOR_LINK = re.compile(r"\]\((#[^)\s]+)\)")  # a link within the page (a verdict, a section)
NOTEBOOKS_DIR = "notebooks"  # in the repository, beside docs/
FIGURES_NOTE = (
    " Where the page shows a figure, so does the notebook: the site's figure of the committed "
    "run, labelled as such — stored in the notebook, not an output of its cells (running the "
    "code draws a figure from your own run)."
)
SETUP = """\
This notebook is generated from the chapter page [{title}]({page_url}) of *Batch Normalization, \
Visualized*: its prose and every Python block, in order.{figures}

**Install.** The first code cell installs `bnviz` {version} — the release tag `v{version}` of \
[the repository]({repository}) — when it is missing (as on Colab): \
`pip install "bnviz @ git+{repository}@v{version}"`. To run the code of a clone instead (your \
own changes, or a later version), run `pip install -e .` in the clone and start Jupyter from \
its environment: the cell then installs nothing.

**Profile.** The code runs the **quick** profile, the settings of the figures on the site; set \
the environment variable `BNVIZ_PROFILE=smoke` before starting Jupyter for a seconds-long check.

**Data.** {data}"""
INSTALL = """\
import importlib.util
import subprocess
import sys

PACKAGE = "bnviz @ git+{repository}@v{version}"  # release tag v{version}

if importlib.util.find_spec("bnviz") is None:  # e.g. on Colab: install the package first
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", PACKAGE])
else:  # already installed, e.g. `pip install -e .` in a clone
    from importlib.metadata import version

    if version("bnviz") != "{version}":
        print(f"bnviz {{version('bnviz')}} is installed; this notebook is from {version}")"""


def project_url(root: Path, kind: str = "Repository") -> str:
    """The project's repository or documentation URL, from `[project.urls]` in pyproject.toml."""
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    return project["urls"][kind]


def project_version(root: Path) -> str:
    """`project.version` in pyproject.toml: the notebooks install its release tag `v{version}`
    (the commit they are generated from does not exist yet when they are generated)."""
    return tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]


def expand_snippets(text: str, root: Path) -> str:
    """Expand `--8<--` includes with pymdownx.snippets' own preprocessor (missing files fail)."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(root)], "check_paths": True}},
    )
    return "\n".join(md.preprocessors["snippet"].run(text.splitlines())) + "\n"


def _measured(match: re.Match) -> str:
    """A value, setting or outcome marker as the text the page shows (from the result on
    display); the other markers (figures, boxes, tables) are left out: the notebook's code
    draws its own."""
    from bnviz import values
    from bnviz.results import load_for_site
    from bnviz.site.measured import setting_text
    from bnviz.site.verdicts import outcome_text

    kind, key = match.groups()
    if kind == "setting":
        return setting_text(key)
    if kind == "value":
        value = values.get(key)
        return value.render(load_for_site(value.experiment))
    if kind == "outcome":
        return outcome_text(key)[0]
    return ""


def _title(text: str, page: Path) -> str:
    heading = re.search(r"^# (.+)$", text, re.M)
    return heading.group(1).strip() if heading else page.stem


def chapter_notebook(page: Path, root: Path) -> nbformat.NotebookNode | None:
    """The notebook of a chapter page, or None when the page has no Python code. The images of
    its figures are taken from the committed notebook when their stamps match, else drawn."""
    from bnviz.site.notebook_cells import FIGURE, data_note, figure_cell, stored_figures
    from bnviz.site.notebook_markdown import jupyter_markdown

    text = expand_snippets(page.read_text(), root)
    if not FENCE.search(text):
        return None
    site, repository = project_url(root, "Documentation"), project_url(root)
    version = project_version(root)
    stored = stored_figures(root / NOTEBOOKS_DIR / f"{page.stem}.ipynb")
    cells = [
        nbformat.v4.new_markdown_cell(""),  # the setup text, once the code is known
        nbformat.v4.new_code_cell(INSTALL.format(repository=repository, version=version)),
        nbformat.v4.new_code_cell("%matplotlib inline"),
    ]

    def prose_of(part: str) -> str:  # without markers; links to chapters and anchors: the site
        part = jupyter_markdown(COMMENT.sub("", MARKER.sub(_measured, part))).strip()
        part = ANCHOR_LINK.sub(lambda m: f"]({site}{page.stem}/{m.group(1)})", part)
        return PAGE_LINK.sub(lambda m: f"]({site}{m.group(1)}/{m.group(2) or ''})", part)

    def add_prose(part: str) -> None:  # a figure marker: the figure's cell, where it stands
        pieces = FIGURE.split(part)
        for n, piece in enumerate(pieces):
            if n % 2:
                cells.append(figure_cell(piece, stored))
            elif prose := prose_of(piece):
                cells.append(nbformat.v4.new_markdown_cell(prose))

    position = 0
    for match in FENCE.finditer(text):
        add_prose(text[position : match.start()])
        cells.append(nbformat.v4.new_code_cell(match.group(1).rstrip("\n")))
        position = match.end()
    add_prose(text[position:])
    code = [c for c in cells if c.cell_type == "code"]
    for n, cell in enumerate(code):
        if any(MAIN_CALL.search(later.source) for later in code[n + 1 :]):
            cell.source = MAIN_GUARD.sub("\n", cell.source).rstrip("\n")
    cells[0].source = SETUP.format(
        title=_title(text, page),
        page_url=f"{site}{page.stem}/",
        figures=FIGURES_NOTE if FIGURE.search(text) else "",
        repository=repository,
        version=version,
        data=data_note(text, "\n".join(c.source for c in code[2:])),
    )
    for number, cell in enumerate(cells):  # stable ids: regenerating changes nothing
        cell["id"] = f"{page.stem}-{number}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["colab"] = {"name": f"{page.stem}.ipynb"}
    return notebook


def chapter_notebooks(root: Path) -> dict[str, str]:
    """Every chapter's notebook as the text `bnviz notebooks` writes, by file name."""
    out = {}
    for page in sorted((root / "docs").glob("*.md")):
        notebook = chapter_notebook(page, root)
        if notebook is not None:
            out[f"{page.stem}.ipynb"] = nbformat.writes(notebook) + "\n"
    return out


def stale_notebooks(root: Path) -> list[str]:
    """Committed notebooks that differ from their pages, are missing, or have no page."""
    wanted = chapter_notebooks(root)
    folder = root / NOTEBOOKS_DIR
    have = {p.name for p in folder.glob("*.ipynb")} if folder.is_dir() else set()
    changed = [n for n, t in wanted.items() if n not in have or (folder / n).read_text() != t]
    return sorted(changed + sorted(have - set(wanted)))


def write_notebooks(root: Path) -> list[str]:
    """Write every chapter notebook into `notebooks/` and remove those with no page."""
    folder = root / NOTEBOOKS_DIR
    folder.mkdir(exist_ok=True)
    wanted = chapter_notebooks(root)
    for path in folder.glob("*.ipynb"):
        if path.name not in wanted:
            path.unlink()
    for name, text in wanted.items():
        (folder / name).write_text(text)
    return sorted(wanted)


def colab_url(root: Path, stem: str, branch: str = "main") -> str:
    """Colab's address for a committed chapter notebook (Colab opens GitHub paths)."""
    repo = project_url(root).removeprefix("https://github.com/").strip("/")
    return f"https://colab.research.google.com/github/{repo}/blob/{branch}/{NOTEBOOKS_DIR}/{stem}.ipynb"


def laptop_time(markdown_text: str) -> str:
    """How long the page's code takes on a 2-core CPU: the quick runs behind its figures (the
    page's provenance markers), as measured when they were made."""
    from bnviz import results

    names = sorted(set(re.findall(r"<!--\s*provenance:\s*(\w+)\s*-->", markdown_text)))
    if not names:
        return "seconds (it trains nothing long)"
    seconds = sum(results.load(n, "quick").provenance["wall_time_s"] for n in names)
    return (
        f"about {max(1, round(seconds / 60))} min on a 2-core CPU with the quick profile "
        f"(the measured time of the run{'s' if len(names) > 1 else ''} behind its figures)"
    )


def run_box_html(markdown_text: str, stem: str, root: Path, branch: str = "main") -> str:
    """The "Run it yourself" box at the top of a chapter with code."""
    release = f"v{project_version(root)}"  # the release these pages were built for
    install = f'pip install "bnviz @ git+{project_url(root)}@{release}"'
    return (
        '<details class="info bnviz-run"><summary>Run it yourself</summary>'
        f"<p><code>{install}</code> (Python 3.11–3.13), then run the code blocks in order, or "
        f"open the chapter as a notebook. The code takes {laptop_time(markdown_text)}; "
        "<code>BNVIZ_PROFILE=smoke</code> makes it a seconds-long check.</p>"
        '<p class="bnviz-downloads">'
        f'<a class="md-button md-button--primary" href="{stem}.ipynb" download>'
        "Download notebook (.ipynb)</a> "
        f'<a class="md-button" href="{colab_url(root, stem, branch)}">Open in Colab</a></p>'
        "</details>"
    )
