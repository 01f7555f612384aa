"""Results cache: `results/<experiment>/<profile>.json` (+ `.npz` for big arrays), with provenance.

A result is addressed by a hash of its spec and of the source of the code that produced it; when
the code changes, the stored hash no longer matches and the result is reported as stale.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import subprocess
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bnviz import experiments
from bnviz.codehash import dependencies, module_file, reached_hash
from bnviz.errors import BnvizError

FORMAT = 1  # bump when the file layout changes


def results_root() -> Path:
    """$BNVIZ_RESULTS, else `results/` of the project that contains the working directory."""
    if os.environ.get("BNVIZ_RESULTS"):
        return Path(os.environ["BNVIZ_RESULTS"])
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "mkdocs.yml").exists() and (folder / "results").is_dir():
            return folder / "results"
    return Path.cwd() / "results"


def spec_dict(spec) -> dict:
    return json.loads(json.dumps(dataclasses.asdict(spec)))


def code_hash(experiment: experiments.Experiment, spec) -> str:
    """sha256 of the spec and of the code the experiment can reach (see `bnviz.codehash`:
    code it never runs, docstrings, comments and formatting do not count)."""
    spec_json = json.dumps(spec_dict(spec), sort_keys=True).encode()
    return reached_hash(experiment.module, spec_json)


def _git(*args: str) -> str:
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(["git", *args], cwd=here, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def hardware() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import tensorflow as tf

    gpus = [
        tf.config.experimental.get_device_details(d).get("device_name", d.name)
        for d in tf.config.list_physical_devices("GPU")
    ]
    return {"cpu": cpu, "cpu_count": os.cpu_count(), "gpus": gpus}


def code_files(experiment: experiments.Experiment) -> list[str]:
    """The source files whose code is hashed into the experiment's results."""
    return [str(module_file(module)) for module in dependencies(experiment.module)]


def code_state(experiment, spec) -> dict:
    """The code a run starts from: its hash, the commit, and whether the experiment's files
    have uncommitted changes (other edits don't count)."""
    return {
        "code_hash": code_hash(experiment, spec),
        "git_commit": _git("rev-parse", "HEAD") or None,
        "git_dirty": bool(_git("status", "--porcelain", "--", *code_files(experiment))),
    }


def provenance(code: dict, wall_time_s: float) -> dict:
    """`code` (from `code_state`, taken when the run started), then when, how long, and on
    which versions and hardware."""
    import keras
    import tensorflow as tf

    return {
        **code,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "wall_time_s": round(wall_time_s, 1),
        "versions": {
            "python": platform.python_version(),
            "tensorflow": tf.__version__,
            "keras": keras.__version__,
            "numpy": np.__version__,
        },
        "hardware": hardware(),
    }


@dataclass
class Result:
    experiment: str
    profile: str
    spec: dict
    data: dict
    provenance: dict
    payload: dict
    arrays: dict[str, np.ndarray]
    path: Path | None = None  # where it was loaded from

    def outcomes(self, *path) -> np.ndarray:
        """The per-image outcomes stored at `path` in the payload, e.g.
        `result.outcomes("histories", "batch", 0, "val_correct")`."""
        name = OUTCOMES + "/".join(str(p) for p in path)
        if name not in self.arrays:
            raise BnvizError(
                f"result {self.experiment} ({self.profile}) stores no per-image outcomes "
                f"{name!r}; re-run it with `bnviz run {self.experiment}`"
            )
        return self.arrays[name]

    @property
    def stale(self) -> bool:
        exp = experiments.get(self.experiment)
        return self.provenance["code_hash"] != code_hash(exp, exp.specs[self.profile])


OUTCOMES = "outcomes/"  # array names of per-image outcomes: outcomes/<path in the payload>


def pop_outcomes(payload, path: str = "") -> dict[str, np.ndarray]:
    """Move every per-image outcome (a boolean array, e.g. a history's `val_correct`) out of
    the JSON payload into arrays named by where it was: `outcomes/histories/batch/0/val_correct`.
    Saved compressed in the `.npz`, one byte per image before compression."""
    found = {}
    items = payload.items() if isinstance(payload, dict) else enumerate(payload)
    for key, value in list(items):
        where = f"{path}{key}"
        if isinstance(value, np.ndarray) and value.dtype == bool:
            found[OUTCOMES + where] = value
            if isinstance(payload, dict):
                del payload[key]
            else:  # a placeholder in a list: the array is in the `.npz`
                payload[key] = None
        elif isinstance(value, dict | list):
            found.update(pop_outcomes(value, where + "/"))
    return found


