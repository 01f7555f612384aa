import contextlib
import io
import json
import os
import re
import socket
import subprocess
import sys

import pytest


def bnviz(*args, cwd=None, env=None):
    """`bnviz ARGS` as a reader types it, run in this process (`bnviz.cli.main`, what the
    console script calls) so that TensorFlow is imported once per test session, not once
    per command; `test_run_smoke_writes_a_result_and_a_silent_network_falls_back` runs the
    real command in its own process."""
    from bnviz.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_timeout = socket.getdefaulttimeout()  # main() sets one for downloads
    try:
        os.environ.update(env or {})
        os.chdir(cwd or saved_cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    except SystemExit as exc:  # argparse's --help and --version
        code = exc.code or 0
    finally:
        os.chdir(saved_cwd)
        socket.setdefaulttimeout(saved_timeout)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_list_names_the_experiments():
    proc = bnviz("list")
    assert proc.returncode == 0 and "training_curves" in proc.stdout


def test_list_json_is_the_gpu_workflows_matrix():
    from bnviz import experiments

    proc = bnviz("list", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout) == list(experiments.registry())
    proc = bnviz("list", "--json", "--only", "lr_sweep, mode_gap")
    assert json.loads(proc.stdout) == ["lr_sweep", "mode_gap"]
    proc = bnviz("list", "--json", "--only", "lr_sweep,nope")
    assert proc.returncode == 2 and "unknown experiment 'nope'" in proc.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (("run", "nope"), "unknown experiment 'nope'"),
        (("run", "training_curves", "--profile", "huge"), "unknown profile 'huge'"),
        (("frobnicate",), "invalid choice"),
        (("run", "training_curves", "--profile", "smoke", "--data", "emnist"), "unknown MNIST"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message, tmp_path):
    proc = bnviz(*args, cwd=tmp_path)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("bnviz")]
    assert proc.returncode == 2
    assert len(errors) == 1 and errors[0].startswith("bnviz: error:") and message in errors[0]
    assert proc.stdout == "" and not (tmp_path / "results").exists()


def test_an_unwritable_out_is_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    proc = bnviz("figures", "--out", str(blocker / "figures"), cwd=tmp_path)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("bnviz")]
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(errors) == 1 and str(blocker) in errors[0], proc.stderr
    assert blocker.read_text() == "not a directory"


