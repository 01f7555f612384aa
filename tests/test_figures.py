from types import SimpleNamespace

from bnviz import figures
from bnviz.figures import captions
from bnviz.figures.style import theme_colors, themed
from bnviz.results import load


def _quick(root):
    return load("training_curves", "quick", root / "results")


def test_training_curves_figure_has_labelled_panels(root):
    result = _quick(root)
    with themed("light"):
        fig = figures.FIGURES["training_curves"].draw(result, theme_colors("light"))
    axes = fig.get_axes()
    assert len(axes) == 4
    assert all(ax.get_ylabel() for ax in axes)
    assert [ax.get_xlabel() for ax in axes[2:]] == ["epoch", "epoch"]
    legend = [t.get_text() for t in axes[3].get_legend().get_texts()]
    assert legend == ["without BN", "with BN", "with BN, re-estimated statistics"]
    # mean line of the last panel is the mean over seeds of the stored validation accuracy
    line = axes[3].get_lines()[1]
    runs = result.payload["histories"]["batch"]
    expected = sum(r["val_accuracy"][-1] for r in runs) / len(runs) * 100
    assert abs(line.get_ydata()[-1] - expected) < 1e-9


def _drawn_together(payload: dict) -> list[set[str]]:
    """The groups of variants one figure draws side by side, from a result's payload."""
    groups = [set(payload[k]) for k in ("histories", "test_accuracy", "median") if k in payload]
    groups += [set(point) for point in payload.get("sweep", {}).values()]
    return groups


def test_every_variant_has_a_label_and_distinct_colours_in_both_themes(root):
    """The vocabulary (bnviz.variants) covers every variant any spec or result names, and
    variants drawn in one figure never share a colour, in either theme."""
    from bnviz import experiments
    from bnviz.variants import DARK_COLORS, LABELS

    for name, experiment in experiments.registry().items():
        groups = _drawn_together(load(name, "quick", root / "results").payload)
        groups += [set(getattr(spec, "variants", ())) for spec in experiment.specs.values()]
        for group in groups:
            for palette in (LABELS, figures.COLORS, DARK_COLORS):
                assert group <= set(palette), (name, group - set(palette))
            for palette in (figures.COLORS, DARK_COLORS):
                assert len({palette[v] for v in group}) == len(group), (name, group)


def test_render_stale_redraws_only_what_changed(root, built_site, tmp_path):
    """The site's build rendered every figure from scratch into docs/figures (both themes);
    on a copy of that folder nothing is stale, and a figure with a missing file or a
    changed stamp is drawn again, alone, in both themes."""
    import json
    import shutil

    def load_quick(name):
        return load(name, "quick", root / "results")

    out = tmp_path / "figures"
    shutil.copytree(root / "docs" / "figures", out)
    for spec in figures.FIGURES.values():
        for path in figures.figure_paths(spec, out):
            head = path.read_bytes()[:2000]
            if spec.raster:  # photos and pixel maps: WebP, shown at half their pixel size
                assert path.suffix == ".webp" and head[8:12] == b"WEBP", path
            else:
                assert path.suffix == ".svg" and b"<svg" in head, path
            width, height = figures.display_size(path)
            assert 200 < width < 4000 and 100 < height < 5000, (path, width, height)
    assert figures.render_stale(out, load_quick) == []  # up to date: nothing redrawn
    curves = figures.FIGURES["training_curves"]
    light, dark = figures.figure_paths(curves, out)
    dark.unlink()
    assert figures.render_stale(out, load_quick) == ["training_curves"]
    stamps = json.loads((out / ".stamps.json").read_text())
    stamps["mode_gap"] = "changed"
    (out / ".stamps.json").write_text(json.dumps(stamps))
    before = light.stat().st_mtime_ns
    assert figures.render_stale(out, load_quick) == ["mode_gap"]
    assert dark.exists() and light.stat().st_mtime_ns == before
    assert all(p.exists() for p in figures.figure_paths(figures.FIGURES["mode_gap"], out))
    assert not list(out.glob("*.tmp"))


