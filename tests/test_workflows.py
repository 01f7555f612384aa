"""Workflows pass actionlint and zizmor; CI runs exactly the README's test command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    command = "bash .ci/setup && .venv/bin/python -m pytest"
    assert f"```bash\n{command}\n```" in readme
    assert (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1] == command


def actionlint(*files):
    return subprocess.run(
        ["node", str(ROOT / ".ci" / "actionlint.cjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(not shutil.which("node"), reason="needs node for actionlint (WASM)")
def test_actionlint():
    proc = actionlint(*WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(not shutil.which("node"), reason="needs node for actionlint (WASM)")
def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ nope.value }}\n"
    )
    proc = actionlint(broken)
    assert proc.returncode == 1 and 'undefined variable "nope"' in proc.stdout


def test_the_gpu_workflow_is_manual_and_writes_only_where_it_must():
    text = (ROOT / ".github" / "workflows" / "train-gpu.yml").read_text()
    triggers = text.split("\non:\n", 1)[1].split("\npermissions:", 1)[0]
    assert "workflow_dispatch:" in triggers and "pull_request" not in triggers
    assert text.count("contents: write") == 1 and "vars.GPU_RUNNER" in text
    pages = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    deploy = pages.split("\n  deploy:\n", 1)[1]
    assert "pages: write" in deploy and pages.count("pages: write") == 1


def test_zizmor():
    zizmor = Path(sys.executable).parent / "zizmor"
    proc = subprocess.run(
        [str(zizmor), "--offline", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
