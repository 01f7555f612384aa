"""What the site shows: which result each page reads, figures, tables, provenance text (verdicts:
`bnviz.site.verdicts`)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from bnviz.errors import BnvizError
from bnviz.results import Result, load_for_site


def figure_html(name: str, page_path: str, figures_dir: Path, lazy: bool = True) -> str:
    """The figure in both palettes (mkdocs-material shows the one matching the toggle), each
    image with its width and height (no layout shift), an alt text stating what it shows with
    its numbers, and a link to itself that `docs/javascripts/site.js` opens enlarged. `lazy`:
    loaded only when scrolled near (below the fold); a hidden palette's lazy image is never
    loaded. Under the figure its short caption (what is plotted); under that, collapsed, how it
    was made: the long caption, the run it was drawn from, and how to reproduce that run."""
    from bnviz import figures
    from bnviz.figures.alttext import plain

    if name not in figures.FIGURES:
        raise BnvizError(f"unknown figure {name!r}; known: {', '.join(figures.FIGURES)}")
    spec = figures.FIGURES[name]
    result = load_for_site(spec.experiment) if spec.experiment else None
    up = "../" * page_path.count("/")
    alt = plain(spec.alt(result))  # inside ![...]: no brackets or double quotes
    loading = ' loading="lazy"' if lazy else ""
    images = []
    for theme, path in zip(figures.THEMES, figures.figure_paths(spec, figures_dir), strict=False):
        width, height = figures.display_size(path)
        if not spec.themed:  # a diagram, shown narrower than the column
            width, height = NARROW, round(height * NARROW / width)
        src = f"{up}figures/{path.name}" + (f"#only-{theme}" if spec.themed else "")
        attrs = f'width="{width}" height="{height}"{loading} decoding="async"'
        images.append(f'[![{alt}]({src}){{ {attrs} }}]({src}){{ .bnviz-zoom title="Enlarge" }}')
    caption = f"<figcaption>{spec.summary(result)}</figcaption>"
    images = "\n".join(images)
    figure = f'<figure markdown="span" id="fig-{name}">\n{images}\n{caption}\n</figure>'
    if result is None:
        source = (
            f"Drawn from code alone (`{spec.module}`) when the site was built; no training run "
            "is involved."
        )
    else:
        p = result.provenance
        commit = (p["git_commit"] or "none")[:10]
        commit += " + uncommitted changes" if p.get("git_dirty") else ""
        run = f"bnviz run {result.experiment} --profile {result.profile}"
        source = (
            f"Drawn from the {result.profile} profile of `{result.experiment}`, run at commit "
            f"`{commit}` (code hash `{p['code_hash']}`). Reproduce it with `{run}`."
        )
    about = (
        '<details class="bnviz-figure-about" markdown="1">\n'
        "<summary>How this figure was made</summary>\n\n"
        f"{spec.caption(result)}\n\n{source}\n\n</details>"
    )
    return f"{figure}\n\n{about}"


NARROW = 420  # CSS pixels: the width of figures that are not themed (diagrams)


TABLES = (
    "judging_example",
    "claim_outcomes",
    "seed_blocks",
    "cnn_timeline",
    "wu_he_fig1",
    "ioffe_findings",
    "ioffe_lr",
    "santurkar_findings",
    "models",
)


def table_markdown(name: str) -> str:
    from bnviz.site import tables
    from bnviz.site.verdicts import (
        claim_outcomes_table,
        judging_example_table,
        seed_blocks_table,
    )

    functions = dict(
        zip(
            TABLES,
            (
                judging_example_table,
                claim_outcomes_table,
                seed_blocks_table,
                tables.timeline_table,
                tables.wu_he_table,
                tables.ioffe_table,
                tables.ioffe_lr_table,
                tables.santurkar_table,
                tables.models_table,
            ),
            strict=True,
        )
    )
    if name not in functions:
        raise BnvizError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    return functions[name]()


def text_block(key: str) -> str:
    """A text the experiment captured (e.g. `model.summary()`), as a code block."""
    experiment, _, field = key.partition(".")
    result = load_for_site(experiment)
    if field not in result.payload or not isinstance(result.payload[field], str):
        raise BnvizError(f"result {experiment} has no captured text {field!r}")
    return f"``` text\n{result.payload[field]}\n```"


def _setting_key(key: str) -> tuple[str, str, str]:
    """`EXPERIMENT.PROFILE.FIELD[.FIELD...]` -> (experiment, profile, field path)."""
    parts = key.split(".", 2)
    if len(parts) < 3:
        raise BnvizError(f"setting {key}: write EXPERIMENT.PROFILE.FIELD")
    return parts[0], parts[1], parts[2]


def setting_text(key: str) -> str:
    """A setting of a profile's spec, e.g. `training_curves.full.train.epochs`: read from the
    spec, so a page's sentence about a run not shown (the `full` profile) follows its code.
    A last part `count` gives the length of a tuple (`seeds.count`); tuples render as lists."""
    from bnviz.experiments import spec_for

    name, profile, path = _setting_key(key)
    value = spec_for(name, profile)
    for part in path.split("."):
        if part == "count" and isinstance(value, tuple):
            value = len(value)
        elif hasattr(value, part):
            value = getattr(value, part)
        else:
            raise BnvizError(f"setting {key}: the {profile} spec of {name} has no {part!r}")
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def setting_html(key: str) -> str:
    """`setting_text` in a span that says where it comes from."""
    name, profile, path = _setting_key(key)
    title = escape(f"setting of the {profile} profile: {name}.{path}")
    return (
        f'<span class="bnviz-setting" data-setting="{key}" title="{title}">'
        f"{escape(setting_text(key), quote=False)}</span>"
    )


def value_html(name: str) -> str:
    """A measured number in prose, from the result on display; the span lets tests find it."""
    from bnviz import values

    value = values.get(name)
    result = load_for_site(value.experiment)
    what = value.what.replace("`", "")  # Markdown would turn `x` into <code> inside the title
    title = escape(f"{what} — measured, {result.profile} profile ({value.experiment})")
    return (
        f'<span class="bnviz-value" data-value="{name}" title="{title}">'
        f"{escape(value.render(result), quote=False)}</span>"
    )


def provenance_box(result: Result) -> str:
    """A collapsed admonition saying exactly what produced the figures of a page."""
    p, d = result.provenance, result.data
    hw = p["hardware"]
    device = ", ".join(hw["gpus"]) or f"CPU only ({hw['cpu']}, {hw['cpu_count']} cores)"
    v = p["versions"]
    state = (
        "**stale** — the code changed since this run; re-run it"
        if result.stale
        else "current (code hash matches)"
    )
    commit = (p["git_commit"] or "none")[:10] + (" + uncommitted changes" if p["git_dirty"] else "")
    lines = [
        f'??? info "Provenance: `{result.experiment}`, {result.profile} profile"',
        f"    - **Data**: {d['name']} — {d['source']}; {d['n_train']:,} train / "
        f"{d['n_val']:,} validation / {d['n_test']:,} test samples"
        + (f" ({d['split']})" if d.get("split") else ""),
        f"    - **Seeds**: {', '.join(map(str, result.spec['seeds']))}",
        f"    - **Run**: {p['wall_time_s']:.0f} s wall time on {device}, {p['created']}",
        f"    - **Versions**: TensorFlow {v['tensorflow']}, Keras {v['keras']}, "
        f"NumPy {v['numpy']}, Python {v['python']}",
        f"    - **Code**: commit `{commit}`, hash `{p['code_hash']}` — {state}",
        f"    - **Reproduce**: `bnviz run {result.experiment} --profile {result.profile}`",
    ]
    return "\n".join(lines)
