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


# Every action a workflow uses, pinned by commit. Each pin was read from the action's own
# repository at that tag (`runs.using` in its action.yml): Node 24, a composite of Node 24
# actions, or Docker. Node 20 and older actions (checkout v4, configure-pages v5) no longer
# run on GitHub's hosted runners. A new pin is added here after the same check.
PINS = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),  # node24
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),  # node24
    "actions/upload-artifact": ("bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),  # node24
    "actions/download-artifact": ("3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"),  # node24
    # composite: upload-artifact v7.0.0
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),  # node24
    "pypa/gh-action-pypi-publish": ("81e9d935c883d0b210363ab89cf05f3894778450", "v1.8.14"),
}


def test_every_action_is_pinned_to_a_checked_commit():
    import re

    uses = re.compile(r"^\s*(?:- )?uses: ([\w./-]+)@(\S+)(?:\s+# (\S+))?\s*$")
    seen = set()
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            if "uses:" not in line or line.lstrip().startswith("#"):
                continue
            match = uses.match(line)
            assert match, f"{workflow.name}: unparsed `uses:` line {line!r}"
            action, ref, comment = match.groups()
            assert action in PINS, f"{workflow.name}: {action} is not a checked pin"
            assert (ref, comment) == PINS[action], f"{workflow.name}: {line.strip()}"
            seen.add(action)
    assert "actions/configure-pages" not in seen  # Node 20; the address comes from `gh api`
