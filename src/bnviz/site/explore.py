"""Explorable figures: a sweep's stored per-seed curves, one setting at a time.

`<!-- explore: NAME -->` becomes a figure whose controls (native range input and selects)
choose the swept setting, the network and the measure; `docs/javascripts/explore.js` draws
the chosen runs as SVG from `figures/explore/NAME.json`, which `write_data` writes out of
the result on display (`load_for_site`: `full` when it exists, else `quick`). The JSON holds
the result's sweep exactly as stored (non-finite numbers as null, which JSON cannot hold).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from bnviz.errors import BnvizError
from bnviz.results import Result, load_for_site
from bnviz.variants import COLORS, DARK_COLORS, LABELS, PRECISE_SUFFIX

DATA_DIR = "figures/explore"  # under docs/, beside the generated figures
MEASURES = {  # option value -> (label, unit)
    "val_accuracy": "validation accuracy (%)",
    "val_loss": "validation loss",
    "train_accuracy": "training accuracy (%)",
    "train_loss": "training loss",
}


def has_bn(variant: str) -> bool:
    """Variants with BN layers, whose re-estimated statistics (precise BN) differ from
    Keras' moving averages; for the others the two evaluations are the same network."""
    return variant.startswith("batch")


@dataclass(frozen=True)
class Explorable:
    name: str
    experiment: str
    setting: str  # what the sweep's keys are, as the control's label says it
    caption: Callable[[Result], str]


def _caption(r: Result, choose: str, net: str, how: str, batches: str = "") -> str:
    """The shared caption of an explorable sweep: `choose` says what the reader picks and
    sees, `how` what the sweep varies."""
    from bnviz.figures.captions import capitalized, data_text, network, seeds_text

    return (
        f"Choose {choose}. "
        f"{capitalized(network(net))}, trained with plain SGD {how} on {data_text(r)}; "
        f"{seeds_text(r)}. {_EVALUATION} {r.spec['precise_samples']:,} training "
        f"images{batches}. {_TRAINING}"
    )


def _lr_caption(r: Result) -> str:
    from bnviz.figures.captions import plural

    train = r.spec["train"]
    how = (
        f"(batch {train['batch_size']}) for {plural(train['epochs'], 'epoch')} at each "
        "learning rate"
    )
    return _caption(r, f"a learning rate: {_CURVES}, with and without BN", "two_block_cnn", how)


def _batch_caption(r: Result) -> str:
    from bnviz.figures.captions import plural

    train = r.spec["train"]
    how = (
        f"for {plural(train['epochs'], 'epoch')} at every batch size, learning rate "
        f"{train['learning_rate']:g} × batch size ÷ {r.spec['base_batch']},"
    )
    batches = " in batches of the training size"
    choose = f"a batch size and a normalization: {_CURVES}"
    return _caption(r, choose, "six_layer_cnn", how, batches)


_CURVES = "every seed's curve after each epoch"
_EVALUATION = (
    "Validation in inference mode; solid: with Keras' moving averages, dashed: BN's "
    "statistics re-estimated (precise BN) over"
)
_TRAINING = (
    "Training measures are Keras' means over each epoch's batches, in training mode. "
    "One marker shape per seed; the axes stay fixed while you choose."
)

EXPLORABLES = {
    e.name: e
    for e in (
        Explorable("lr_sweep", "lr_sweep", "Learning rate", _lr_caption),
        Explorable("batch_size_sweep", "batch_size_sweep", "Batch size", _batch_caption),
    )
}


def _get(name: str) -> Explorable:
    if name not in EXPLORABLES:
        raise BnvizError(f"unknown explorable figure {name!r}; known: {', '.join(EXPLORABLES)}")
    return EXPLORABLES[name]


def _finite(value):
    """`value` with every non-finite float replaced by None (JSON has no NaN or Infinity)."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def data(name: str) -> dict:
    """What the widget reads: the stored sweep and how to label and colour it."""
    explorable = _get(name)
    result = load_for_site(explorable.experiment)
    sweep = result.payload["sweep"]
    variants = list(next(iter(sweep.values())))
    return {
        "name": name,
        "experiment": result.experiment,
        "profile": result.profile,
        "code_hash": result.provenance["code_hash"],
        "setting": explorable.setting,
        "seeds": result.spec["seeds"],
        "keys": list(sweep),
        "variants": variants,
        "labels": {v: LABELS[v] for v in variants},
        "precise_label": PRECISE_SUFFIX,
        "has_bn": [v for v in variants if has_bn(v)],
        "measures": MEASURES,
        "colors": {
            "light": {v: COLORS[v] for v in variants},
            "dark": {v: DARK_COLORS[v] for v in variants},
        },
        "sweep": _finite(sweep),
    }


def write_data(docs: Path) -> list[Path]:
    """Write every explorable's JSON under `docs`; a file is rewritten only when its content
    changed (so `mkdocs serve` does not rebuild in a loop). Returns the files written."""
    out = docs / DATA_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPLORABLES:
        path = out / f"{name}.json"
        text = json.dumps(data(name), separators=(",", ":"), allow_nan=False) + "\n"
        if not path.exists() or path.read_text() != text:
            tmp = path.with_suffix(".json.tmp")
            tmp.write_text(text)
            tmp.replace(path)
            written.append(path)
    return written


def _select(ident: str, label: str, options: dict[str, str]) -> str:
    items = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in options.items())
    return (
        f'<label for="{ident}">{label}</label><select id="{ident}" name="{ident}">{items}</select>'
    )


def explore_html(name: str, page_path: str) -> str:
    """The widget: controls, an empty plot the script fills, a text shown until the script
    runs (or where it is not installed), the caption and a link to the data."""
    explorable = _get(name)
    result = load_for_site(explorable.experiment)
    sweep = result.payload["sweep"]
    keys = list(sweep)
    variants = list(next(iter(sweep.values())))
    ident = f"explore-{name}"
    up = "../" * page_path.count("/")
    setting = (
        f'<label for="{ident}-key">{explorable.setting}</label>'
        f'<input type="range" id="{ident}-key" name="{ident}-key" min="0" '
        f'max="{len(keys) - 1}" step="1" value="0" aria-valuetext="{escape(keys[0])}">'
        f'<output id="{ident}-value" for="{ident}-key">{escape(keys[0])}</output>'
    )
    networks = {"all": "all", **{v: LABELS[v] for v in variants}}
    controls = "\n".join(
        f'<span class="bnviz-explore-control">{control}</span>'
        for control in (
            setting,
            _select(f"{ident}-variant", "Network", networks),
            _select(f"{ident}-measure", "Measure", MEASURES),
        )
    )
    caption = (
        f"{explorable.caption(result)} [The values plotted (JSON)]({up}{DATA_DIR}/{name}.json)."
    )
    return (
        f'<figure class="bnviz-explore" id="{ident}" data-explore="{name}" markdown="1">\n'
        f'<div class="bnviz-explore-controls" hidden>\n{controls}\n</div>\n'
        f'<div class="bnviz-explore-plot" hidden></div>\n'
        '<p class="bnviz-explore-fallback">An explorable view of these runs is drawn '
        "here by the site's script (JavaScript); the figure above shows the same result.</p>\n"
        f'<figcaption markdown="span">{caption}</figcaption>\n</figure>'
    )
