"""Figure registry and rendering: result in, light and dark SVG files out.

Each figure is one pure function (data in, matplotlib `Figure` out); the registry says which
experiment's result it draws and what its caption states. Two figures are drawn from code, not
from a result (the model diagram and the timeline). `render_stale` redraws a figure only when its
result or its code changed, so `mkdocs serve` stays fast.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from bnviz.figures import (
    activations,
    alternatives,
    benefits,
    images,
    inference,
    reproductions,
    static,
    stylization,
)
from bnviz.figures.style import COLORS, LABELS, theme_colors, themed
from bnviz.figures.training_curves import training_curves
from bnviz.results import Result

THEMES = ("light", "dark")


@dataclass(frozen=True)
class FigureSpec:
    name: str
    experiment: str | None  # None: drawn from code alone
    draw: Callable[[Result | None, dict[str, str]], Figure | str]  # Figure, or SVG text
    caption: Callable[[Result | None], str]  # what was trained, data, seeds, what bands mean
    sources: tuple[str, ...]  # modules whose source is hashed into the figure's stamp
    themed: bool = True  # False: one image serves both palettes


def _data(r: Result) -> str:
    d = r.data
    return f"{d['n_train']:,} training images of {d['name']} ({d['source']})"


def _seeds(r: Result) -> str:
    seeds = r.spec["seeds"]
    plural = "s" if len(seeds) > 1 else ""
    split = ", each with its own data split" if r.data.get("split") and len(seeds) > 1 else ""
    return f"{len(seeds)} seed{plural} ({', '.join(map(str, seeds))}){split}, {r.profile} profile"


def _device(r: Result) -> str:
    hw = r.provenance["hardware"]
    return ", ".join(hw["gpus"]) or f"{hw['cpu']} ({hw['cpu_count']} cores, no GPU)"


def _train(r: Result, epochs=True) -> str:
    t = r.spec["train"]
    text = f"{t['optimizer'].upper() if t['optimizer'] == 'sgd' else 'Adam'} (learning rate "
    text += f"{t['learning_rate']:g}, batch {t['batch_size']})"
    return text + (f" for {t['epochs']} epochs" if epochs else "")


SEED_CNN = "the original talk's small CNN (Conv2D 32 → [BatchNormalization] → MaxPool → Dense 10)"
TWO_BLOCK = (
    "a two-block CNN (Conv 16 → [BN] → ReLU → pool → Conv 32 → [BN] → ReLU → pool → Dense 64 → "
    "[BN] → ReLU → Dense 10)"
)
THREE_BLOCK = (
    "The original talk's three-block CNN (Conv 32 → [BN] → pool, Conv 64 → [BN] → pool, "
    "Conv 128 → [BN] → pool, Dense 512 → [BN], Dense 10), adapted to 28×28×1 inputs"
)
NORM_CNN = (
    "A two-block CNN (Conv 16 → norm → ReLU → pool → Conv 32 → norm → ReLU → pool → Dense 64 → "
    "Dense 10)"
)
BAND = "Lines: mean over seeds; band: min–max over seeds."
IOFFE_MLP = (
    "Ioffe & Szegedy's MLP (784 → 3 × [Dense 100 → [BN] → sigmoid] → Dense 10 softmax, weights "
    "from N(0, 0.05²))"
)
VGG_SMALL = (
    "A VGG-style CNN (Conv 16, Conv 16, pool, Conv 32, Conv 32, pool, Dense 64, Dense 10; each "
    "conv and hidden dense followed by [BN → [noise]] → ReLU)"
)


def _ioffe_train(r: Result) -> str:
    pixels = ", pixels binarized at 0.5" if r.spec["binarize"] else ""
    return (
        f"plain SGD (learning rate {r.payload['learning_rate']:g}, chosen for the network "
        f"without BN; batch {r.spec['train']['batch_size']}) for {r.spec['steps']:,} steps on "
        f"{_data(r)}{pixels}"
    )


def _santurkar(r: Result) -> str:
    return f"{VGG_SMALL}, trained with {_train(r)} on {_data(r)}"


def _seed_cnn_with_bn():
    from bnviz.nn.cnns import seed_cnn  # imports Keras: only when the diagram is stale

    return seed_cnn("batch")


FIGURES = {
    f.name: f
    for f in [
        FigureSpec(
            "model_diagram",
            None,
            lambda r, c: static.model_diagram_svg(
                __import__("bnviz.nn.cnns").models.seed_cnn("batch")
            ),
            lambda r: (
                "The original talk's CNN with its BN layer, drawn by "
                "<code>keras.utils.model_to_dot</code> (the function behind "
                "<code>plot_model</code>) and graphviz "
                "when the site was built."
            ),
            ("bnviz.figures.static", "bnviz.nn.cnns"),
            themed=False,
        ),
        FigureSpec(
            "cnn_timeline",
            None,
            lambda r, c: static.cnn_timeline(c),
            lambda r: "Normalization in landmark CNNs, from the papers listed in the table below.",
            ("bnviz.figures.static", "bnviz.timeline"),
        ),
        FigureSpec(
            "activation_shift",
            "activation_shift",
            lambda r, c: activations.activation_shift(r.payload["histories"], c),
            lambda r: (
                f"Input of the second ReLU of {TWO_BLOCK}, trained with {_train(r)} on "
                f"{_data(r)}; percentiles over the same {r.spec['probe_size']} validation images, "
                f"measured every {r.spec['every']} steps in training mode, averaged over "
                f"{_seeds(r)}."
            ),
            ("bnviz.figures.activations",),
        ),
        FigureSpec(
            "bn_channel_stats",
            "bn_layer_stats",
            lambda r, c: activations.channel_stats(r.arrays, c),
            lambda r: (
                f"Per-channel statistics around the BN layer of {SEED_CNN} after "
                f"{_train(r)} on {_data(r)}; one batch of {r.spec['batch_size']} validation images "
                f"(all 26×26 positions per channel); first of {_seeds(r)}."
            ),
            ("bnviz.figures.activations",),
        ),
        FigureSpec(
            "bn_placement",
            "bn_placement",
            lambda r, c: training_curves(r.payload["histories"], c),
            lambda r: (
                f"{SEED_CNN[0].upper() + SEED_CNN[1:]}: without BN, with BN after the "
                f"ReLU (the talk) and with BN before the ReLU (the BN paper), trained with "
                f"{_train(r)} on {_data(r)}. {_seeds(r).capitalize()}. {BAND}"
            ),
            ("bnviz.figures.training_curves",),
        ),
        FigureSpec(
            "training_curves",
            "training_curves",
            lambda r, c: training_curves(r.payload["histories"], c),
            lambda r: (
                f"{SEED_CNN[0].upper() + SEED_CNN[1:]} trained with {_train(r)} on "
                f"{_data(r)}. {_seeds(r).capitalize()}. {BAND}"
            ),
            ("bnviz.figures.training_curves",),
        ),
        FigureSpec(
            "lr_sweep",
            "lr_sweep",
            lambda r, c: benefits.lr_sweep(r.payload["sweep"], c, chance=0.2),
            lambda r: (
                f"{TWO_BLOCK[0].upper() + TWO_BLOCK[1:]}, trained with plain SGD (batch "
                f"{r.spec['train']['batch_size']}) for {r.spec['train']['epochs']} epochs at each "
                f"learning rate on {_data(r)}. {_seeds(r).capitalize()} per point. {BAND} "
                "Crosses: runs that diverged (non-finite loss or final accuracy ≤ 20%)."
            ),
            ("bnviz.figures.benefits",),
        ),
        FigureSpec(
            "dropout_vs_bn",
            "dropout_vs_bn",
            lambda r, c: benefits.dropout_comparison(r.payload["histories"], c),
            lambda r: (
                f"{TWO_BLOCK[0].upper() + TWO_BLOCK[1:]} with and without BN and dropout "
                f"(rate 0.5, before the classifier), trained with {_train(r)} on {_data(r)}. "
                f"{_seeds(r).capitalize()}. Bars: mean over seeds; dots: single seeds."
            ),
            ("bnviz.figures.benefits",),
        ),
        FigureSpec(
            "mode_gap",
            "mode_gap",
            lambda r, c: inference.mode_gap(r.payload["histories"]["batch"], c),
            lambda r: (
                f"{TWO_BLOCK[0].upper() + TWO_BLOCK[1:]} with BN, trained with "
                f"{_train(r)} on {_data(r)}; accuracy on the same {r.spec['probe_size']} "
                f"validation images evaluated as one batch in each mode. "
                f"{_seeds(r).capitalize()}. {BAND}"
            ),
            ("bnviz.figures.inference",),
        ),
        FigureSpec(
            "finetune_pitfall",
            "finetune_pitfall",
            lambda r, c: inference.finetune(r.payload["histories"], c),
            lambda r: (
                f"{TWO_BLOCK[0].upper() + TWO_BLOCK[1:]} with BN, trained with "
                f"{_train(r)} on upright digits, then fine-tuned for "
                f"{r.spec['finetune']['epochs']} epoch on {_data(r)}. {_seeds(r).capitalize()}. "
                "Bars: mean over seeds; dots: single seeds."
            ),
            ("bnviz.figures.inference",),
        ),
        FigureSpec(
            "fashion_curves",
            "fashion_cnn",
            lambda r, c: training_curves(r.payload["histories"], c),
            lambda r: (
                f"{THREE_BLOCK}, trained with {_train(r)} on {_data(r)}. "
                f"{_seeds(r).capitalize()}. {BAND}"
            ),
            ("bnviz.figures.training_curves",),
        ),
        FigureSpec(
            "feature_maps",
            "fashion_cnn",
            lambda r, c: images.feature_maps(r.arrays, c),
            lambda r: (
                f"Left: the first block's output (after BN, or after the ReLU without BN) "
                f"for test image {r.spec['image_index']}, first 8 of 32 channels of each network, "
                f"seed {r.spec['seeds'][0]}. Each map has its own colour scale (its 1st–99th "
                "percentile, or its full range where those two coincide), so brightness "
                "cannot be compared between maps or networks. The two networks start from the "
                "same initial weights but are trained separately: their channel c are different "
                "filters, and the rows are not matched pairs. "
                f"Right: per-channel standard deviation over {r.spec['stats_images']} test images "
                f"(inference mode), mean over {len(r.spec['seeds'])} seeds. {THREE_BLOCK}, trained "
                f"with {_train(r)} on {_data(r)}."
            ),
            ("bnviz.figures.images",),
        ),
        FigureSpec(
            "generalization",
            "fashion_cnn",
            lambda r, c: images.generalization(r.payload["histories"], c),
            lambda r: (
                f"Test accuracy on all {r.data['n_test']:,} test images and the gap to the "
                f"last epoch's training accuracy, {THREE_BLOCK}, trained with {_train(r)} on "
                f"{_data(r)}. {_seeds(r).capitalize()}; large marker: mean, bar: min–max over "
                "seeds, small dots: single seeds."
            ),
            ("bnviz.figures.images",),
        ),
        FigureSpec(
            "stylized",
            "style_transfer",
            lambda r, c: stylization.stylized(r.arrays, c),
            lambda r: (
                f"Outputs of the trained transformation networks in inference mode (first "
                f"seed), {r.spec['show_size']}×{r.spec['show_size']} pixels; trained for "
                f"{r.spec['steps']} Adam steps on {r.spec['size']}×{r.spec['size']} crops of "
                f"{r.data['source']}. Loss network: {r.data['loss_network']}."
            ),
            ("bnviz.figures.stylization",),
        ),
        FigureSpec(
            "style_losses",
            "style_transfer",
            lambda r, c: stylization.style_losses(r.payload["histories"], c),
            lambda r: (
                f"Style and content loss of the transformation network with BN or Instance "
                f"Norm, each relative to its target's magnitude, recorded every 10 steps. Loss "
                f"network: {r.data['loss_network']}. {_seeds(r).capitalize()}. {BAND}"
            ),
            ("bnviz.figures.stylization",),
        ),
        FigureSpec(
            "norm_axes",
            None,
            lambda r, c: alternatives.norm_axes(c),
            lambda r: (
                "The values that share one mean and variance (shaded) in a tensor of N "
                "images × C channels × H·W positions, drawn after Wu & He (2018), Fig. 2; "
                "Group Norm shown with groups of 2 channels."
            ),
            ("bnviz.figures.alternatives",),
        ),
        FigureSpec(
            "norm_comparison",
            "norm_comparison",
            lambda r, c: alternatives.norm_comparison(r.payload["histories"], c),
            lambda r: (
                f"{NORM_CNN}, each normalization in turn (Weight Norm wraps the convolutions "
                f"instead), trained with {_train(r)} on {_data(r)}. "
                f"{_seeds(r).capitalize()}. {BAND}"
            ),
            ("bnviz.figures.alternatives",),
        ),
        FigureSpec(
            "batch_size_sweep",
            "batch_size_sweep",
            lambda r, c: alternatives.batch_size_sweep(r.payload["sweep"], c),
            lambda r: (
                f"{NORM_CNN} with BN, Group Norm (4 groups) or Layer Norm, trained with "
                f"Adam (learning rate {r.spec['train']['learning_rate']:g}) for "
                f"{r.spec['train']['epochs']} epochs at each batch size on {_data(r)}; validation "
                f"in inference mode. {_seeds(r).capitalize()} per point. {BAND}"
            ),
            ("bnviz.figures.alternatives",),
        ),
        FigureSpec(
            "bn_overhead",
            "bn_overhead",
            lambda r, c: alternatives.overhead(r.payload["median"], c),
            lambda r: (
                f"{TWO_BLOCK[0].upper() + TWO_BLOCK[1:]}: median over "
                f"{r.spec['repeats']} repeats of the mean time of {r.spec['steps']} calls of "
                f"<code>train_on_batch</code> / <code>predict_on_batch</code> with "
                f"{r.spec['batch_size']} images, after {r.spec['warmup']} warm-up calls, on "
                f"{_device(r)}."
            ),
            ("bnviz.figures.alternatives",),
        ),
        FigureSpec(
            "test_shift",
            "test_shift",
            lambda r, c: alternatives.test_shift(
                r.payload["test_accuracy"], r.spec["contrasts"], c
            ),
            lambda r: (
                f"{NORM_CNN} with BN or Group Norm, trained with {_train(r)} on "
                f"{_data(r)}, tested on all {r.data['n_test']:,} test images with their contrast "
                "reduced around the mean pixel value; BN evaluated with its moving averages and "
                f"with the statistics of test batches of {r.spec['test_batch']}. "
                f"{_seeds(r).capitalize()}. {BAND}"
            ),
            ("bnviz.figures.alternatives",),
        ),
        FigureSpec(
            "ioffe_fig1",
            "ioffe_fig1",
            lambda r, c: reproductions.ioffe_fig1(r.payload["histories"], r.arrays, c),
            lambda r: (
                f"{IOFFE_MLP}, trained with {_ioffe_train(r)}. (a) Accuracy on all "
                f"{r.data['n_test']:,} test images (inference mode) every {r.spec['every']} "
                f"steps, step axis logarithmic; {_seeds(r)}. {BAND} (b, c) Percentiles of the "
                f"input of a typical sigmoid of the last hidden layer over {r.spec['probe_size']} "
                "test images (training mode): in each network, the unit whose drift (figure "
                "below) is the median of the 100 units, first seed; band: 15th–85th percentile."
            ),
            ("bnviz.figures.reproductions",),
        ),
        FigureSpec(
            "ioffe_drift",
            "ioffe_fig1",
            lambda r, c: reproductions.ioffe_drift(r.arrays, c),
            lambda r: (
                f"All 100 sigmoid inputs of the last hidden layer, every seed ({_seeds(r)}): how "
                f"far each unit's 15th, 50th and 85th percentiles (over {r.spec['probe_size']} "
                f"test images) move during {r.spec['steps']:,} steps; dashed: median. "
                f"{IOFFE_MLP}, {_ioffe_train(r)}."
            ),
            ("bnviz.figures.reproductions",),
        ),
        FigureSpec(
            "santurkar_noisy",
            "santurkar",
            lambda r, c: reproductions.santurkar_noisy(r.payload["histories"], c),
            lambda r: (
                f"{_santurkar(r)}: without BN, with BN and with BN followed by Santurkar et al.'s "
                f"non-stationary noise. Left: training accuracy per epoch (training mode, so the "
                f"noisy network is measured with its noise), {_seeds(r)}; {BAND} Other panels: "
                f"5th–95th (light), 15th–85th (dark) percentiles and median of the input of the "
                f"third convolution's ReLU, pooled over all channels, positions and "
                f"{r.spec['probe_size']} validation images, in training mode, every "
                f"{r.spec['every']} steps, first seed."
            ),
            ("bnviz.figures.reproductions",),
        ),
        FigureSpec(
            "santurkar_ics",
            "santurkar",
            lambda r, c: reproductions.santurkar_ics(r.payload["histories"], c),
            lambda r: (
                f"Santurkar et al.'s ICS measure every {r.spec['every']} steps on the batch "
                f"about to be trained on: G is a layer's weight gradient, G′ the same gradient "
                f"after all earlier layers took their SGD step. Bars: mean over steps and "
                f"seeds; dots: single seeds ({_seeds(r)}). {_santurkar(r)}."
            ),
            ("bnviz.figures.reproductions",),
        ),
        FigureSpec(
            "santurkar_landscape",
            "santurkar",
            lambda r, c: reproductions.santurkar_landscape(r.payload["histories"], c),
            lambda r: (
                f"Every {r.spec['every']} steps, all weights W moved to W′ = W − k·η·∇L(W) for "
                f"k = 0.5, 1, …, 4 (η = {r.spec['train']['learning_rate']:g}) on the batch about "
                f"to be trained on. Top left: band from the lowest to the highest loss over k "
                f"(mean over seeds). Top right: the largest gradient change over k. Bottom: the "
                f"largest "
                f"ratio of gradient change to step length. Loss axis logarithmic. "
                f"{_santurkar(r)}; {_seeds(r)}. "
                f"Gradient panels: {BAND[0].lower() + BAND[1:]}"
            ),
            ("bnviz.figures.reproductions",),
        ),
        FigureSpec(
            "wu_he_fig1",
            "batch_size_sweep",
            lambda r, c: reproductions.wu_he_fig1(
                __import__("bnviz.papers").papers.WU_HE_FIG1, r.payload["sweep"], c
            ),
            lambda r: (
                "Left: the numbers Wu & He (2018) report in their Fig. 1 (ResNet-50 trained on "
                "ImageNet, images per GPU). Right: our measurement — the batch-size sweep of "
                f"chapter 13, {NORM_CNN[0].lower() + NORM_CNN[1:]} with BN or Group Norm (4 "
                f"groups), Adam (learning rate {r.spec['train']['learning_rate']:g}) for "
                f"{r.spec['train']['epochs']} epochs at each batch size on {_data(r)}; "
                f"validation in inference mode; {_seeds(r)} per point. {BAND}"
            ),
            ("bnviz.figures.reproductions", "bnviz.papers"),
        ),
    ]
}


def _stamp(spec: FigureSpec, result: Result | None) -> str:
    digest = hashlib.sha256()
    if result is not None:
        for path in (result.path, result.path.with_suffix(".npz")):
            if path.exists():
                digest.update(path.read_bytes())
    for module in (*spec.sources, "bnviz.figures.style", "bnviz.figures"):
        digest.update(Path(importlib.util.find_spec(module).origin).read_bytes())
    return digest.hexdigest()[:16]


def figure_paths(spec: FigureSpec, out_dir: Path) -> list[Path]:
    if not spec.themed:
        return [out_dir / f"{spec.name}.svg"]
    return [out_dir / f"{spec.name}-{theme}.svg" for theme in THEMES]


def _svg(spec: FigureSpec, result: Result | None, theme: str) -> str:
    with themed(theme):
        drawn = spec.draw(result, theme_colors(theme))
        if isinstance(drawn, str):
            return drawn
        buffer = io.StringIO()
        drawn.savefig(buffer, format="svg", metadata={"Date": None})
        return buffer.getvalue()


def render(spec: FigureSpec, result: Result | None, out_dir: Path) -> list[Path]:
    """Draw `spec` in each theme; each file is written whole or not at all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = figure_paths(spec, out_dir)
    for theme, path in zip(THEMES, paths, strict=False):
        tmp = path.with_suffix(".svg.tmp")
        tmp.write_text(_svg(spec, result, theme))
        tmp.replace(path)
    return paths


def render_stale(out_dir: Path, load: Callable[[str], Result], force: bool = False) -> list[str]:
    """Render every figure whose result or code changed since the last render; return names.

    `load(experiment)` returns the result to draw from (the site picks the profile).
    """
    stamps_file = out_dir / ".stamps.json"
    stamps = json.loads(stamps_file.read_text()) if stamps_file.exists() else {}
    rendered = []
    for spec in FIGURES.values():
        result = load(spec.experiment) if spec.experiment else None
        stamp = _stamp(spec, result)
        fresh = stamps.get(spec.name) == stamp
        if force or not fresh or not all(p.exists() for p in figure_paths(spec, out_dir)):
            render(spec, result, out_dir)
            stamps[spec.name] = stamp
            rendered.append(spec.name)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamps_file.write_text(json.dumps(stamps, indent=1, sort_keys=True))
    return rendered


__all__ = ["COLORS", "FIGURES", "LABELS", "render", "render_stale", "training_curves"]