def test_version_names_the_installed_package():
    from importlib.metadata import version

    proc = subprocess.run(
        [sys.executable, "-m", "bnviz.cli", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stdout.strip() == f"bnviz {version('bnviz')}"


def test_status_and_claims_on_committed_results(root):
    status = bnviz("status", cwd=root)
    assert status.returncode == 0, status.stderr
    assert "training_curves          quick  current" in status.stdout
    claims = bnviz("claims", cwd=root)
    assert claims.returncode == 0, claims.stderr
    # one line per claim, each with the outcome its page states, then the count per outcome
    from collections import Counter

    from bnviz import claims as registry

    line = re.compile(r"^(.{13}) (?:claim|check|measurement) ([\w-]+): ")
    shown = {m[2]: m[1].strip().lower() for m in map(line.match, claims.stdout.splitlines()) if m}
    expected = {c.id: c.expected for c in registry.all_claims().values()}
    assert shown == expected
    counts = Counter(expected.values())
    assert ", ".join(f"{n} {outcome}" for outcome, n in counts.most_common()) in (
        claims.stdout.splitlines()
    )
    # each judged or shown claim prints its resolution against its margin
    assert claims.stdout.count("resolution: ±") == sum(
        c.kind != "check" for c in registry.all_claims().values()
    )


def test_verify_reruns_with_fresh_seeds_into_a_scratch_directory(smoke_results, tmp_path):
    env = {"BNVIZ_RESULTS": str(smoke_results)}
    out = tmp_path / "fresh"
    args = ["verify", "mode_gap", "--profile", "smoke", "--seeds", "7,8", "--out", str(out)]
    proc = bnviz(*args, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "mode-gap-early" in proc.stdout and "committed" in proc.stdout
    fresh = json.loads((out / "mode_gap" / "smoke.json").read_text())
    assert fresh["spec"]["seeds"] == [7, 8]
    committed = json.loads((smoke_results / "mode_gap" / "smoke.json").read_text())
    assert committed["spec"]["seeds"] == [0]  # the committed result is untouched


def test_verify_never_writes_into_results(root):
    out = str(root / "results" / "scratch")
    proc = bnviz("verify", "mode_gap", "--seeds", "7,8", "--out", out, cwd=root)
    assert proc.returncode == 2 and "inside results/" in proc.stderr
    assert not (root / "results" / "scratch").exists()


def test_verify_against_a_folder_compares_every_comparison(smoke_results):
    """Two blocks that are the same results: every Welch p is 1, none below 0.05, no claim
    moves; the summary line says so."""
    env = {"BNVIZ_RESULTS": str(smoke_results)}
    proc = bnviz(
        "verify", "training_curves", "--profile", "smoke", "--against", str(smoke_results), env=env
    )
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.startswith("curves-")]
    assert rows and all(line.split()[-1] in ("1.000", "nan") for line in rows)
    assert "in 0.0%" in proc.stdout or "in nan%" in proc.stdout
    assert "contradicted in the other: none" in proc.stdout


def test_run_smoke_writes_a_result_and_a_silent_network_falls_back(tmp_path):
    """The real command in its own process, online as far as it knows (no BNVIZ_OFFLINE, an
    empty Keras cache), behind a proxy that accepts connections and never answers, as a
    network that drops packets does: the MNIST download gives up after
    BNVIZ_DOWNLOAD_TIMEOUT and the run goes on with the 5,000 offline digits."""
    import threading

    silent = socket.create_server(("127.0.0.1", 0))
    held = []  # accepted connections, kept open and never answered
    threading.Thread(
        target=lambda: [held.append(silent.accept()) for _ in range(8)], daemon=True
    ).start()
    proxy = f"http://127.0.0.1:{silent.getsockname()[1]}"
    env = {**os.environ, "BNVIZ_RESULTS": str(tmp_path / "r"), "KERAS_HOME": str(tmp_path / "k")}
    env |= {"HTTPS_PROXY": proxy, "https_proxy": proxy, "BNVIZ_DOWNLOAD_TIMEOUT": "2"}
    env.pop("BNVIZ_OFFLINE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "bnviz.cli", "run", "training_curves", "--profile", "smoke"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        env=env,
    )
    silent.close()
    assert proc.returncode == 0, proc.stderr
    assert held, "the download never tried the network"
    result = json.loads((tmp_path / "r" / "training_curves" / "smoke.json").read_text())
    assert result["data"]["id"] == "mnist-5k"


def test_a_bad_download_timeout_stops_only_the_commands_that_download():
    bad = {"BNVIZ_DOWNLOAD_TIMEOUT": "soon"}
    proc = bnviz("run", "training_curves", "--profile", "smoke", env=bad)
    assert proc.returncode == 2 and proc.stderr.startswith("bnviz: error: BNVIZ_DOWNLOAD_TIMEOUT")
    assert len(proc.stderr.strip().splitlines()) == 1
    for args in (("--version",), ("list",)):
        proc = bnviz(*args, env=bad)
        assert proc.returncode == 0 and not proc.stderr, args


def test_require_gpu_fails_in_one_line_before_training(tmp_path):
    import tensorflow as tf

    if tf.config.list_physical_devices("GPU"):
        pytest.skip("this machine has a GPU: --require-gpu would train")
    proc = bnviz("run", "training_curves", "--profile", "smoke", "--require-gpu", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        "bnviz: error: --require-gpu: TensorFlow sees no GPU (no driver, no CUDA build of "
        "TensorFlow, or no device); nothing was trained"
    ]
    assert not (tmp_path / "results").exists()


def test_claims_between_profiles_lists_each_changed_outcome(root, smoke_results, tmp_path):
    """The GPU workflow's pull request lists the claims whose outcome differs between the
    quick and the full result; here smoke results stand in for full ones."""
    import shutil

    from bnviz import claims, results

    names = ("training_curves", "lr_sweep")
    for name in names:
        (tmp_path / name).mkdir()
        for suffix in (".json", ".npz"):
            quick = root / "results" / name / f"quick{suffix}"
            smoke = smoke_results / name / f"smoke{suffix}"
            if quick.exists():
                shutil.copy(quick, tmp_path / name / f"quick{suffix}")
            if smoke.exists():
                shutil.copy(smoke, tmp_path / name / f"full{suffix}")
    from bnviz.claims import report

    expected = []
    ids = [c for c in claims.all_claims().values() if c.experiment in names]
    for claim in ids:
        outcomes = [
            claim.check(results.load(claim.experiment, p, tmp_path)).outcome
            for p in ("quick", "full")
        ]
        if outcomes[0] != outcomes[1]:
            expected.append((claim.id, *outcomes))
    assert report.between("quick", "full", tmp_path) == (expected, len(ids))
    assert expected, "smoke results should judge some claim differently from quick ones"
    table = report.between_markdown("quick", "full", tmp_path)
    assert table.count("\n| `") == len(expected)
    assert f"{len(ids)} claim(s) judged under both profiles; {len(expected)} changed" in table
    assert report.between("quick", "full", tmp_path / "nothing") == ([], 0)
    proc = bnviz("claims", "--between", "quick,huge", cwd=root)
    assert proc.returncode == 2 and "unknown profile 'huge'" in proc.stderr
