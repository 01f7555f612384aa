"""What stales a result: code the experiment runs, not its docstrings, comments or layout, nor
code it never runs, nor the Python version that reads it."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bnviz import codehash, experiments, results

SETTINGS = Path(codehash.module_file("bnviz.settings"))
CNNS = Path(codehash.module_file("bnviz.nn.cnns"))
TRAIN = Path(codehash.module_file("bnviz.train"))
SRC = Path(codehash.__file__).resolve().parents[1]


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
    # `experiments.get` finds the catalog by `import_module`, which is not followed: adding an
    # experiment to the catalog stales no result
    for experiment in experiments.registry().values():
        assert "bnviz.experiments.catalog" not in codehash.dependencies(experiment.module)


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


def _edited(tmp_path, redirect_source, module: str, path: Path, old: str, new: str) -> None:
    """From now on, code hashes read `module` with `old` replaced by `new`."""
    source = path.read_text()
    assert source.count(old) == 1, old
    (tmp_path / path.name).write_text(source.replace(old, new))
    redirect_source(module, tmp_path / path.name)


@pytest.mark.parametrize(
    ("module", "path", "old", "new"),
    [  # a network the experiment never builds, a function added, a helper it never calls
        ("bnviz.nn.cnns", CNNS, 'name=f"two_block_cnn_{norm}', 'name=f"two_blocks_{norm}'),
        (
            "bnviz.nn.cnns",
            CNNS,
            "\n# --8<-- [start:two",
            "\ndef added():\n    return 1\n\n# --8<-- [start:two",
        ),
        (
            "bnviz.train",
            TRAIN,
            "def capped_steps(steps: int) -> int:\n",
            "def capped_steps(steps: int) -> int:\n    steps += 0\n",
        ),
    ],
    ids=["a network it never builds", "a function added", "a helper it never calls"],
)
def test_code_the_experiment_never_runs_keeps_its_result_current(
    tmp_path, redirect_source, curves, module, path, old, new
):
    """`training_curves` imports `bnviz.nn.cnns` and `bnviz.train`, but builds only `seed_cnn`
    and never caps steps: editing the rest of those modules keeps its results current."""
    experiment, _ = curves
    assert module in codehash.dependencies(experiment.module)
    before = results.code_hash(*curves)
    _edited(tmp_path, redirect_source, module, path, old, new)
    assert results.code_hash(*curves) == before


def test_an_edit_stales_the_experiments_that_run_it(tmp_path, redirect_source, curves):
    """...and the edit that keeps `training_curves` current stales an experiment that builds
    the network."""
    dropout = experiments.get("dropout_vs_bn")
    dropout_spec = dropout.specs["smoke"]
    before = results.code_hash(*curves), results.code_hash(dropout, dropout_spec)
    _edited(tmp_path, redirect_source, "bnviz.nn.cnns", CNNS, 'f"two_block_cnn_', 'f"two_blocks_')
    assert results.code_hash(*curves) == before[0]
    assert results.code_hash(dropout, dropout_spec) != before[1]


@pytest.mark.parametrize(
    ("module", "path", "old", "new"),
    [  # the network it builds (imported inside `run`), and a function the training calls
        ("bnviz.nn.cnns", CNNS, 'name=f"seed_cnn_{norm}"', 'name=f"small_cnn_{norm}"'),
        (
            "bnviz.train",
            TRAIN,
            "rng.permutation(n)[: steps * batch_size]",
            "rng.permutation(n)[-steps * batch_size :]",
        ),
    ],
    ids=["the network it builds", "the batch order"],
)
def test_code_the_experiment_runs_stales_its_result(
    tmp_path, redirect_source, curves, module, path, old, new
):
    before = results.code_hash(*curves)
    _edited(tmp_path, redirect_source, module, path, old, new)
    assert results.code_hash(*curves) != before


def test_a_module_looked_up_by_name_counts_whole(tmp_path, redirect_source, curves):
    """Code that looks names up in a module at run time (`getattr(cnns, name)`) may run any
    of them: then all of the module counts, not only `seed_cnn`."""
    experiment, _ = curves
    whole = codehash.normalized_source(CNNS).split("\n")
    assert codehash.reached(experiment.module)["bnviz.nn.cnns"] != whole
    lookup = "def network(name):\n    from bnviz.nn import cnns\n\n    return getattr(cnns, name)\n"
    path = Path(codehash.module_file(experiment.module))
    (tmp_path / path.name).write_text(f"{path.read_text()}\n\n{lookup}")
    redirect_source(experiment.module, tmp_path / path.name)
    assert codehash.reached(experiment.module)["bnviz.nn.cnns"] == whole


def _python(version: str) -> str | None:
    """An interpreter of Python `version`: one pyenv installed, else `python<version>`."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found = sorted(pyenv.glob(f"versions/{version}.*/bin/python{version}"))
    return str(found[-1]) if found else shutil.which(f"python{version}")


THIS_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
# reads `{"experiments": {module: spec JSON}, "modules": [...]}` from stdin, hashes them
HASHES = """
import json, sys
from bnviz.codehash import modules_hash, reached_hash
asked = json.load(sys.stdin)
print(json.dumps({
    "experiments": {m: reached_hash(m, s.encode()) for m, s in asked["experiments"].items()},
    "modules": modules_hash(asked["modules"]),
    "imported": sorted(m for m in ("numpy", "keras", "tensorflow") if m in sys.modules),
}))
"""


def _all_modules() -> list[str]:
    package = SRC / "bnviz"
    names = (".".join(p.relative_to(SRC).with_suffix("").parts) for p in package.rglob("*.py"))
    return sorted(name.removesuffix(".__init__") for name in names)


@pytest.mark.parametrize("version", [v for v in ("3.11", "3.12", "3.13") if v != THIS_PYTHON])
def test_every_python_reads_the_same_hash(version):
    """The hash is written from the syntax tree the same way on Python 3.11, 3.12 and 3.13
    (their `ast.dump` differs), so a result made on one is current on the others; codehash
    reads the code without importing it (the other Python need not have TensorFlow)."""
    python = _python(version)
    if python is None:
        pytest.skip(f"no Python {version} here (python{version} on PATH, or pyenv's)")
    quick = {e.module: e.specs["quick"] for e in experiments.registry().values()}
    specs = {m: json.dumps(results.spec_dict(s), sort_keys=True) for m, s in quick.items()}
    modules = _all_modules()
    out = subprocess.run(
        [python, "-c", HASHES],
        input=json.dumps({"experiments": specs, "modules": modules}),
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    theirs = json.loads(out.stdout)
    assert theirs["imported"] == []
    assert theirs["modules"] == codehash.modules_hash(modules)
    ours = {
        e.module: results.code_hash(e, e.specs["quick"]) for e in experiments.registry().values()
    }
    assert theirs["experiments"] == ours
