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


@pytest.mark.skipif(not shutil.which("node"), reason="needs node for actionlint (WASM)")
def test_actionlint():
    proc = subprocess.run(
        ["node", str(ROOT / ".ci" / "actionlint.mjs"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor():
    zizmor = Path(sys.executable).parent / "zizmor"
    proc = subprocess.run(
        [str(zizmor), "--offline", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
