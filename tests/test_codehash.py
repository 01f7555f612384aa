"""What stales a result: code that runs, not its docstrings, comments or layout."""

from pathlib import Path

import pytest

from bnviz import codehash, experiments, results

SETTINGS = Path(codehash.module_file("bnviz.settings"))


@pytest.fixture
def curves():
    experiment = experiments.get("training_curves")
    return experiment, experiment.specs["smoke"]


def test_dependencies_follow_imports_both_ways():
    deps = codehash.dependencies(experiments.get("norm_comparison").module)
    # the shared machinery, found through imports (also imports inside functions)
    for module in ("bnviz.settings", "bnviz.experiments", "bnviz.train", "bnviz.data"):
        assert module in deps
    assert "bnviz.nn.cnns" in deps and "bnviz.nn.layers" in deps
    # what only reads results never stales them
    assert not any(m.startswith(("bnviz.figures", "bnviz.claims", "bnviz.site")) for m in deps)
    assert "bnviz.nn.style_transfer" not in deps


def test_docstring_comment_and_layout_edits_keep_the_result_current(
    tmp_path, redirect_source, curves
):
    before = results.code_hash(*curves)
    source = SETTINGS.read_text()
    edited = source.replace(
        '"""Training settings: a plain dataclass, stored next to the results it produced."""',
        '"""Training settings, reworded.\n\nA second paragraph."""\n# a new comment',
    ).replace("    epochs: int = 8", "    epochs: int = (\n        8\n    )  # reformatted")
    assert edited != source
    (tmp_path / "settings.py").write_text(edited)
    redirect_source("bnviz.settings", tmp_path / "settings.py")
    assert results.code_hash(*curves) == before


def test_a_changed_constant_in_settings_stales_the_result(tmp_path, redirect_source, curves):
    before = results.code_hash(*curves)
    source = SETTINGS.read_text()
    edited = source.replace("batch_size: int = 32", "batch_size: int = 64")
    assert edited != source
    (tmp_path / "settings.py").write_text(edited)
    redirect_source("bnviz.settings", tmp_path / "settings.py")
    assert results.code_hash(*curves) != before


def test_a_changed_spec_stales_the_result(curves):
    experiment, spec = curves
    assert results.code_hash(experiment, experiments.spec_for("training_curves", "quick")) != (
        results.code_hash(experiment, spec)
    )


def test_another_profiles_settings_keep_the_result_current(tmp_path, redirect_source, curves):
    """A quick result depends on the quick spec, not on what the smoke or full profile says:
    shrinking the smoke spec for the tests must not stale the committed results."""
    experiment, _ = curves
    quick = experiments.spec_for("training_curves", "quick")
    before = results.code_hash(experiment, quick)
    path = Path(codehash.module_file(experiment.module))
    source = path.read_text()
    edited = source.replace("max_train=256,", "max_train=128,", 1)  # the smoke spec
    assert edited != source
    (tmp_path / "training_curves.py").write_text(edited)
    redirect_source(experiment.module, tmp_path / "training_curves.py")
    assert results.code_hash(experiment, quick) == before
    # the code around SPECS still counts: a changed default in the spec's class stales it
    edited = source.replace("precise_samples: int = 2000", "precise_samples: int = 1000")
    assert edited != source
    (tmp_path / "training_curves.py").write_text(edited)
    assert results.code_hash(experiment, quick) != before


def test_a_file_edited_in_place_is_read_again(tmp_path):
    """Parsing is cached by a file's text, so the same path with new code hashes anew."""
    path = tmp_path / "module.py"
    path.write_text("RATE = 0.1\n")
    before = codehash.normalized_source(path)
    assert codehash.normalized_source(path) == before
    path.write_text("RATE = 0.2\n")
    assert codehash.normalized_source(path) != before
    path.write_text('"""A docstring now."""\nRATE = 0.1  # and a comment\n')
    assert codehash.normalized_source(path) == before
