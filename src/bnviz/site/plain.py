"""What `bnviz pages` adds so that a generator without the site's hooks shows what the MkDocs
site shows: a hook-free `mkdocs.yml`, each chapter's "Run it yourself" box and notebook, the
notebook pages as Markdown with their downloads, and the source links (see `bnviz.site.pages`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bnviz.site.math import FENCE, markdown_math

# mkdocs.yml entries only the site's hooks and plugins read; and edit_uri: an expanded page is
# not the file in the repository that an "edit this page" link would open
HOOK_ONLY = ("hooks", "watch", "edit_uri")
EXPANDED = ("pymdownx.arithmatex", "pymdownx.snippets")  # done by `bnviz pages` itself
H2 = re.compile(r"^## ", re.M)


def _env(loader, node):
    """mkdocs' `!ENV NAME` or `!ENV [NAME, ..., default]`, read now."""
    import yaml

    if isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    else:
        names, default = [loader.construct_scalar(node)], None
    return next((os.environ[n] for n in names if os.environ.get(n)), default)


def plain_config(root: Path) -> str:
    """The project's mkdocs.yml without hooks, plugins other than search, and the extensions
    whose work the expanded pages already hold; environment values resolved. MkDocs and
    Zensical both read it."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", _env)
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader)
    for key in HOOK_ONLY:
        config.pop(key, None)
    config = {k: v for k, v in config.items() if v is not None}  # e.g. no repo_url locally
    config["docs_dir"] = "docs"
    config["plugins"] = ["search"]
    config["markdown_extensions"] = [
        e
        for e in config["markdown_extensions"]
        if (e if isinstance(e, str) else next(iter(e))) not in EXPANDED
    ] + ["tables"]
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)


def with_run_box(markdown: str, box: str) -> str:
    """The box inserted where the hook puts it: before the first section (`## `) that is not
    inside fenced code, or at the end."""
    fences = [m.span() for m in FENCE.finditer(markdown)]
    for match in H2.finditer(markdown):
        if not any(a <= match.start() < b for a, b in fences):
            at = match.start()
            return f"{markdown[:at]}{box}\n\n{markdown[at:]}"
    return f"{markdown}\n\n{box}\n"


def downloads_html(ipynb: str, script: str) -> str:
    """A notebook page's download buttons, as the hook writes them."""
    return (
        '<p class="bnviz-downloads">'
        f'<a class="md-button md-button--primary" href="{ipynb}" download>'
        "Download notebook (.ipynb)</a> "
        f'<a class="md-button" href="{script}" download>Download as a Python script</a></p>'
    )


def notebook_page(script: Path) -> str:
    """A notebook page (a jupytext script under docs/notebooks/) as Markdown: its download
    buttons, then its cells in order, code as Python blocks."""
    import jupytext

    notebook = jupytext.read(script)
    stem = script.stem
    parts = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(markdown_math(cell.source))
        elif cell.cell_type == "code":
            code = "\n".join(line for line in cell.source.splitlines() if not line.startswith("%"))
            parts.append(f"```python\n{code.strip()}\n```")
    text = "\n\n".join(parts)
    buttons = downloads_html(f"{stem}.ipynb", f"{stem}.py")  # beside the page's URL
    title, newline, rest = text.partition("\n")
    if title.startswith("# "):  # under the notebook's title
        return f"{title}\n\n{buttons}\n{newline}{rest}\n"
    return f"{buttons}\n\n{text}\n"