def result_path(name: str, profile: str, root: Path | None = None) -> Path:
    return (root or results_root()) / name / f"{profile}.json"


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; results are shared files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(result: Result, root: Path | None = None) -> Path:
    path = result_path(result.experiment, result.profile, root)
    if result.arrays:
        _atomic_write(path.with_suffix(".npz"), lambda f: np.savez_compressed(f, **result.arrays))
    record = {
        "format": FORMAT,
        "experiment": result.experiment,
        "profile": result.profile,
        "seeds": result.spec.get("seeds"),
        "spec": result.spec,
        "data": result.data,
        "provenance": result.provenance,
        "payload": result.payload,
        "arrays": sorted(result.arrays),
    }
    text = json.dumps(record, indent=1, sort_keys=False) + "\n"
    _atomic_write(path, lambda f: f.write(text.encode()))
    return path


def load(name: str, profile: str, root: Path | None = None) -> Result:
    path = result_path(name, profile, root)
    rerun = f"run `bnviz run {name} --profile {profile}`"
    if not path.exists():
        raise BnvizError(f"no result for {name} ({profile}) at {path}; {rerun}")
    try:
        record = json.loads(path.read_text())
        if (found := record.get("format")) != FORMAT:
            raise BnvizError(f"result {path} has format {found!r}, this bnviz reads {FORMAT}")
        arrays = {}
        if record.get("arrays"):
            npz_path = path.with_suffix(".npz")
            try:
                with np.load(npz_path) as npz:
                    arrays = {k: npz[k] for k in record["arrays"]}
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
                raise BnvizError(f"corrupt result {npz_path} ({exc}); {rerun}") from exc
        return Result(
            record["experiment"],
            record["profile"],
            record["spec"],
            record["data"],
            record["provenance"],
            record["payload"],
            arrays,
            path,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BnvizError(f"corrupt result {path} ({exc}); {rerun}") from exc


def run_experiment(
    name: str,
    profile: str,
    data_source: str | None = None,
    root: Path | None = None,
    spec=None,
) -> tuple[Result, Path]:
    """Train experiment `name` under `profile` (or under `spec`, a changed copy of the
    profile's settings, e.g. other seeds) and store the result; return it and its path."""
    experiment = experiments.get(name)
    spec = spec or experiment.specs[experiments.check_profile(profile)]
    code = code_state(experiment, spec)
    start = time.perf_counter()
    payload = experiment.run(spec, data_source)
    wall = time.perf_counter() - start
    if code_hash(experiment, spec) != code["code_hash"]:
        # the result would carry the hash of code it did not run
        raise BnvizError(f"{name}: its code changed while it ran; nothing stored, run it again")
    arrays = {**payload.pop("arrays", {}), **pop_outcomes(payload)}
    result = Result(
        name,
        profile,
        spec_dict(spec),
        payload.pop("data"),
        provenance(code, wall),
        payload,
        arrays,
    )
    return result, save(result, root)


def status(root: Path | None = None) -> list[dict]:
    """One row per experiment and profile: current, stale, missing or corrupt."""
    rows = []
    for name in experiments.registry():
        for profile in experiments.PROFILES:
            row = {"experiment": name, "profile": profile, "state": "missing"}
            if result_path(name, profile, root).exists():
                try:
                    result = load(name, profile, root)
                    row.update(
                        state="stale" if result.stale else "current",
                        data=result.data.get("id"),
                        wall_time_s=result.provenance.get("wall_time_s"),
                        created=result.provenance.get("created"),
                    )
                except BnvizError as exc:
                    row.update(state="corrupt", detail=str(exc))
            rows.append(row)
    return rows


def site_profiles() -> tuple[str, ...]:
    """Profiles the site may show, best first: $BNVIZ_SITE_PROFILE alone, else full then quick."""
    wanted = os.environ.get("BNVIZ_SITE_PROFILE")
    return (experiments.check_profile(wanted),) if wanted else ("full", "quick")


def load_for_site(name: str) -> Result:
    for profile in site_profiles():
        if result_path(name, profile).exists():
            return load(name, profile)
    raise BnvizError(
        f"no {'/'.join(site_profiles())} result for {name}; "
        f"run `bnviz run {name} --profile quick` and commit results/"
    )
