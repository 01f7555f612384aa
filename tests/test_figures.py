from bnviz import figures
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
    legend = [t.get_text() for t in axes[0].get_legend().get_texts()]
    assert legend == ["without BN", "with BN"]
    # mean line of the last panel is the mean over seeds of the stored validation accuracy
    line = axes[3].get_lines()[1]
    runs = result.payload["histories"]["batch"]
    expected = sum(r["val_accuracy"][-1] for r in runs) / len(runs) * 100
    assert abs(line.get_ydata()[-1] - expected) < 1e-9


def test_same_colours_in_every_figure():
    assert figures.COLORS["batch"] != figures.COLORS["none"]
    assert theme_colors("light") == figures.COLORS


def test_render_stale_writes_both_themes_once(root, tmp_path):
    def load_quick(name):
        return load(name, "quick", root / "results")

    assert figures.render_stale(tmp_path, load_quick) == list(figures.FIGURES)
    for spec in figures.FIGURES.values():
        for path in figures.figure_paths(spec, tmp_path):
            assert "<svg" in path.read_text()[:2000], path
    assert figures.render_stale(tmp_path, load_quick) == []  # up to date: nothing redrawn
    assert not list(tmp_path.glob("*.tmp"))