def test_caption_parts_are_read_from_the_spec_and_data():
    run = SimpleNamespace(
        spec={
            "seeds": [0, 1, 2],
            "train": {"optimizer": "sgd", "learning_rate": 0.1, "batch_size": 64, "epochs": 1},
        },
        data={"n_train": 3500, "name": "MNIST", "source": "Debian", "split": True},
        profile="quick",
    )
    assert captions.trained_text(run) == (
        "trained with SGD (learning rate 0.1, batch 64) for 1 epoch on "
        "3,500 training images of MNIST (Debian)"
    )
    assert captions.seeds_band(run, captions.DOTS) == (
        "3 seeds (0, 1, 2), each with its own data split, quick profile. " + captions.DOTS
    )
    run.spec["seeds"] = [4]
    assert captions.seeds_band(run).startswith("1 seed (4), quick profile. Lines:")


def _site_texts() -> dict[str, tuple[str, str]]:
    """Each figure's short caption and alt text, from the result the site shows."""
    from bnviz.results import load_for_site

    texts = {}
    for name, spec in figures.FIGURES.items():
        result = load_for_site(spec.experiment) if spec.experiment else None
        texts[name] = spec.summary(result), spec.alt(result)
    return texts


def test_every_figure_has_a_short_caption_and_an_alt_text_with_its_numbers():
    """The short caption says what is plotted in at most 35 words, typing no measured number;
    the alt text is plain text of at most about 200 characters, states the finding with
    numbers (figures of a result) and is the alt text of one figure only."""
    import re

    from bnviz.figures.alttext import ALT_CHARS, plain

    texts = _site_texts()
    assert len(texts) == len(figures.FIGURES) == 28
    for name, (summary, alt) in texts.items():
        assert 0 < len(summary.split()) <= 35, (name, len(summary.split()), summary)
        assert not re.search(r"\d[.,]\d|%", summary), (name, summary)  # no measured number
        assert alt and alt == plain(alt) and len(alt) <= ALT_CHARS, (name, len(alt), alt)
        if figures.FIGURES[name].experiment:
            assert re.search(r"\d", alt), (name, alt)
    alts = [alt for _, alt in texts.values()]
    assert len(set(alts)) == len(alts), [a for a in alts if alts.count(a) > 1]


def test_alt_text_parts_read_min_max_over_seeds():
    from bnviz.figures import alttext

    histories = {
        "none": [{"val_accuracy": [0.5, 0.928]}, {"val_accuracy": [0.6, 0.939]}],
        "batch": [{"val_accuracy": [0.7, 0.945]}, {"val_accuracy": [0.8, 0.938]}],
    }
    assert alttext.final_spans(histories) == "without BN 92.8–93.9 %, with BN 93.8–94.5 %"
    assert alttext.length(histories) == 2
    assert alttext.span([0.41, 0.4102]) == "0.4"  # both ends round alike: one number
    assert alttext.span([-0.7, 0.9]) == "−0.7 to 0.9"
    assert alttext.number(-0.0001, 2) == "0.00"
    assert alttext.plain('a [b] {c} "d" `e` *f*\n g') == "a (b) (c) 'd' e f g"


def test_figure_html_shows_short_caption_alt_and_how_the_figure_was_made(tmp_path):
    """The short caption in the figure, the alt text on both palettes' images, and under the
    figure a collapsed block with the long caption, the run's commit and code hash and the
    command that reproduces it (or, for a figure drawn from code, that it is)."""
    from bnviz.results import load_for_site
    from bnviz.site.figure_block import figure_html

    spec = figures.FIGURES["training_curves"]
    result = load_for_site(spec.experiment)
    figures.render(spec, result, tmp_path)
    html = figure_html(spec.name, "training-curves.md", tmp_path)
    figure, about = html.split("</figure>")
    assert figure.startswith('<figure markdown="span" id="fig-training_curves">')
    assert f"<figcaption>{spec.summary(result)}</figcaption>" in figure
    assert figure.count(f"[![{spec.alt(result)}](figures/training_curves-") == 2
    assert spec.caption(result) not in figure
    assert about.startswith(
        '\n\n<details class="bnviz-figure-about" markdown="1">\n'
        "<summary>How this figure was made</summary>\n"
    )
    assert about.endswith("</details>") and spec.caption(result) in about
    provenance = result.provenance
    assert f"commit `{provenance['git_commit'][:10]}" in about
    assert f"code hash `{provenance['code_hash']}`" in about
    assert f"`bnviz run training_curves --profile {result.profile}`" in about

    timeline = figures.FIGURES["cnn_timeline"]
    figures.render(timeline, None, tmp_path)
    html = figure_html(timeline.name, "cnn-evolution.md", tmp_path)
    assert "Drawn from code alone" in html and "bnviz run" not in html
    assert f"<figcaption>{timeline.summary(None)}</figcaption>" in html
