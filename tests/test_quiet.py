"""A reader sees the package's own output: no TensorFlow start-up lines (`bnviz.quiet`)."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# what TensorFlow's C++ start-up prints: absl's pre-init warning and glog-style lines
TF_LINE = re.compile(r"absl::InitializeLog|^[IWEF]\d{4} |cuda|cpu_feature_guard", re.M)


def _run(*args, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_CPP", "BNVIZ_TF"))}
    env |= {"BNVIZ_PROFILE": "smoke", "BNVIZ_OFFLINE": "1"}
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, timeout=600)


def test_an_unknown_experiment_is_one_line_without_tensorflow_noise():
    proc = _run(sys.executable, "-m", "bnviz.cli", "run", "nope")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()], proc.stderr
    assert proc.stderr.startswith("bnviz: error: unknown experiment 'nope'")


def test_a_smoke_snippet_prints_only_its_own_output(tmp_path):
    snippet = ROOT / "snippets" / "inference" / "simple_batch_norm.py"  # imports Keras too
    proc = _run(sys.executable, str(snippet), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not TF_LINE.search(proc.stderr + proc.stdout), proc.stderr
    assert "inference mode, alone == in batch: True" in proc.stdout
