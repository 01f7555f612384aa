"""Work the test session hands to background processes, so that it runs while other tests do.

Three jobs: every experiment's smoke run (`smoke_runs.py`), the site's strict build, and the
full-spec trials (`full_trials.py`). `conftest.py` starts each one when the session collects
a test that needs it, and orders the tests so that those come after the tests that need
none; the fixture that gives a job's output waits for it (and starts it, if it does not run
yet). Much of a smoke run or a trial is single-threaded Python (building models, tracing
graphs), so on 2 cores the jobs and the other tests keep both cores busy.

Each job writes only into its own temporary directory (its output and `process.log`); the
session removes the directories at its end (`stop_all`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent


@dataclass
class Job:
    name: str
    process: subprocess.Popen
    out: Path

    def log(self) -> str:
        return (self.out / "process.log").read_text()[-5000:]

    def finish(self, timeout: float) -> Path:
        """Wait for the process to end; its directory, or a failure that shows its log."""
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"{self.name}: still running after {timeout:.0f} s") from None
        assert code == 0, f"{self.name} exited with {code}:\n{self.log()}"
        return self.out


JOBS: dict[str, Job] = {}


def start(
    name: str,
    argv: Callable[[Path], list[str]],
    env: Callable[[Path], dict[str, str]] = lambda out: {},
) -> Job:
    """Job `name`, started now unless it already runs: `argv(out)` in the project's folder,
    with `env(out)` added to this process's environment; `out` is the job's own directory."""
    if name not in JOBS:
        out = Path(tempfile.mkdtemp(prefix=f"bnviz-{name}-"))
        with (out / "process.log").open("w") as log:
            process = subprocess.Popen(
                argv(out),
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, **env(out)},
                start_new_session=True,  # its own process group: `stop_all` ends its children
            )
        JOBS[name] = Job(name, process, out)
    return JOBS[name]


def smoke() -> Job:
    """Every experiment once under the smoke profile, into `out / "results"`."""
    return start("smoke", lambda out: [sys.executable, str(TESTS / "smoke_runs.py"), str(out)])


def site() -> Job:
    """The site, built with `mkdocs build --strict` from committed results into `out / "site"`."""
    return start(
        "site",
        lambda out: [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out / "site")],
    )


def stop_all() -> None:
    for job in JOBS.values():
        with contextlib.suppress(ProcessLookupError):  # the group may have ended already
            os.killpg(job.process.pid, signal.SIGKILL)
        job.process.wait()
        shutil.rmtree(job.out, ignore_errors=True)
    JOBS.clear()
