"""Shared fixtures. Every test runs under the smoke profile unless it says otherwise."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import background
import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ["BNVIZ_PROFILE"] = "smoke"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# smoke trainings are too short to gain from worker processes, and the session already
# keeps both cores busy; tests/test_workers.py checks the workers themselves
os.environ["BNVIZ_WORKERS"] = "1"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site, built once per test session with `mkdocs build --strict` from committed
    results, in a background process (`background.site`)."""
    return background.site().finish(timeout=900) / "site"


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
def smoke_results() -> Path:
    """Every experiment run once under the smoke profile, into a scratch results directory,
    in a background process (`background.smoke`)."""
    return background.smoke().finish(timeout=1800) / "results"


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


SMOKE = {"smoke_results", "smoke_payloads", "smoke_runs"}
SITE = {"built_site", "project_copy"}


@pytest.hookimpl(trylast=True)  # after `-m` / `-k` have deselected
def pytest_collection_modifyitems(config, items):
    """Start the background jobs the collected tests need (`background.py`), and order the
    test modules so that those that need nothing run first, then those that need the built
    site, then those that need the smoke results (a module moves whole, keeping its order),
    and the full-spec trials last: each job works while the tests before it run, and the
    session waits for the trials only at its end. The trials are the longest job and the
    smoke runs the one the most tests wait for, so the rest of the session runs at a lower
    priority (`nice`): its tests fill the time the two jobs leave."""
    from full_trials import MAX_STEPS, start

    def needs(item) -> int:
        names = set(item.fixturenames)
        return 3 if "trials" in names else 2 if names & SMOKE else 1 if names & SITE else 0

    rank: dict[str, int] = {}
    for item in items:
        rank[item.module.__name__] = max(rank.get(item.module.__name__, 0), min(needs(item), 2))
    items.sort(key=lambda item: 3 if needs(item) == 3 else rank[item.module.__name__])
    names = [item.callspec.params["name"] for item in items if needs(item) == 3]
    if names:
        start(MAX_STEPS, names)
    if 2 in rank.values():
        background.smoke()
    if names:
        os.nice(10)  # inherited by every process started from now on
    if 1 in rank.values():
        background.site()


def pytest_unconfigure(config):
    background.stop_all()
