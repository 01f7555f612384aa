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
def redirect_source(monkeypatch):
    """`redirect(module, path)`: from then on, code hashes read `module`'s source from `path`
    (an edited copy), as if the module had been edited in place."""
    from bnviz import codehash

    real = codehash.module_file

    def redirect(module: str, path: Path) -> None:
        monkeypatch.setattr(codehash, "module_file", lambda m: path if m == module else real(m))

    return redirect


@pytest.fixture
def project_copy(tmp_path, built_site) -> Path:
    """A copy of the project's site sources, so a test can break a result without harm; with
    the figures the site's build rendered (and their stamps), so only what the test breaks
    is drawn again."""
    dest = tmp_path / "project"
    for name in ("docs", "snippets", "results", "src"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
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


@pytest.fixture(scope="session")
def smoke_payloads(smoke_results) -> dict[str, dict]:
    """What each experiment's `run()` returned under the smoke profile, read back from the
    session's smoke results (so every experiment trains once per test session)."""
    from bnviz import experiments, results

    payloads = {}
    for name in experiments.registry():
        result = results.load(name, "smoke", smoke_results)
        payload = {**result.payload, "data": result.data}
        if result.arrays:
            payload["arrays"] = result.arrays
        payloads[name] = payload
    return payloads


@pytest.fixture
def smoke_runs(smoke_payloads, monkeypatch):
    """Make every experiment module's `run(spec)` return the session's smoke payload when it is
    called with the smoke spec (any other spec still trains): pages and snippets then run all
    their own code, without training the same smoke runs again."""
    import copy
    from importlib import import_module

    from bnviz import experiments

    for experiment in experiments.registry().values():
        module = import_module(experiment.module)

        def run(spec, data_source=None, real=module.run, experiment=experiment):
            if spec == experiment.specs["smoke"] and data_source is None:
                return copy.deepcopy(smoke_payloads[experiment.name])
            return real(spec, data_source)

        monkeypatch.setattr(module, "run", run)


@pytest.hookimpl(trylast=True)  # after `-m` / `-k` have deselected
def pytest_collection_modifyitems(config, items):
    """Start the full-spec trials in the background as soon as they are collected: they
    train in their own process while every other test runs (`full_trials.py`); the tests
    that read their outcomes go last, so the session waits for them only at its end."""
    import tempfile

    from full_trials import MAX_STEPS, RUNNING, start

    def is_trial(item) -> bool:
        return getattr(item, "originalname", "") == "test_full_spec_starts"

    items.sort(key=is_trial)  # stable: the other tests keep their order
    names = [item.callspec.params["name"] for item in items if is_trial(item)]
    if names and not RUNNING:
        out = Path(tempfile.mkdtemp(prefix="bnviz-trials-"))
        RUNNING.update(process=start(out, MAX_STEPS, names), out=out)


def pytest_unconfigure(config):
    from full_trials import RUNNING

    if RUNNING:
        if RUNNING["process"].poll() is None:
            RUNNING["process"].kill()
            RUNNING["process"].wait()
        shutil.rmtree(RUNNING["out"], ignore_errors=True)
