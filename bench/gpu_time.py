"""How long each `full` experiment should take on a GPU runner, estimated before running it.

For every experiment, in one run:

1. `bnviz run NAME --profile quick --max-steps 1` on this machine's offline data prints the
   quick profile's planned training work for one seed (optimizer steps; FLOPs from
   `bnviz.nn.flops`, training = 3 × forward). With the committed quick result's wall time,
   that gives the rate this CPU achieved on the experiment, everything included (probes,
   evaluation, data): an *effective* FLOP/s.
2. `bnviz run NAME --profile full --max-steps 1` prints the full profile's planned work, with
   Keras' loaders reading full-size generated files in the downloads' formats
   (`tests/keras_files.py`; Fashion-MNIST is Debian's real copy), so the step counts are the
   real ones. Planned work × the number of seeds = the full run's work.
3. CPU estimate = full work / this CPU's effective rate. GPU estimate, per training, is the
   larger of two floors: steps × a per-step time (Keras' dispatch and a small model's kernel
   launches, `--step-ms`) and FLOPs / (the GPU's peak × `--utilization`). Probes, evaluation
   and data loading are not in the GPU estimate (they are in the CPU one, through the
   effective rate), so it is a lower bound where they dominate.

Experiments that do not train through the harness's `train_model` (BN's timing, style
transfer's own training loop) have no planned work; they print their quick wall time only.

    .venv/bin/python bench/gpu_time.py [--only a,b] [--gpu-tflops 8.1] [--utilization 0.3]
        [--step-ms 4] [--write README.md]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from keras_files import write_cifar10, write_mnist, write_vgg19_weights  # noqa: E402

from bnviz.experiments import catalog  # noqa: E402

PLANNED = re.compile(
    r"planned for seed \d+: (\d+) trainings, ([\d,]+) optimizer steps, ([\d.e+-]+) PFLOP"
)
SEEDS = re.compile(r"seed \d+ of (\d+)")
TRIAL = (
    "import sys, keras.src.utils.file_utils as f; f.validate_file = lambda *a, **k: True; "
    "from bnviz.cli import main; raise SystemExit(main(sys.argv[1:]))"
)
START, END = "<!-- gpu-time:start -->", "<!-- gpu-time:end -->"


def keras_home(folder: Path) -> Path:
    """A KERAS_HOME with full-size generated MNIST and CIFAR-10 and VGG19's weight file."""
    datasets, models = folder / "datasets", folder / "models"
    datasets.mkdir(parents=True)
    models.mkdir()
    rng = np.random.default_rng(0)
    write_mnist(datasets, rng, n_train=60_000, n_test=10_000)
    write_cifar10(datasets, rng, n_test=10_000)
    write_vgg19_weights(models)
    return folder


def trial(name: str, profile: str, home: Path | None) -> dict:
    """Planned work of one seed and the number of seeds, from `bnviz run --max-steps 1`."""
    env = {**os.environ, "BNVIZ_RESULTS": tempfile.mkdtemp(prefix="bnviz-gpu-time-")}
    if home is None:
        env["BNVIZ_OFFLINE"] = "1"  # the quick results were made from the offline sources
    else:
        env["KERAS_HOME"] = str(home)
        env.pop("BNVIZ_OFFLINE", None)
    args = ["run", name, "--profile", profile, "--max-steps", "1"]
    proc = subprocess.run(
        [sys.executable, "-c", TRIAL, *args], capture_output=True, text=True, env=env
    )
    if proc.returncode != 0:
        raise SystemExit(f"{name} ({profile}) did not start:\n{proc.stderr[-2000:]}")
    seeds = int(SEEDS.search(proc.stdout)[1])
    match = PLANNED.search(proc.stdout)
    if not match:
        return {"seeds": seeds, "trainings": 0, "steps": 0, "flops": 0.0}
    trainings, steps, pflop = match.groups()
    return {
        "seeds": seeds,
        "trainings": int(trainings) * seeds,
        "steps": int(steps.replace(",", "")) * seeds,
        "flops": float(pflop) * 1e15 * seeds,
    }


def quick_wall_time(name: str) -> float:
    result = json.loads((ROOT / "results" / name / "quick.json").read_text())
    return result["provenance"]["wall_time_s"]


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def planned(name: str, home: Path, cache: dict) -> tuple[dict, dict]:
    """The quick and full planned work, from the trials or from `--cache` (trials take a while;
    the table can then be redrawn after the quick results change)."""
    if name not in cache:
        cache[name] = {"quick": trial(name, "quick", None), "full": trial(name, "full", home)}
    return cache[name]["quick"], cache[name]["full"]


def estimate(name: str, home: Path, args, cache: dict) -> dict:
    quick, full = planned(name, home, cache)
    wall = quick_wall_time(name)
    row = {"name": name, "seeds": full["seeds"], "steps": full["steps"], "quick_s": wall}
    if not quick["flops"] or not full["flops"]:
        return row
    rate = quick["flops"] / wall  # this CPU's effective training FLOP/s on this experiment
    gpu_rate = args.gpu_tflops * 1e12 * args.utilization
    gpu = max(full["steps"] * args.step_ms / 1e3, full["flops"] / gpu_rate)
    row |= {"pflop": full["flops"] / 1e15, "cpu_rate": rate, "cpu_s": full["flops"] / rate}
    return row | {"gpu_s": gpu}


def table(rows: list[dict], args) -> str:
    lines = [
        "| experiment | seeds | optimizer steps | training PFLOP | quick here | full, this CPU "
        "| full, GPU estimate |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        if "gpu_s" in r:
            cells = [f"{r['pflop']:.3g}", _duration(r["quick_s"]), _duration(r["cpu_s"])]
            cells.append(_duration(r["gpu_s"]))
        else:
            cells = ["—", _duration(r["quick_s"]), "—", "not estimated (own loop)"]
        lines.append(
            f"| `{r['name']}` | {r['seeds']} | {r['steps']:,} | " + " | ".join(cells) + " |"
        )
    lines.append(
        f"\nGPU: {args.gpu_tflops} TFLOP/s peak (FP32) at {args.utilization:.0%} utilization, "
        f"at least {args.step_ms} ms per optimizer step; `bench/gpu_time.py` states the method."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=None, help="comma-separated experiments")
    parser.add_argument("--gpu-tflops", type=float, default=8.1, help="peak FP32 (T4: 8.1)")
    parser.add_argument("--utilization", type=float, default=0.3)
    parser.add_argument("--step-ms", type=float, default=4.0)
    parser.add_argument("--write", default=None, help="replace the table in this Markdown file")
    parser.add_argument("--cache", default=None, help="JSON file of the trials' planned work")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(catalog.MODULES)
    cache_path = Path(args.cache) if args.cache else None
    cache = json.loads(cache_path.read_text()) if cache_path and cache_path.exists() else {}
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        if any(name not in cache for name in names):
            keras_home(home)
        rows = []
        for name in names:
            rows.append(estimate(name, home, args, cache))
            print(rows[-1], flush=True)
            if cache_path:
                cache_path.write_text(json.dumps(cache, indent=1))
    text = table(rows, args)
    print(text)
    if args.write:
        path = Path(args.write)
        before, _, rest = path.read_text().partition(START)
        _, _, after = rest.partition(END)
        path.write_text(f"{before}{START}\n{text}\n{END}{after}")


if __name__ == "__main__":
    main()
