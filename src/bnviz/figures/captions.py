"""The parts every caption is built from, read from the result's spec, data and provenance:
the data, the seeds, the training settings, the device, and the network (described from the
model code itself, `bnviz.nn.describe`). The long captions (`FigureSpec.caption`) say how a
figure was made; the short ones (`FigureSpec.summary`) say in a few words what it plots."""

from __future__ import annotations

import functools

from bnviz.results import Result

BAND = "Lines: mean over seeds; band: min–max over seeds."
DOTS = "Bars: mean over seeds; dots: single seeds."
BAND_AND_DOTS = f"{BAND} {DOTS}"  # figures with both curves and bars


def data_text(r: Result) -> str:
    d = r.data
    return f"{d['n_train']:,} training images of {d['name']} ({d['source']})"


def seeds_text(r: Result) -> str:
    seeds = r.spec["seeds"]
    plural = "s" if len(seeds) > 1 else ""
    split = ", each with its own data split" if r.data.get("split") and len(seeds) > 1 else ""
    return f"{len(seeds)} seed{plural} ({', '.join(map(str, seeds))}){split}, {r.profile} profile"


def device_text(r: Result) -> str:
    hw = r.provenance["hardware"]
    return ", ".join(hw["gpus"]) or f"{hw['cpu']} ({hw['cpu_count']} cores, no GPU)"


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def train_text(r: Result, epochs: bool = True) -> str:
    t = r.spec["train"]
    text = f"{t['optimizer'].upper() if t['optimizer'] == 'sgd' else 'Adam'} (learning rate "
    text += f"{t['learning_rate']:g}, batch {t['batch_size']})"
    return text + (f" for {plural(t['epochs'], 'epoch')}" if epochs else "")


def trained_text(r: Result) -> str:
    """'trained with' the optimizer, learning rate, batch and epochs 'on' the data."""
    return f"trained with {train_text(r)} on {data_text(r)}"


def seeds_band(r: Result, legend: str = BAND) -> str:
    """The seeds as a sentence, then what the lines and bands (or bars and dots) show."""
    return f"{capitalized(seeds_text(r))}. {legend}"


def capitalized(text: str) -> str:
    return text[0].upper() + text[1:]


@functools.cache
def network(name: str) -> str:
    """A network of `bnviz.nn.describe.networks()` with its layers, read from the builder;
    bracketed layers are those the variant without normalization lacks ("norm" where the
    caption's variants use several normalizations). Builds the models once (imports Keras)."""
    from bnviz.nn.describe import networks

    described = networks()[name]
    return f"{described.title} ({described.layers()})"


def seeds_count(r: Result) -> str:
    """How many runs a short caption's lines or dots stand for: "10 seeds" (or "1 seed")."""
    return plural(len(r.spec["seeds"]), "seed")


def band_summary(r: Result) -> str:
    """What the lines and bands show, for a short caption."""
    if len(r.spec["seeds"]) == 1:
        return "One seed."
    return f"Lines: mean of {seeds_count(r)}; bands: min–max."


def dots_summary(r: Result) -> str:
    """What the bars and dots show, for a short caption."""
    return f"Bars: mean of {seeds_count(r)}; dots: single seeds."


def vgg_text(r: Result) -> str:
    """The VGG-style network of a Santurkar result, with the configuration of its spec."""
    from bnviz.nn.describe import architecture
    from bnviz.nn.paper_nets import vgg_cnn

    config, dense = tuple(r.spec["config"]), tuple(r.spec["dense"])
    noisy, plain = vgg_cnn("noisy_batch", 0, config, dense), vgg_cnn("none", 0, config, dense)
    return f"a VGG-style CNN ({architecture(noisy, plain)})"
