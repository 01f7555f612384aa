"""Shared fixtures. Every test runs under the smoke profile unless it says otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ["BNVIZ_PROFILE"] = "smoke"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session with `mkdocs build --strict` from committed results."""
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project's site sources, so a test can break a result without harm."""
    dest = tmp_path / "project"
    for name in ("docs", "snippets", "results", "src"):
        shutil.copytree(
            ROOT / name, dest / name, ignore=shutil.ignore_patterns("figures", "__pycache__")
        )
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture(scope="session")
def smoke_results(tmp_path_factory) -> Path:
    """Every experiment run once under the smoke profile, into a scratch results directory."""
    from bnviz import experiments, results

    out = tmp_path_factory.mktemp("smoke-results")
    for name in experiments.registry():
        results.run_experiment(name, "smoke", root=out)
    return out
