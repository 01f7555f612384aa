"""What the page markers for measured numbers, spec settings, captured texts and a run's
provenance become (`<!-- value: -->`, `<!-- setting: -->`, `<!-- text: -->`,
`<!-- provenance: -->`)."""

from __future__ import annotations

from html import escape

from bnviz.errors import BnvizError
from bnviz.results import Result, load_for_site


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
