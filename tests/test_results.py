import json

import pytest

from bnviz import experiments, results
from bnviz.errors import BnvizError


@pytest.fixture(scope="module")
def smoke_run(smoke_results):
    """The session's smoke run of training_curves (trained once, by `smoke_results`)."""
    path = results.result_path("training_curves", "smoke", smoke_results)
    return smoke_results, results.load("training_curves", "smoke", smoke_results), path


def test_result_carries_provenance(smoke_run):
    root, result, path = smoke_run
    assert path == root / "training_curves" / "smoke.json"
    record = json.loads(path.read_text())
    p = record["provenance"]
    assert record["seeds"] == [0] and record["spec"]["train"]["epochs"] == 1
    assert record["data"]["id"] in ("mnist-5k", "mnist-full") and record["data"]["n_train"] == 256
    assert set(p["versions"]) == {"python", "tensorflow", "keras", "numpy"}
    assert p["hardware"]["cpu"] and p["wall_time_s"] > 0 and len(p["code_hash"]) == 16
    # no temp files left; the per-image outcomes are in the .npz
    assert sorted(f.name for f in path.parent.iterdir()) == ["smoke.json", "smoke.npz"]


def test_per_image_outcomes_are_stored_compactly_and_pair_with_the_accuracies(smoke_run):
    """Every final validation accuracy has its per-image outcomes in the arrays (not in the
    JSON), and their mean is that accuracy."""
    _, result, path = smoke_run
    record = json.loads(path.read_text())
    assert "outcomes/histories/batch/0/val_correct" in record["arrays"]
    for variant, runs in result.payload["histories"].items():
        assert not any("val_correct" in history for history in runs)
        for i, history in enumerate(runs):
            correct = result.outcomes("histories", variant, i, "val_correct")
            assert correct.dtype == bool and correct.size == result.data["n_val"]
            assert correct.mean() == pytest.approx(history["val_accuracy"][-1], abs=1.5e-3)
            precise = result.outcomes("histories", variant, i, "val_correct_precise")
            assert precise.mean() == pytest.approx(history["val_accuracy_precise"][-1])
    with pytest.raises(BnvizError, match="stores no per-image outcomes"):
        result.outcomes("histories", "batch", 0, "test_correct")


def test_fresh_result_is_current_and_an_edited_hash_is_stale(smoke_run, tmp_path):
    root, _, path = smoke_run
    assert not results.load("training_curves", "smoke", root).stale
    record = json.loads(path.read_text())
    record["provenance"]["code_hash"] = "0" * 16
    other = tmp_path / "training_curves"
    other.mkdir()
    (other / "smoke.json").write_text(json.dumps(record))
    (other / "smoke.npz").write_bytes(path.with_suffix(".npz").read_bytes())
    assert results.load("training_curves", "smoke", tmp_path).stale
    states = {(r["experiment"], r["profile"]): r["state"] for r in results.status(tmp_path)}
    assert states[("training_curves", "smoke")] == "stale"
    assert states[("training_curves", "full")] == "missing"


def test_code_hash_follows_the_spec():
    exp = experiments.get("training_curves")
    assert results.code_hash(exp, exp.specs["smoke"]) != results.code_hash(exp, exp.specs["quick"])


def test_corrupt_and_missing_results_say_what_to_do(tmp_path):
    with pytest.raises(BnvizError, match="bnviz run training_curves --profile quick"):
        results.load("training_curves", "quick", tmp_path)
    (tmp_path / "training_curves").mkdir()
    (tmp_path / "training_curves" / "quick.json").write_text('{"format": 1, "experi')
    with pytest.raises(BnvizError, match="corrupt result"):
        results.load("training_curves", "quick", tmp_path)


def _copy_result(root, tmp_path, name="training_curves"):
    import shutil

    shutil.copytree(root / "results" / name, tmp_path / name)
    return tmp_path / name


def test_a_truncated_npz_or_another_format_is_one_clear_error(root, tmp_path):
    folder = _copy_result(root, tmp_path)
    npz = folder / "quick.npz"
    npz.write_bytes(npz.read_bytes()[: npz.stat().st_size // 2])
    with pytest.raises(BnvizError, match=r"corrupt result .*quick\.npz.*bnviz run training_curves"):
        results.load("training_curves", "quick", tmp_path)
    rows = [r for r in results.status(tmp_path) if r["experiment"] == "training_curves"]
    assert {r["profile"]: r["state"] for r in rows}["quick"] == "corrupt"
    record = json.loads((folder / "quick.json").read_text())
    (folder / "quick.json").write_text(json.dumps({**record, "format": results.FORMAT + 1}))
    with pytest.raises(BnvizError, match=f"this bnviz reads {results.FORMAT}"):
        results.load("training_curves", "quick", tmp_path)


def test_the_cli_names_a_corrupt_npz_in_one_line(root, tmp_path, monkeypatch, capsys):
    from bnviz.cli import main

    folder = _copy_result(root, tmp_path)
    (folder / "quick.npz").write_bytes(b"PK\x03\x04 truncated")
    monkeypatch.setenv("BNVIZ_RESULTS", str(tmp_path))
    monkeypatch.setenv("BNVIZ_SITE_PROFILE", "quick")
    assert main(["claims"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "quick.npz" in err[0] and err[0].startswith("bnviz: error:"), err


def test_committed_quick_result_is_current(root):
    result = results.load("training_curves", "quick", root / "results")
    assert not result.stale, "results/training_curves/quick.json is stale: re-run bnviz run"
    assert len(result.spec["seeds"]) >= 3


def test_code_that_changes_during_a_run_stores_nothing(tmp_path, monkeypatch, redirect_source):
    """A result carries the hash of the code it ran: an edit to the experiment's code while it
    trains (here: a constant added to its module) must not be stamped on it."""
    import dataclasses

    from bnviz import codehash

    experiment = experiments.get("bn_layer_stats")
    source = codehash.module_file(experiment.module)
    edited = tmp_path / "edited.py"
    edited.write_text(source.read_text() + "\nEDITED_DURING_THE_RUN = 1\n")

    def run(spec, data_source=None):  # stands in for training, and edits the code meanwhile
        redirect_source(experiment.module, edited)
        return {"data": {"id": "none"}}

    patched = dataclasses.replace(experiment, run=run)
    monkeypatch.setattr(experiments, "get", lambda name: patched)
    with pytest.raises(BnvizError, match="its code changed while it ran; nothing stored"):
        results.run_experiment("bn_layer_stats", "smoke", root=tmp_path)
    assert list(tmp_path.iterdir()) == [edited]
